package org.webims.media.rtp;

/**
 * The fields of one RTCP reception report block (RFC 3550 §6.4.1). A mutable holder, reused: filled
 * by {@link RtpReceptionStats#takeReport} or by reading an SR/RR, and read by {@link RtcpWriter}.
 */
public final class ReportBlock {

    public static final int LENGTH = 24;

    public int ssrc;
    /** Fraction lost since the last report, in 1/256 units (0..255). */
    public int fractionLost;
    /** Cumulative packets lost, signed 24-bit. */
    public int cumulativeLost;
    public long extendedHighestSequence;
    /** Interarrival jitter in timestamp units. */
    public long jitter;
    /** Middle 32 bits of the NTP timestamp of the last SR received (LSR), 0 if none. */
    public int lastSenderReport;
    /** Delay since that SR in 1/65536 s (DLSR). */
    public int delaySinceLastSenderReport;

    void read(byte[] b, int at) {
        ssrc = RtcpBytes.i32(b, at);
        fractionLost = b[at + 4] & 0xFF;
        cumulativeLost = (RtcpBytes.u24(b, at + 5) << 8) >> 8; // sign-extend 24 bits
        extendedHighestSequence = RtcpBytes.u32(b, at + 8);
        jitter = RtcpBytes.u32(b, at + 12);
        lastSenderReport = RtcpBytes.i32(b, at + 16);
        delaySinceLastSenderReport = RtcpBytes.i32(b, at + 20);
    }

    void write(byte[] b, int at) {
        RtcpBytes.put32(b, at, ssrc);
        b[at + 4] = (byte) fractionLost;
        RtcpBytes.put24(b, at + 5, cumulativeLost);
        RtcpBytes.put32(b, at + 8, (int) extendedHighestSequence);
        RtcpBytes.put32(b, at + 12, (int) jitter);
        RtcpBytes.put32(b, at + 16, lastSenderReport);
        RtcpBytes.put32(b, at + 20, delaySinceLastSenderReport);
    }
}
