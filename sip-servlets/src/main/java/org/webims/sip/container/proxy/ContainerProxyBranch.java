package org.webims.sip.container.proxy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import javax.servlet.sip.Proxy;
import javax.servlet.sip.ProxyBranch;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import javax.servlet.sip.SipURI;
import javax.sip.ClientTransaction;
import javax.sip.ListeningPoint;
import javax.sip.SipException;
import javax.sip.header.ReasonHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.sip.container.message.ContainerMessage;
import org.webims.sip.container.message.ContainerRequest;
import org.webims.sip.container.message.ContainerResponse;

/**
 * One branch of a proxy (JSR 289 §10.2, RFC 3261 §16.6): its request to one target, its client
 * transaction, timer, CANCEL and latest response, and the branches recursed from its 3xx.
 * Changed only on the application session's executor; what the stack reports is queued there.
 */
public final class ContainerProxyBranch implements ProxyBranch, ProxyLeg {
    private static final Logger LOG = LoggerFactory.getLogger(ContainerProxyBranch.class);

    private final ContainerProxy proxy;
    private final ContainerRequest request;
    private final List<ContainerProxyBranch> recursed = new ArrayList<>();
    private Boolean recordRoute;
    private Boolean recurse;
    private Boolean addToPath;
    private int timeoutSeconds;
    private InetSocketAddress outboundInterface;
    private volatile boolean started;
    private boolean provisional;
    private boolean cancelling;
    private boolean cancelWhenProvisional;
    private List<ReasonHeader> cancelReasons = List.of();
    private boolean finished;
    private ClientTransaction transaction;
    private ScheduledFuture<?> timer;
    private volatile ContainerResponse response;

    ContainerProxyBranch(ContainerProxy proxy, ContainerRequest request) {
        this.proxy = proxy;
        this.request = request;
    }

    ContainerRequest request() {
        return request;
    }

    boolean finished() {
        return finished;
    }

    boolean cancelling() {
        return cancelling;
    }

    void addRecursed(ContainerProxyBranch child) {
        recursed.add(child);
    }

    void setResponse(ContainerResponse response) {
        this.response = response;
    }

    // --- sending, on the executor -------------------------------------------------------------------

    /** Sends the branch request; a transport failure counts as a 503 from the branch (RFC 3261 §16.9). */
    void start(RequestForwarder forwarder, boolean recordRoute, javax.sip.address.SipURI pathURI) {
        started = true;
        try {
            proxy.layer().compose(request, (ContainerRequest) proxy.getOriginalRequest());
            ListeningPoint out = proxy.outboundListeningPoint(this);
            transaction = forwarder.send(request.jainRequest(), this, out,
                    recordRoute ? proxy.recordRoutes(out) : List.of(), pathURI);
            request.setTransaction(transaction);
            request.markCommitted();
        } catch (SipException | RuntimeException e) {
            LOG.atDebug().addKeyValue("target", request.getRequestURI()).setCause(e).log("proxy branch could not be sent");
            Response unavailable = proxy.layer().responses().create(request.jainRequest(), Response.SERVICE_UNAVAILABLE,
                    proxy.session().localTag());
            proxy.executor().execute(() -> proxy.onBranchResponse(this, unavailable, null));
            return;
        }
        timer = proxy.layer().schedule(proxy.executor(), getProxyBranchTimeout(), () -> proxy.onBranchTimeout(this, false));
    }

    /** A provisional response arrived: a CANCEL held back for one may go now (RFC 3261 §9.1). */
    void provisionalSeen() {
        provisional = true;
        if (cancelWhenProvisional) {
            cancelWhenProvisional = false;
            sendCancel(cancelReasons);
        }
    }

    /** Cancels this branch and those recursed from it; an INVITE without a provisional response yet waits for one. */
    void cancelDownstream(List<ReasonHeader> reasons) {
        for (ContainerProxyBranch child : recursed) {
            child.cancelDownstream(reasons);
        }
        if (!started || cancelling) {
            cancelling = true;
            return;
        }
        cancelling = true;
        if (!Request.INVITE.equals(request.getMethod())) {
            return; // RFC 3261 §9.1: non-INVITE transactions run to completion
        }
        if (provisional) {
            sendCancel(reasons);
        } else {
            cancelWhenProvisional = true;
            cancelReasons = reasons;
        }
    }

