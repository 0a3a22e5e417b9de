package org.webims.media.rtp;

/** Arithmetic on 16-bit RTP sequence numbers and 32-bit timestamps, modulo their range. */
public final class RtpSequence {

    private RtpSequence() {
    }

    /** Signed distance {@code a - b} in 16-bit sequence space, in [-32768, 32767]. */
    public static int delta(int a, int b) {
        return (short) (a - b);
    }

    /** Whether {@code a} comes after {@code b} (RFC 1982 serial number comparison). */
    public static boolean isNewer(int a, int b) {
        return delta(a, b) > 0;
    }

    /** Next sequence number after {@code seq}. */
    public static int next(int seq) {
        return (seq + 1) & 0xFFFF;
    }

    /**
     * Extends a 16-bit sequence number to the one closest to {@code reference}, an extended
     * sequence number (cycles in the upper bits), so reordering across 65535 -> 0 keeps order.
     */
    public static long extend(long reference, int seq) {
        return reference + delta(seq, (int) reference);
    }

    /** Signed distance {@code a - b} between two 32-bit RTP timestamps. */
    public static int timestampDelta(long a, long b) {
        return (int) (a - b);
    }
}
