package org.webims.testims.core.proxy;

import javax.sip.ClientTransaction;
import javax.sip.ServerTransaction;

/**
 * One forwarded request: the upstream server transaction (null when the proxy originated it),
 * the downstream client transaction, and what has happened to it.
 */
public final class Forwarding {
    private final ServerTransaction upstream;
    private final ClientTransaction downstream;
    private final ForwardListener listener;
    private volatile boolean answered;
    private volatile boolean provisional;
    private volatile boolean abandoned;
    private volatile boolean cancelled;

    Forwarding(ServerTransaction upstream, ClientTransaction downstream, ForwardListener listener) {
        this.upstream = upstream;
        this.downstream = downstream;
        this.listener = listener;
    }

    public ServerTransaction upstream() {
        return upstream;
    }

    public ClientTransaction downstream() {
        return downstream;
    }

    ForwardListener listener() {
        return listener;
    }

    /** True once any response (100 included) came back. */
    public boolean answered() {
        return answered;
    }

    /** True once a provisional response other than 100 came back. */
    public boolean provisional() {
        return provisional;
    }

    public boolean cancelled() {
        return cancelled;
    }

    public boolean abandoned() {
        return abandoned;
    }

    void markAnswered(int status) {
        answered = true;
        if (status > 100 && status < 200) {
            provisional = true;
        }
    }

    void markCancelled() {
        cancelled = true;
    }

    /** Stops caring about the downstream transaction: what it yields later is dropped. */
    public void abandon() {
        abandoned = true;
        try {
            downstream.terminate();
        } catch (Exception ignored) {
            // already over
        }
    }
}
