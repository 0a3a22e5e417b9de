package org.webims.sip.container.proxy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import javax.servlet.sip.Proxy;
import javax.servlet.sip.ProxyBranch;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipSession.State;
import javax.servlet.sip.SipURI;
import javax.servlet.sip.URI;
import javax.sip.ListeningPoint;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.header.ContactHeader;
import javax.sip.header.ReasonHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.sip.container.address.JainURIs;
import org.webims.sip.container.message.ContainerMessage;
import org.webims.sip.container.message.ContainerRequest;
import org.webims.sip.container.message.ContainerResponse;
import org.webims.sip.container.session.ContainerSipSession;
import org.webims.sip.container.transaction.OutboundInterface;
import org.webims.sip.container.transaction.Transmitter;

/**
 * A stateful proxy for one received request (JSR 289 §10, RFC 3261 §16): the target set and its
 * branches, parallel or sequential, recursion on 3xx, and the response context that decides what
 * goes upstream and when. It stays with its SIP session: when it record-routes, the dialog's later
 * requests come back to it and are relayed too.
 *
 * <p>Everything here runs on the application session's executor: the servlet's calls, and the
 * responses, timeouts and CANCELs the stack reports, which are queued there.
 */
public final class ContainerProxy implements Proxy {
    private static final Logger LOG = LoggerFactory.getLogger(ContainerProxy.class);
    /** JSR 289 §10.2: the default proxy timeout, RFC 3261 §16.6 step 11 (Timer C, more than 3 minutes). */
    static final int DEFAULT_PROXY_TIMEOUT_SECONDS = 180;

    private final ProxyLayer layer;
    private final ContainerRequest original;
    private final ContainerSipSession session;

    private boolean parallel = true;
    private boolean recurse = true;
    private boolean recordRoute;
    private boolean supervised = true;
    private boolean addToPath;
    private boolean noCancel;
    private int proxyTimeout = DEFAULT_PROXY_TIMEOUT_SECONDS;
    private InetSocketAddress outboundInterface;
    private SipURI recordRouteView;
    private SipURI pathView;

    private final List<ContainerProxyBranch> topLevel = new ArrayList<>();
    /** Created with createProxyBranches, waiting for startProxy. */
    private final List<ContainerProxyBranch> unstarted = new ArrayList<>();
    /** To be started, in order: all at once when parallel, one at a time when sequential. */
    private final Deque<ContainerProxyBranch> queue = new ArrayDeque<>();
    /** Started, without a final response yet. */
    private final List<ContainerProxyBranch> active = new ArrayList<>();
    /** RFC 3261 §16.7 step 4: the final non-2xx responses received, for choosing the best. */
    private final List<ContainerResponse> finalResponses = new ArrayList<>();
    /** RFC 3261 §16.5: a target is tried once. */
    private final TargetSet targets = new TargetSet();
    private final List<SubsequentRequestRelay> relays = new ArrayList<>();

    /** A final response went upstream: the transaction of the original request is over. */
    private boolean completed;
    private boolean cancelled;
    private boolean recordRouted;

    ContainerProxy(ProxyLayer layer, ContainerRequest original, ContainerSipSession session) {
        this.layer = layer;
        this.original = original;
        this.session = session;
    }

    ProxyLayer layer() {
        return layer;
    }

    ContainerSipSession session() {
        return session;
    }

    Executor executor() {
        return session.containerApplicationSession().executor();
    }

    // --- javax.servlet.sip.Proxy: targets and starting ---------------------------------------------

    @Override
    public SipServletRequest getOriginalRequest() {
        return original;
    }

    @Override
    public void proxyTo(URI uri) {
        proxyTo(List.of(Objects.requireNonNull(uri, "uri")));
    }

    @Override
    public void proxyTo(List<? extends URI> uris) {
        createProxyBranches(uris);
        startProxy();
    }

