package org.webims.media.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A named stand-in for a source element's upstream (an RtpEndpoint's peer): records what reaches
 * it, in order, and whether two calls ever overlapped.
 */
final class RecordingUpstream implements UpstreamControl {

    /** Recorded among the limits where a lift reached upstream. */
    static final long LIFT = -1;

    final List<Long> limits = new ArrayList<>();
    final AtomicInteger keyframeRequests = new AtomicInteger();
    private final AtomicInteger inside = new AtomicInteger();
    volatile boolean overlapped;

    @Override
    public void requestKeyframe() {
        keyframeRequests.incrementAndGet();
    }

    @Override
    public void liftBitrateLimit() {
        limitBitrate(LIFT);
    }

    @Override
    public void limitBitrate(long bitsPerSecond) {
        if (inside.incrementAndGet() != 1) {
            overlapped = true;
        }
        synchronized (limits) {
            limits.add(bitsPerSecond);
        }
        inside.decrementAndGet();
    }

    List<Long> limits() {
        synchronized (limits) {
            return List.copyOf(limits);
        }
    }
}
