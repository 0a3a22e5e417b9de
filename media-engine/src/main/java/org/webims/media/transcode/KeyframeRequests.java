package org.webims.media.transcode;

import java.util.concurrent.atomic.AtomicLong;
import org.webims.media.pipeline.UpstreamControl;

/**
 * Asks upstream for a key frame at most once per interval, from any thread: a decoder that lost
 * its reference says so on every frame until the key frame arrives, and each PLI (RFC 4585
 * §6.3.1) would otherwise make the sender spend bits on yet another key frame.
 */
final class KeyframeRequests {

    private final UpstreamControl upstream;
    private final long intervalNanos;
    private final AtomicLong last = new AtomicLong(Long.MIN_VALUE / 2);
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong suppressed = new AtomicLong();

    KeyframeRequests(UpstreamControl upstream, long intervalMillis) {
        this.upstream = upstream;
        this.intervalNanos = intervalMillis * 1_000_000L;
    }

    /** Sends a request unless one went out within the interval; true if it was sent. */
    boolean request() {
        long now = System.nanoTime();
        long previous = last.get();
        if (now - previous < intervalNanos || !last.compareAndSet(previous, now)) {
            suppressed.incrementAndGet();
            return false;
        }
        sent.incrementAndGet();
        upstream.requestKeyframe();
        return true;
    }

    long sent() {
        return sent.get();
    }

    long suppressed() {
        return suppressed.get();
    }
}