    /**
     * Branches for the URIs not yet in the target set, in order: a URI already in it, or named twice
     * here, gets no second branch (RFC 3261 §16.5), and {@link #getProxyBranch} finds its branch.
     * JSR 289 does not say what duplicates do; this keeps one branch, and one request, per target.
     */
    @Override
    public List<ProxyBranch> createProxyBranches(List<? extends URI> uris) {
        checkActive();
        Objects.requireNonNull(uris, "targets");
        List<javax.sip.address.SipURI> checked = new ArrayList<>(uris.size());
        for (URI uri : uris) {
            checked.add(sipTarget(uri)); // all checked before any joins the target set
        }
        List<ContainerProxyBranch> made = new ArrayList<>(checked.size());
        for (javax.sip.address.SipURI target : checked) {
            if (targets.add(target)) {
                made.add(branchFor(target));
            } else {
                LOG.atDebug().addKeyValue("session", session.getId()).addKeyValue("target", target)
                        .log("target already in the target set: no second branch");
            }
        }
        topLevel.addAll(made);
        unstarted.addAll(made);
        return List.copyOf(made);
    }

    @Override
    public void startProxy() {
        checkActive();
        if (unstarted.isEmpty() && topLevel.isEmpty()) {
            throw new IllegalStateException("no proxy branches to start: call proxyTo or createProxyBranches first");
        }
        queue.addAll(unstarted);
        unstarted.clear();
        startQueued();
    }

    private static javax.sip.address.SipURI sipTarget(URI uri) {
        Objects.requireNonNull(uri, "target URI");
        if (!(uri instanceof SipURI)) {
            throw new IllegalArgumentException("only sip and sips targets can be proxied to: " + uri);
        }
        return (javax.sip.address.SipURI) JainURIs.unwrap(uri);
    }

    private ContainerProxyBranch branchFor(javax.sip.address.URI target) {
        Request copy = layer.requests().copyFor(original.jainRequest(), target);
        ContainerRequest request = new ContainerRequest(layer.context(), copy, session, false, true,
                ProxiedMessageSender.INSTANCE);
        return new ContainerProxyBranch(this, request);
    }

    /** Starts what is queued: all of it when parallel, the next one when sequential and none is out. */
    private void startQueued() {
        while (!queue.isEmpty() && (parallel || active.isEmpty())) {
            ContainerProxyBranch branch = queue.poll();
            if (!branch.cancelling()) {
                start(branch);
            }
        }
    }

    private void start(ContainerProxyBranch branch) {
        original.markProxied();
        boolean rr = branch.getRecordRoute() && canRecordRoute();
        recordRouted |= rr;
        boolean path = branch.getAddToPath() && Request.REGISTER.equals(original.getMethod());
        active.add(branch);
        session.addOngoing(branch.request());
        LOG.atDebug().addKeyValue("session", session.getId()).addKeyValue("target", branch.request().getRequestURI())
                .addKeyValue("recordRoute", rr).log("proxy branch started");
        branch.start(layer.requests(), rr, path ? (javax.sip.address.SipURI) JainURIs.unwrap(pathView()) : null);
    }

    /**
     * Where {@code branch}'s request leaves (called once the application router has had it): the
     * branch's outbound interface, else the proxy's, else the next hop's transport decides.
     */
    ListeningPoint outboundListeningPoint(ContainerProxyBranch branch) {
        InetSocketAddress chosen = branch.outboundInterface() != null ? branch.outboundInterface() : outboundInterface;
        return OutboundInterface.select(layer.context(), chosen, branch.request().jainRequest());
    }

    /** The Record-Route entries for a branch leaving on {@code out}: one, or two where it differs from the way in (RFC 5658). */
    List<javax.sip.address.SipURI> recordRoutes(ListeningPoint out) {
        return ProxyRoute.recordRoutes((javax.sip.address.SipURI) JainURIs.unwrap(recordRouteView()), listeningPoint(), out);
    }

    /** RFC 3261 §16.6 step 4: Record-Route is for requests that can start a dialog. */
    private boolean canRecordRoute() {
        String method = original.getMethod();
        return Transmitter.createsDialog(method) || "NOTIFY".equals(method) || "UPDATE".equals(method);
    }

    // --- responses on branches --------------------------------------------------------------------------

    /** A response (or one the proxy stands in for: 408, 503) on {@code branch}. */
    void onBranchResponse(ContainerProxyBranch branch, Response jain, ContainerMessage.Endpoints endpoints) {
        int status = jain.getStatusCode();
        if (status < 200) {
            branch.provisionalSeen();
            if (status == 100) {
                return; // RFC 3261 §16.7 step 3: a 100 is hop-by-hop
            }
        }
        ContainerResponse response = layer.view(this, branch, branch.request(), jain, endpoints, false);
        if (branch.finished()) {
            if (status >= 200 && status < 300) {
                success(response); // §16.7 step 5: every 2xx goes upstream, even late ones
            }
            return;
        }
        branch.setResponse(response);
        if (status < 200) {
            provisional(branch, response);
            return;
        }
        finish(branch);
        if (status < 300) {
            success(response);
        } else {
            failure(branch, response, endpoints);
        }
    }

