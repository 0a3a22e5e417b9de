package org.webims.interworking.media.remote;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One configured media node as the control sees it: its connection (made when a call first needs
 * it, made again after a loss once the retry time has passed) and the calls in progress on it,
 * which is the load the control balances. A lost node ends each of its calls.
 */
final class RemoteMediaNode {
    private static final Logger LOG = LoggerFactory.getLogger(RemoteMediaNode.class);

    /** The Reason text (RFC 3326) the calls of a lost node end with. */
    static final String LOST = "media node lost";

    private final URI uri;
    private final String token;
    private final HttpClient http;
    private final Executor executor;
    private final ScheduledExecutorService scheduler;
    private final RemoteMediaTimings timings;
    private final Set<RemoteCallMedia> calls = ConcurrentHashMap.newKeySet();
    private KurentoRpcClient client;
    private boolean down;
    private long downUntilNanos;
    private int reserved;

    RemoteMediaNode(URI uri, String token, HttpClient http, Executor executor, ScheduledExecutorService scheduler,
                    RemoteMediaTimings timings) {
        this.uri = uri;
        this.token = token;
        this.http = http;
        this.executor = executor;
        this.scheduler = scheduler;
        this.timings = timings;
    }

    URI uri() {
        return uri;
    }

    /** Calls in progress and calls being set up on this node. */
    synchronized int load() {
        return calls.size() + reserved;
    }

    /** Whether a new call may try this node: not marked down, or its retry time has come. */
    synchronized boolean isEligible(long nowNanos) {
        return !down || nowNanos - downUntilNanos >= 0;
    }

    /** Counts a call being set up here, so concurrent set-ups spread; undone by {@link #unreserve}. */
    synchronized void reserve() {
        reserved++;
    }

    synchronized void unreserve() {
        reserved--;
    }

    /** The live connection, connecting first if there is none; a failure marks the node down. */
    KurentoRpcClient client() throws IOException {
        synchronized (this) {
            if (client != null && !client.isLost()) {
                return client;
            }
        }
        KurentoRpcClient fresh;
        try {
            fresh = KurentoRpcClient.connect(uri, token, http, executor, timings.timeout(), this::lost);
        } catch (IOException e) {
            markDown();
            LOG.atDebug().addKeyValue("node", uri).addKeyValue("error", e.getMessage()).log("media node unreachable");
            throw e;
        }
        synchronized (this) {
            if (client == null || client.isLost()) {
                client = fresh;
                down = false;
                fresh.keepAlive(scheduler, timings.keepAlive());
                return fresh;
            }
        }
        fresh.close(); // another call connected meanwhile
        return client();
    }

    /** Resumptions of the current connection (0 without one). */
    synchronized int resumptions() {
        return client == null ? 0 : client.resumptions();
    }

    synchronized void markDown() {
        down = true;
        downUntilNanos = System.nanoTime() + timings.retryAfter().toNanos();
    }

    /** A call set up on {@code via}; told at once if that connection was lost meanwhile. */
    void added(RemoteCallMedia call, KurentoRpcClient via) {
        calls.add(call);
        if (via.isLost() && calls.remove(call)) {
            call.lost(LOST);
        }
    }

    void ended(RemoteCallMedia call) {
        calls.remove(call);
    }

    /** The connection is gone for good: every call on it is told, and new calls go elsewhere for a while. */
    private void lost() {
        markDown();
        for (RemoteCallMedia call : List.copyOf(calls)) {
            if (calls.remove(call)) { // exactly once, also against a concurrent added()
                call.lost(LOST);
            }
        }
    }

    /** Closes the connection; the node releases what was left after its session timeout. */
    void close() {
        KurentoRpcClient c;
        synchronized (this) {
            c = client;
            client = null;
        }
        if (c != null) {
            c.close();
        }
    }
}
