package org.webims.interworking.media.remote;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.interworking.media.CallMedia;
import org.webims.interworking.media.MediaControl;
import org.webims.interworking.media.MediaLossListener;
import org.webims.interworking.media.MediaUnavailableException;
import org.webims.interworking.media.inprocess.MtsiRtpSettings;
import org.webims.media.sdp.bandwidth.SdpBandwidths;

/**
 * Media control over media nodes in other processes, driven over the Kurento protocol. A new call
 * goes to the least loaded node (calls in progress there, as counted here) that is not marked
 * down; a node that cannot be reached is marked down for a while ({@link RemoteMediaTimings}) and the next one
 * tried. A node whose connection is lost ends its calls through their {@link MediaLossListener}s.
 */
public final class RemoteMediaControl implements MediaControl, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RemoteMediaControl.class);

    private final List<RemoteMediaNode> nodes;
    private final ExecutorService executor;
    private final ScheduledExecutorService scheduler;
    private final SdpBandwidths imsBandwidths;

    /**
     * @param nodes where the nodes serve the Kurento protocol, e.g. {@code ws://10.0.0.5:8888/kurento}
     * @param token presented to every node; null or empty: none
     */
    public RemoteMediaControl(List<URI> nodes, String token, RemoteMediaTimings timings) {
        this(nodes, token, timings, MtsiRtpSettings.bandwidths(null));
    }

    /** With the IMS leg's b= lines as the carrier profile sets them (TS 26.114 §6.2.5). */
    public RemoteMediaControl(List<URI> nodes, String token, RemoteMediaTimings timings, SdpBandwidths imsBandwidths) {
        this.imsBandwidths = imsBandwidths;
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("a remote media control needs at least one media node");
        }
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "media-node-client-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "media-node-keepalive");
            t.setDaemon(true);
            return t;
        });
        HttpClient http = HttpClient.newBuilder().executor(executor).connectTimeout(timings.timeout()).build();
        List<RemoteMediaNode> list = new ArrayList<>();
        for (URI uri : nodes) {
            list.add(new RemoteMediaNode(uri, token, http, executor, scheduler, timings));
        }
        this.nodes = List.copyOf(list);
    }

    public RemoteMediaControl(List<URI> nodes, String token) {
        this(nodes, token, RemoteMediaTimings.defaults());
    }

    @Override
    public CallMedia createCall(MediaLossListener onLoss) throws MediaUnavailableException {
        List<String> failures = new ArrayList<>();
        List<RemoteMediaNode> candidates = candidates();
        for (int i = 0; i < candidates.size(); i++) {
            RemoteMediaNode node = candidates.get(i);
            if (i > 0) {
                node.reserve();
            }
            try {
                return RemoteCallMedia.create(node, onLoss, imsBandwidths);
            } catch (IOException | MediaUnavailableException e) {
                failures.add(node.uri() + ": " + e.getMessage());
                LOG.atDebug().addKeyValue("node", node.uri()).addKeyValue("error", e.getMessage())
                        .log("media node skipped for a new call");
            } finally {
                node.unreserve();
            }
        }
        throw new MediaUnavailableException(failures.isEmpty() ? "every media node is down"
                : "no media node took the call: " + String.join("; ", failures), null);
    }

    /** Eligible nodes, least loaded first, each reserved for this call (the caller unreserves). */
    private synchronized List<RemoteMediaNode> candidates() {
        long now = System.nanoTime();
        List<RemoteMediaNode> eligible = new ArrayList<>();
        for (RemoteMediaNode node : nodes) {
            if (node.isEligible(now)) {
                eligible.add(node);
            }
        }
        eligible.sort(Comparator.comparingInt(RemoteMediaNode::load));
        if (!eligible.isEmpty()) {
            // only the first is reserved now; later ones are tried only if it fails
            eligible.get(0).reserve();
        }
        return eligible;
    }

    /** Calls in progress per node, in configuration order. */
    public List<Integer> callsPerNode() {
        return nodes.stream().map(RemoteMediaNode::load).toList();
    }

    /** Sessions taken back over a new connection, over all nodes (what the tests watch). */
    int resumptions() {
        return nodes.stream().mapToInt(RemoteMediaNode::resumptions).sum();
    }

    /** Closes the connections (the nodes release what is left after their session timeout) and the threads. */
    @Override
    public void close() {
        nodes.forEach(RemoteMediaNode::close);
        scheduler.shutdownNow();
        executor.shutdownNow();
    }
}