    /** The branch timer fired, or its transaction timed out: RFC 3261 §16.8, counted as a 408. */
    void onBranchTimeout(ContainerProxyBranch branch, boolean transactionTimedOut) {
        if (branch.finished()) {
            return;
        }
        if (!transactionTimedOut) {
            branch.abandon();
        }
        Response timeout = layer.responses().create(branch.request().jainRequest(), Response.REQUEST_TIMEOUT, session.localTag());
        onBranchResponse(branch, timeout, null);
    }

    private void finish(ContainerProxyBranch branch) {
        branch.finish();
        active.remove(branch);
        session.removeOngoing(branch.request());
    }

    /** RFC 3261 §16.7 step 9: provisional responses go upstream at once (JSR 289 §10.2.4: after the servlet saw them). */
    private void provisional(ContainerProxyBranch branch, ContainerResponse response) {
        if (branch.cancelling() || completed) {
            return;
        }
        if (supervised) {
            layer.invoke(session, response);
        }
        if (completed) {
            return;
        }
        layer.responses().forward(upstream(), response.jainResponse());
        response.markCommitted();
        if (session.isValid() && session.getState() == State.INITIAL) {
            session.setState(State.EARLY);
        }
    }

    /** RFC 3261 §16.7 steps 5, 9, 10: a 2xx goes upstream at once and the other branches are cancelled. */
    private void success(ContainerResponse response) {
        if (supervised) {
            layer.invoke(session, response);
        }
        layer.responses().forward(upstream(), response.jainResponse());
        response.markCommitted();
        if (!completed) {
            completeWith(response.getStatus());
            if (recordRouted) {
                ColocatedDialogs.acceptRelayedRequests(layer.context(), response.jainResponse());
            }
        }
        if (!noCancel) {
            cancelOutstanding(List.of(layer.requests().reason("SIP", 200, "Call completed elsewhere")));
        }
        layer.settle(session);
    }

    /** A final non-2xx on a branch: recurse on 3xx, stop everything on 6xx, else wait for the others (RFC 3261 §16.7). */
    private void failure(ContainerProxyBranch branch, ContainerResponse response, ContainerMessage.Endpoints endpoints) {
        if (completed) {
            layer.settle(session); // a cancelled branch's 487 after the 2xx went upstream
            return;
        }
        int status = response.getStatus();
        boolean recursed = status >= 300 && status < 400 && branch.getRecurse() && !cancelled && recurse(branch, response);
        if (!recursed) {
            finalResponses.add(response); // §16.5: a 3xx whose contacts are all tried is not kept
        }
        if (status >= 600 && !noCancel) {
            cancelOutstanding(List.of()); // §16.7 step 5
        }
        if (hasOutstanding()) {
            // JSR 289 §10.2.4: an intermediate final response reaches doBranchResponse
            if (supervised) {
                layer.invoke(session, layer.view(this, branch, branch.request(), response.jainResponse(), endpoints, true));
            }
            startQueued();
            if (hasOutstanding()) {
                return;
            }
        }
        complete();
    }

    /** RFC 3261 §16.5: new branches for a 3xx's Contact URIs not tried yet. Returns whether there were any. */
    private boolean recurse(ContainerProxyBranch branch, ContainerResponse response) {
        List<ContainerProxyBranch> children = new ArrayList<>();
        for (Iterator<?> it = response.jainResponse().getHeaders(ContactHeader.NAME); it.hasNext(); ) {
            javax.sip.address.URI contact = ((ContactHeader) it.next()).getAddress().getURI();
            if (contact instanceof javax.sip.address.SipURI sip && targets.add(sip)) {
                ContainerProxyBranch child = branchFor((javax.sip.address.URI) contact.clone());
                branch.addRecursed(child);
                children.add(child);
            }
        }
        for (int i = children.size() - 1; i >= 0; i--) {
            queue.addFirst(children.get(i)); // tried before the targets that were already waiting
        }
        return !children.isEmpty();
    }

