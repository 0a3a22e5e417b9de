package org.webims.sip.container.proxy;

import java.util.List;
import javax.servlet.sip.SipSession.State;
import javax.sip.ClientTransaction;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.sip.container.message.ContainerMessage;
import org.webims.sip.container.message.ContainerRequest;
import org.webims.sip.container.message.ContainerResponse;
import org.webims.sip.container.session.ContainerSipSession;
import org.webims.sip.container.transaction.OutboundInterface;

/**
 * Proxies one in-dialog request of a record-routed dialog (BYE, re-INVITE, UPDATE, INFO...)
 * statefully to the next hop its Route set and Request-URI name, and relays its responses back
 * (RFC 3261 §16.6 with no forking, §16.7).
 */
final class SubsequentRequestRelay implements ProxyLeg {
    private static final Logger LOG = LoggerFactory.getLogger(SubsequentRequestRelay.class);

    private final ContainerProxy proxy;
    private final ContainerRequest upstream;
    private final ProxyLayer layer;
    private ContainerRequest downstream;
    private ClientTransaction transaction;
    private boolean provisional;
    private boolean cancelWhenProvisional;
    private boolean done;

    SubsequentRequestRelay(ContainerProxy proxy, ContainerRequest upstream) {
        this.proxy = proxy;
        this.upstream = upstream;
        this.layer = proxy.layer();
    }

    ContainerRequest upstream() {
        return upstream;
    }

    /** On the executor: forwards the request, or answers it when it cannot go on. */
    void start() {
        ContainerSipSession session = proxy.session();
        Request out = (Request) upstream.jainRequest().clone();
        if (RequestForwarder.maxForwards(out) == 0) {
            handle(layer.responses().create(upstream.jainRequest(), Response.TOO_MANY_HOPS, session.localTag()), null, false);
            return; // RFC 3261 §16.3 step 3
        }
        layer.requests().decrementMaxForwards(out);
        downstream = new ContainerRequest(layer.context(), out, session, false, false, ProxiedMessageSender.INSTANCE);
        try {
            transaction = layer.requests().send(out, this, OutboundInterface.select(layer.context(), null, out), List.of(), null);
            downstream.setTransaction(transaction);
            downstream.markCommitted();
        } catch (SipException | RuntimeException e) {
            LOG.atDebug().addKeyValue("method", out.getMethod()).setCause(e).log("could not relay in-dialog request");
            // RFC 3261 §16.9: as if the next hop answered 503, which goes upstream as 500
            handle(layer.responses().create(out, Response.SERVICE_UNAVAILABLE, session.localTag()), null, true);
        }
    }

    /** RFC 3261 §16.10 for a re-INVITE: CANCEL once the next hop has answered provisionally. */
    void cancel() {
        if (done || transaction == null || !Request.INVITE.equals(upstream.getMethod())) {
            return;
        }
        if (provisional) {
            sendCancel();
        } else {
            cancelWhenProvisional = true;
        }
    }

    private void sendCancel() {
        try {
            layer.requests().cancel(transaction, List.of());
        } catch (SipException | RuntimeException e) {
            LOG.atDebug().setCause(e).log("could not cancel relayed re-INVITE");
        }
    }

    @Override
    public void onResponse(Response response, ContainerMessage.Endpoints endpoints) {
        proxy.executor().execute(() -> handle(response, endpoints, true));
    }

    @Override
    public void onTimeout() {
        proxy.executor().execute(() -> handle(layer.responses().create(downstream.jainRequest(), Response.REQUEST_TIMEOUT,
                proxy.session().localTag()), null, true));
    }

    /** {@code viaOurs}: the response still carries our Via (received, or made from the forwarded copy). */
    private void handle(Response response, ContainerMessage.Endpoints endpoints, boolean viaOurs) {
        int status = response.getStatusCode();
        if (status < 200) {
            provisional = true;
            if (cancelWhenProvisional) {
                cancelWhenProvisional = false;
                sendCancel();
            }
            if (status == 100) {
                return;
            }
        }
        ServerTransaction st = (ServerTransaction) upstream.transaction();
        if (done) {
            if (status >= 200 && status < 300) {
                layer.responses().forward(st, response); // a 2xx retransmission to a re-INVITE
            }
            return;
        }
        ContainerSipSession session = proxy.session();
        if (viaOurs) {
            ContainerResponse view = layer.view(proxy, null, downstream, response, endpoints, false);
            if (proxy.getSupervised()) {
                layer.invoke(session, view); // JSR 289 §10.2.4: a supervised proxy sees responses to in-dialog requests
            }
            layer.responses().forward(st, response);
            view.markCommitted();
        } else {
            try {
                st.sendResponse(response);
            } catch (SipException | javax.sip.InvalidArgumentException e) {
                LOG.atDebug().addKeyValue("status", status).setCause(e).log("could not answer in-dialog request");
            }
        }
        if (status < 200) {
            return;
        }
        done = true;
        upstream.markFinalResponseSent();
        if (Request.BYE.equals(upstream.getMethod()) && status < 300 && session.isValid()) {
            session.setState(State.TERMINATED); // JSR 289 §6.2.1: the dialog the proxy followed is over
        }
        session.removeOngoing(upstream);
        proxy.relayDone(this);
    }
}
