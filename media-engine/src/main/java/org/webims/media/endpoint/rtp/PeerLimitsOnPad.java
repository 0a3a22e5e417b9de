package org.webims.media.endpoint.rtp;

import java.util.function.Supplier;
import org.webims.media.pipeline.SinkPad;
import org.webims.media.rtp.session.ReceiverLimits;

/**
 * The bitrate limits our peer's receivers hold on one stream we send ({@link ReceiverLimits}: their
 * REMB and TMMBR tuples, dropped when their senders fall silent), passed on to the sink pad that
 * feeds the stream: an encoder's target, or a relayed source's minimum. The pad is told outside the
 * lock, since it calls into other endpoints; a change that lands meanwhile is passed on too, so the
 * pad always ends with the latest limit, and a limit that goes is lifted once.
 */
final class PeerLimitsOnPad {

    private final ReceiverLimits limits;
    private final Supplier<SinkPad> pad;
    /** Counts changes of {@link #limits}, so a thread that passed a stale limit on passes the latest. */
    private long version; // guarded by this
    /** Whether the pad was last told a limit. */
    private boolean told; // guarded by this

    PeerLimitsOnPad(long silenceTimeoutNanos, ReceiverLimits.PacketRate packetRate, Supplier<SinkPad> pad) {
        this.limits = new ReceiverLimits(silenceTimeoutNanos, packetRate);
        this.pad = pad;
    }

    /** RFC 5104 §4.2.1: the requester's tuple joins the bounding set, whose media rate at our packet rate we obey. */
    void tmmbr(int requester, long bitsPerSecond, int overhead, long nowNanos) {
        synchronized (this) {
            limits.tmmbr(requester, bitsPerSecond, overhead, nowNanos);
            version++;
        }
        passOn();
    }

    /** The peer's latest REMB replaces its last. */
    void remb(long bitsPerSecond, long nowNanos) {
        synchronized (this) {
            limits.remb(bitsPerSecond, nowNanos);
            version++;
        }
        passOn();
    }

    /** An SR or RR from {@code ssrc}: its sender, and the peer's REMB, are alive. */
    synchronized void heard(int ssrc, long nowNanos) {
        limits.heard(ssrc, nowNanos);
    }

    /**
     * Drops the limits whose senders fell silent; returns how many. The pad is not told yet: the
     * caller counts them first, then calls {@link #passOn()}, so whoever sees the new limit sees the count.
     */
    synchronized int dropSilent(long nowNanos) {
        int dropped = limits.expire(nowNanos);
        if (dropped > 0) {
            version++;
        }
        return dropped;
    }

    /** Whether the last {@link #dropSilent} dropped an owner of the TMMBR bounding set, changing the set. */
    synchronized boolean boundingSetChangedBySilence() {
        return limits.boundingSet().expiryChangedBoundingSet();
    }

    /** Copies the TMMBR bounding set (RFC 5104 §3.5.4.2) a TMMBN states; returns its size. */
    synchronized int copyBoundingSet(int[] ssrcs, long[] bitrates, int[] overheads) {
        return limits.boundingSet().copyBoundingSet(ssrcs, bitrates, overheads);
    }

    /** Tells the pad the limit in force, or lifts the one it was told if none holds any more. */
    void passOn() {
        SinkPad sink = pad.get();
        long seen;
        do {
            long limit;
            boolean lift;
            synchronized (this) {
                seen = version;
                limit = limits.limit();
                lift = limit == 0 && told;
                told = limit > 0;
            }
            if (limit > 0) {
                sink.limitBitrate(limit);
            } else if (lift) {
                sink.liftBitrateLimit();
            }
        } while (changedSince(seen));
    }

    private synchronized boolean changedSince(long seenVersion) {
        return version != seenVersion;
    }
}