    /** All branches are done: the best response goes upstream, once the servlet has seen it (JSR 289 §10.2.4). */
    private void complete() {
        if (completed) {
            layer.settle(session);
            return;
        }
        ContainerResponse best = BestResponse.choose(finalResponses, cancelled);
        if (best == null) {
            // nothing was forwarded, or nothing answered: the proxy answers itself
            layer.responses().respond(upstream(), cancelled ? Response.REQUEST_TERMINATED : Response.REQUEST_TIMEOUT,
                    session.localTag());
            completeWith(cancelled ? Response.REQUEST_TERMINATED : Response.REQUEST_TIMEOUT);
            layer.settle(session);
            return;
        }
        BestResponse.addOtherChallenges(best, finalResponses);
        if (supervised) {
            layer.invoke(session, best);
            if (hasOutstanding() || completed) {
                return; // the servlet proxied on to new targets
            }
        }
        layer.responses().forward(upstream(), best.jainResponse());
        best.markCommitted();
        completeWith(best.getStatus());
        layer.settle(session);
    }

    private void completeWith(int status) {
        completed = true;
        original.markFinalResponseSent();
        boolean dialog = status >= 200 && status < 300 && recordRouted && Transmitter.createsDialog(original.getMethod());
        if (session.isValid()) {
            // JSR 289 §6.2.1: a record-routing proxy follows the dialog; otherwise it is done
            session.setState(dialog ? State.CONFIRMED : State.TERMINATED);
        }
        session.removeOngoing(original);
        LOG.atDebug().addKeyValue("session", session.getId()).addKeyValue("status", status).log("proxy transaction completed");
    }

    private boolean hasOutstanding() {
        return !active.isEmpty() || !queue.isEmpty();
    }

    private void cancelOutstanding(List<ReasonHeader> reasons) {
        queue.clear();
        for (ContainerProxyBranch branch : List.copyOf(active)) {
            branch.cancelDownstream(reasons);
        }
    }

    private ServerTransaction upstream() {
        return (ServerTransaction) original.transaction();
    }

    // --- CANCEL -----------------------------------------------------------------------------------------

    /** RFC 3261 §16.10: a CANCEL from upstream for {@code invite}, which this proxy forwarded. */
    void onUpstreamCancel(ContainerRequest invite) {
        if (invite != original) {
            for (SubsequentRequestRelay relay : relays) {
                if (relay.upstream() == invite) {
                    relay.cancel();
                }
            }
            return;
        }
        if (completed || original.finalResponseSent()) {
            return;
        }
        cancelAll(List.of());
    }

    @Override
    public void cancel() {
        cancel(null, null, null);
    }

    @Override
    public void cancel(String[] protocol, int[] reasonCode, String[] reasonText) {
        checkActive();
        cancelAll(layer.requests().reasons(protocol, reasonCode, reasonText));
    }

    private void cancelAll(List<ReasonHeader> reasons) {
        cancelled = true;
        unstarted.clear();
        cancelOutstanding(reasons);
        branchesChanged();
    }

    /**
     * Branches were cancelled outside a response: if none is left out, the proxy completes, after
     * the current servlet call has returned (never inside it).
     */
    void branchesChanged() {
        executor().execute(() -> {
            if (!completed && (original.proxied() || cancelled) && !hasOutstanding()) {
                complete();
            }
        });
    }

    // --- in-dialog requests of a record-routed dialog -----------------------------------------------

    /** A request routed back by our Record-Route (already popped): the servlet sees it, then it goes on. */
    void onSubsequentRequest(ContainerRequest request) {
        layer.invoke(session, request);
        if (request.finalResponseSent()) {
            session.removeOngoing(request);
            layer.settle(session);
            return; // the servlet answered it itself
        }
        SubsequentRequestRelay relay = new SubsequentRequestRelay(this, request);
        relays.add(relay);
        relay.start();
    }

    /** An ACK for a 2xx, routed back by our Record-Route: the servlet sees it, then it goes on statelessly. */
    void onSubsequentAck(ContainerRequest ack) {
        layer.invoke(session, ack);
        if (RequestForwarder.maxForwards(ack.jainRequest()) == 0) {
            return; // RFC 3261 §16.3 step 3: nothing to answer an ACK with
        }
        try {
            layer.requests().forwardStatelessly(ack.jainRequest());
        } catch (SipException | RuntimeException e) {
            LOG.atDebug().addKeyValue("session", session.getId()).setCause(e).log("could not forward ACK");
        }
    }

    void relayDone(SubsequentRequestRelay relay) {
        relays.remove(relay);
        layer.settle(session);
    }