    /**
     * Gives the branch up after its timer (RFC 3261 §16.8 Timer C): CANCEL if it has a provisional
     * response, else its transaction ends here. The caller counts it as a 408.
     */
    void abandon() {
        cancelling = true;
        if (transaction == null) {
            return;
        }
        if (provisional && Request.INVITE.equals(request.getMethod())) {
            sendCancel(List.of());
        } else {
            try {
                transaction.terminate();
            } catch (javax.sip.ObjectInUseException e) {
                LOG.atDebug().setCause(e).log("could not end abandoned proxy branch transaction");
            }
        }
    }

    private void sendCancel(List<ReasonHeader> reasons) {
        try {
            proxy.layer().requests().cancel(transaction, reasons);
        } catch (SipException | RuntimeException e) {
            LOG.atDebug().addKeyValue("target", request.getRequestURI()).setCause(e).log("could not cancel proxy branch");
        }
    }

    /** The branch has its final response: stop its timer. */
    void finish() {
        finished = true;
        ScheduledFuture<?> t = timer;
        if (t != null) {
            t.cancel(false);
        }
    }

    // --- ProxyLeg: stack threads ------------------------------------------------------------------------

    @Override
    public void onResponse(Response r, ContainerMessage.Endpoints endpoints) {
        proxy.executor().execute(() -> proxy.onBranchResponse(this, r, endpoints));
    }

    @Override
    public void onTimeout() {
        proxy.executor().execute(() -> proxy.onBranchTimeout(this, true));
    }

    // --- javax.servlet.sip.ProxyBranch ------------------------------------------------------------------

    @Override
    public void cancel() {
        cancel(null, null, null);
    }

    @Override
    public void cancel(String[] protocol, int[] reasonCode, String[] reasonText) {
        if (!hasPending()) {
            throw new IllegalStateException("the branch to " + request.getRequestURI() + " has completed");
        }
        cancelDownstream(proxy.layer().requests().reasons(protocol, reasonCode, reasonText));
        proxy.branchesChanged();
    }

    private boolean hasPending() {
        if (!finished) {
            return true;
        }
        for (ContainerProxyBranch child : recursed) {
            if (child.hasPending()) {
                return true;
            }
        }
        return false;
    }

    @Override public Proxy getProxy() { return proxy; }
    @Override public SipServletRequest getRequest() { return request; }
    @Override public SipServletResponse getResponse() { return response; }
    @Override public boolean isStarted() { return started; }
    @Override public List<ProxyBranch> getRecursedProxyBranches() { return List.copyOf(recursed); }

    @Override public boolean getRecordRoute() { return recordRoute != null ? recordRoute : proxy.getRecordRoute(); }
    @Override public boolean getRecurse() { return recurse != null ? recurse : proxy.getRecurse(); }
    @Override public boolean getAddToPath() { return addToPath != null ? addToPath : proxy.getAddToPath(); }

    @Override
    public void setRecordRoute(boolean recordRoute) {
        checkNotStarted();
        this.recordRoute = recordRoute;
    }

    @Override
    public void setRecurse(boolean recurse) {
        this.recurse = recurse;
    }

    @Override
    public void setAddToPath(boolean addToPath) {
        checkNotStarted();
        this.addToPath = addToPath;
    }

    @Override
    public SipURI getRecordRouteURI() {
        if (!getRecordRoute()) {
            throw new IllegalStateException("this branch does not record-route");
        }
        return proxy.recordRouteView();
    }

    @Override
    public SipURI getPathURI() {
        if (!getAddToPath()) {
            throw new IllegalStateException("this branch does not add Path");
        }
        return proxy.pathView();
    }

    @Override
    public int getProxyBranchTimeout() {
        return timeoutSeconds > 0 ? timeoutSeconds : proxy.getProxyTimeout();
    }

    @Override
    public void setProxyBranchTimeout(int seconds) {
        if (seconds <= 0 || seconds > proxy.getProxyTimeout()) {
            throw new IllegalArgumentException("branch timeout must be 1.." + proxy.getProxyTimeout() + " s: " + seconds);
        }
        this.timeoutSeconds = seconds;
    }

    @Override
    public void setOutboundInterface(InetAddress address) {
        setOutboundInterface(new InetSocketAddress(address, 0));
    }

    @Override
    public void setOutboundInterface(InetSocketAddress address) {
        proxy.checkOutboundInterface(address);
        this.outboundInterface = address;
    }

    InetSocketAddress outboundInterface() {
        return outboundInterface;
    }

    private void checkNotStarted() {
        if (started) {
            throw new IllegalStateException("the branch to " + request.getRequestURI() + " has started");
        }
    }

    @Override
    public String toString() {
        return "ProxyBranch[" + request.getRequestURI() + (finished ? " finished" : started ? " started" : "") + "]";
    }
}
