package org.webims.media.rtp.session;

/**
 * The bitrate limits the receivers of one stream we send hold on it: the TMMBR tuples
 * ({@link TmmbrBoundingSet}, per requester) and the peer's last REMB. The limit in force is the
 * lower of the two. Neither message is refreshed on a schedule we can rely on, so a limit is
 * held while its sender is heard: a requester (TMMBR) or the peer (REMB) that sends no RTCP for
 * the timeout has left (RFC 3550 §6.3.5, M = 5 report intervals), and its limit is dropped as if
 * lifted, so a dead viewer cannot hold a shared source down for the rest of the call.
 *
 * <p>Not thread-safe: its owner holds a lock. Nothing is allocated per message.
 */
public final class ReceiverLimits {

    /** The packets a second our stream has at a total rate of {@code wireBitsPerSecond}. */
    @FunctionalInterface
    public interface PacketRate {
        double at(long wireBitsPerSecond);
    }

    private final TmmbrBoundingSet tmmbr = new TmmbrBoundingSet();
    private final long timeoutNanos;
    private final PacketRate packetRate;
    private long remb;            // 0: none
    private long peerHeardNanos;  // the last RTCP from the peer, whoever sent it
    private long expired;
    private long refused;

    /**
     * @param timeoutNanos how long a limit's sender may be silent before the limit is dropped
     * @param packetRate   our stream's packet rate, at which a TMMBR tuple's overhead is counted
     */
    public ReceiverLimits(long timeoutNanos, PacketRate packetRate) {
        if (timeoutNanos <= 0) {
            throw new IllegalArgumentException("timeout must be positive: " + timeoutNanos);
        }
        this.timeoutNanos = timeoutNanos;
        this.packetRate = packetRate;
    }

    /** Any RTCP from the peer; {@code ssrc}, its sender's (an SR's or RR's), keeps that requester's tuple alive. */
    public void heard(int ssrc, long nowNanos) {
        peerHeardNanos = nowNanos;
        tmmbr.heard(ssrc, nowNanos);
    }

    /** A REMB from the peer (draft-alvestrand-rmcat-remb-03): its latest estimate replaces the last; 0 or less withdraws it. */
    public void remb(long bitsPerSecond, long nowNanos) {
        peerHeardNanos = nowNanos;
        remb = Math.max(0, bitsPerSecond);
    }

    /** A TMMBR entry for our stream from {@code requester} (RFC 5104 §4.2.1); false when not taken (MxTBR 0, or full). */
    public boolean tmmbr(int requester, long bitsPerSecond, int overhead, long nowNanos) {
        peerHeardNanos = nowNanos;
        boolean taken = tmmbr.request(requester, bitsPerSecond, overhead, nowNanos);
        if (!taken && bitsPerSecond > 0) {
            refused++;
        }
        return taken;
    }

    /** Drops the limits whose senders fell silent; returns how many. */
    public int expire(long nowNanos) {
        int dropped = tmmbr.expire(nowNanos, timeoutNanos);
        if (remb > 0 && nowNanos - peerHeardNanos > timeoutNanos) {
            remb = 0;
            dropped++;
        }
        expired += dropped;
        return dropped;
    }

    /**
     * The limit in force, bits/s of media: the lower of the REMB and the TMMBR tuples' media rate at
     * our packet rate (taken at the set's lowest MxTBR, the rate we will be sending at); 0 when none holds.
     */
    public long limit() {
        long lowest = tmmbr.minimum();
        long t = lowest == 0 ? 0 : tmmbr.mediaRateAt(packetRate.at(lowest));
        long r = remb;
        if (t == 0) {
            return r;
        }
        return r == 0 ? t : Math.min(r, t);
    }

    public TmmbrBoundingSet boundingSet() {
        return tmmbr;
    }

    /** How many limits were dropped because their senders went silent. */
    public long expired() {
        return expired;
    }

    /** TMMBRs from requesters beyond {@link TmmbrBoundingSet#CAPACITY}, not taken. */
    public long refused() {
        return refused;
    }

    public long timeoutNanos() {
        return timeoutNanos;
    }
}