    // --- javax.servlet.sip.Proxy: settings ------------------------------------------------------------

    @Override public boolean getParallel() { return parallel; }
    @Override public void setParallel(boolean parallel) { this.parallel = parallel; }
    @Override public boolean getRecurse() { return recurse; }
    @Override public void setRecurse(boolean recurse) { this.recurse = recurse; }
    @Override public boolean getSupervised() { return supervised; }
    @Override public void setSupervised(boolean supervised) { this.supervised = supervised; }
    @Override public boolean getNoCancel() { return noCancel; }
    @Override public void setNoCancel(boolean noCancel) { this.noCancel = noCancel; }
    @Override public boolean getAddToPath() { return addToPath; }
    @Override public void setAddToPath(boolean addToPath) { this.addToPath = addToPath; }
    @Override public boolean getRecordRoute() { return recordRoute; }

    /** JSR 289 §10.2: always stateful; the stateless mode is deprecated and not offered. */
    @Override public boolean getStateful() { return true; }
    @Override public void setStateful(boolean stateful) { }

    @Override
    public void setRecordRoute(boolean recordRoute) {
        if (original.proxied()) {
            throw new IllegalStateException("record-routing is decided before the request is proxied");
        }
        this.recordRoute = recordRoute;
    }

    @Override public int getProxyTimeout() { return proxyTimeout; }
    @Override public int getSequentialSearchTimeout() { return proxyTimeout; }
    @Override public void setSequentialSearchTimeout(int seconds) { setProxyTimeout(seconds); }

    @Override
    public void setProxyTimeout(int seconds) {
        if (seconds <= 0) {
            throw new IllegalArgumentException("proxy timeout must be positive: " + seconds);
        }
        this.proxyTimeout = seconds;
    }

    @Override
    public SipURI getRecordRouteURI() {
        if (!recordRoute) {
            throw new IllegalStateException("record-routing is not enabled on this proxy");
        }
        return recordRouteView();
    }

    @Override
    public SipURI getPathURI() {
        if (!addToPath) {
            throw new IllegalStateException("addToPath is not enabled on this proxy");
        }
        return pathView();
    }

    /** The Record-Route URI, naming this session; parameters the servlet adds come back in getPoppedRoute. */
    SipURI recordRouteView() {
        if (recordRouteView == null) {
            recordRouteView = (SipURI) JainURIs.wrap(ProxyRoute.recordRoute(layer.context(), listeningPoint(), session.getId()));
        }
        return recordRouteView;
    }

    SipURI pathView() {
        if (pathView == null) {
            pathView = (SipURI) JainURIs.wrap(ProxyRoute.path(layer.context(), listeningPoint()));
        }
        return pathView;
    }

    /** Where the request came in: the dialog's later requests come back the same way. */
    private ListeningPoint listeningPoint() {
        String transport = original.getTransport();
        return layer.context().listeningPoint(transport == null ? "UDP" : transport);
    }

    @Override
    public void setOutboundInterface(InetAddress address) {
        setOutboundInterface(new InetSocketAddress(address, 0));
    }

    @Override
    public void setOutboundInterface(InetSocketAddress address) {
        checkOutboundInterface(address);
        this.outboundInterface = address;
    }

    void checkOutboundInterface(InetSocketAddress address) {
        Objects.requireNonNull(address, "address");
        if (address.getAddress() == null
                || !layer.context().isOwnAddress(address.getAddress().getHostAddress(), address.getPort())) {
            throw new IllegalArgumentException(address + " is not one of the container's interfaces");
        }
    }

    @Override
    public ProxyBranch getProxyBranch(URI uri) {
        for (ContainerProxyBranch branch : topLevel) {
            if (branch.request().getRequestURI().equals(uri)) {
                return branch;
            }
        }
        return null;
    }

    @Override
    public List<ProxyBranch> getProxyBranches() {
        return List.copyOf(topLevel);
    }

    /** JSR 289 §10.2: the proxy's transaction must still be open to add or cancel branches. */
    private void checkActive() {
        if (completed || original.finalResponseSent()) {
            throw new IllegalStateException("the proxied transaction has completed");
        }
        if (cancelled) {
            throw new IllegalStateException("the proxy has been cancelled");
        }
    }

    @Override
    public String toString() {
        return "Proxy[" + session.getId() + " " + original.getMethod() + " branches=" + topLevel.size()
                + (completed ? " completed" : "") + "]";
    }
}
