package org.webims.media.rtp.session;

/**
 * How many bytes a stream may retransmit: a token bucket that starts with {@link #START_BYTES},
 * is filled with a quarter of the bytes the stream itself sent, and holds at most
 * {@link #BURST_BYTES}. A NACK storm (a broken or hostile receiver asking again and again) then
 * costs at most a quarter more than the stream sends, plus the start; a loss burst can still be
 * repaired at once, the first key frame's included (a quarter of a stream that has only begun
 * would not pay for one of its packets). RFC 4588 §7: retransmissions are more traffic in
 * the same congested path, and must not add beyond what the sender's rate allows; RFC 4585
 * §3.4 gives feedback itself no such bound. One thread calls {@link #take} (the one reading the
 * peer's RTCP).
 */
public final class RetransmissionBudget {

    /** Retransmitted bytes at most per sent byte: one in four. */
    public static final int SHARE_DIVISOR = 4;
    /** The most the bucket holds: about 50 video packets of 1200 bytes. */
    public static final long BURST_BYTES = 64 * 1024;
    /** What it holds before anything was sent: about 13 video packets of 1200 bytes. */
    public static final long START_BYTES = 16 * 1024;

    private long creditedSent;
    private long tokens = START_BYTES;

    /**
     * Whether {@code bytes} may be retransmitted now, given the stream has sent {@code sentSoFar}
     * bytes in all (a counter of the sending thread's, read here a little stale at worst).
     */
    public boolean take(long sentSoFar, int bytes) {
        if (sentSoFar > creditedSent) {
            tokens = Math.min(BURST_BYTES, tokens + (sentSoFar - creditedSent) / SHARE_DIVISOR);
            creditedSent = sentSoFar;
        }
        if (tokens < bytes) {
            return false;
        }
        tokens -= bytes;
        return true;
    }
}
