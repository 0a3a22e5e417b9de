package org.webims.media.pipeline;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Keyframe requests (PLI, RFC 4585 §6.3.1; FIR, RFC 5104 §4.3.1) from the links of one source
 * pad, coalesced: viewers of one relayed stream that lose the same packet all ask at once, and
 * one key frame answers them all. A request passes upstream unless another link's request passed
 * within the interval; then it is counted as coalesced. A link's own repeats always pass, so a
 * single viewer sees no change and the source element's own rate limit stays what throttles it.
 *
 * <p>From any thread without a lock (the RTCP readers of several endpoints, transcoder workers):
 * a request claims the interval by one compare-and-set of its start, so of requests racing at one
 * instant one passes. A link's own repeat does not claim it (it only passes to the element's own
 * rate limit); in the instant between another link's claim and its note of who claimed, the last
 * claimer's repeat may pass once more that way.
 */
public final class KeyframeCoalescer {

    /**
     * libwebrtc's sender ignores a key frame request within 300 ms of its last key frame
     * (kMinKeyframeSendIntervalMs, video/encoder_rtcp_feedback.cc): a second request sooner buys nothing.
     */
    public static final long DEFAULT_INTERVAL_NANOS = 300_000_000L;

    private static final long NEVER = Long.MIN_VALUE;

    private final UpstreamControl upstream;
    private final long intervalNanos;
    private final LongSupplier clock;
    private final AtomicLong claimedNanos = new AtomicLong(NEVER);
    private final AtomicLong passed = new AtomicLong();
    private final AtomicLong coalesced = new AtomicLong();
    private volatile Object claimer;

    public KeyframeCoalescer(UpstreamControl upstream) {
        this(upstream, DEFAULT_INTERVAL_NANOS, System::nanoTime);
    }

    KeyframeCoalescer(UpstreamControl upstream, long intervalNanos, LongSupplier clock) {
        if (intervalNanos < 0) {
            throw new IllegalArgumentException("interval must not be negative: " + intervalNanos);
        }
        this.upstream = upstream;
        this.intervalNanos = intervalNanos;
        this.clock = clock;
    }

    /** {@code requester} (its link) asks for a key frame; true if the request went upstream. */
    public boolean request(Object requester) {
        long now = clock.getAsLong();
        long claimed = claimedNanos.get();
        if (claimed != NEVER && now - claimed < intervalNanos) {
            if (requester == claimer) {
                return pass();
            }
            coalesced.incrementAndGet();
            return false;
        }
        if (!claimedNanos.compareAndSet(claimed, now)) {
            coalesced.incrementAndGet(); // another link claimed the interval this instant
            return false;
        }
        claimer = requester;
        return pass();
    }

    private boolean pass() {
        passed.incrementAndGet();
        upstream.requestKeyframe();
        return true;
    }

    /** The requester is gone (its link closed): not kept reachable through this pad. */
    public void forget(Object requester) {
        if (claimer == requester) {
            claimer = null;
        }
    }

    /** Requests passed upstream. */
    public long passed() { return passed.get(); }

    /** Requests answered by one another link had just passed. */
    public long coalesced() { return coalesced.get(); }
}
