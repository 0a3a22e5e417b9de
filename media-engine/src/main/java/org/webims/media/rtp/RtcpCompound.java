package org.webims.media.rtp;

/**
 * Validates a compound RTCP packet (RFC 3550 A.2) and iterates its packets. Reusable and
 * allocation free: {@link #wrap} then {@code while (next()) switch (packetType()) ...}, handing
 * {@link #packetOffset()}/{@link #packetLength()} to the view of that type. Unknown types (APP,
 * XR, ...) are simply skipped by iterating past them.
 */
public final class RtcpCompound {

    private final boolean allowReducedSize;
    private byte[] buf;
    private int start;
    private int end;
    private int cursor;
    private int current;
    private int currentLength;
    private RtcpFault fault;

    /** Requires the RFC 3550 compound rule (first packet SR or RR). */
    public RtcpCompound() {
        this(false);
    }

    /** {@code allowReducedSize}: accept reduced-size RTCP (RFC 5506), e.g. a lone PLI. */
    public RtcpCompound(boolean allowReducedSize) {
        this.allowReducedSize = allowReducedSize;
    }

    /**
     * Validates every packet header in the compound packet. Padding is accepted on any packet with a
     * valid count (A.2 expects it only on the last, but libwebrtc pads transport-cc feedback).
     */
    public boolean wrap(byte[] bytes, int offset, int length) {
        buf = bytes;
        start = offset;
        end = offset;
        cursor = offset;
        current = -1;
        currentLength = 0;
        fault = null;
        if (bytes == null || offset < 0 || length < 4 || offset > bytes.length - length) {
            return fail(RtcpFault.TOO_SHORT);
        }
        int p = offset;
        int limit = offset + length;
        boolean first = true;
        while (p < limit) {
            if (limit - p < 4) {
                return fail(RtcpFault.BAD_LENGTH);
            }
            if ((bytes[p] & 0xC0) != 0x80) {
                return fail(RtcpFault.BAD_VERSION);
            }
            int pt = bytes[p + 1] & 0xFF;
            if (first && !allowReducedSize && pt != RtcpPacketType.SR && pt != RtcpPacketType.RR) {
                return fail(RtcpFault.FIRST_NOT_REPORT);
            }
            int total = 4 * (RtcpBytes.u16(bytes, p + 2) + 1);
            if (total > limit - p) {
                return fail(RtcpFault.BAD_LENGTH);
            }
            if ((bytes[p] & 0x20) != 0) {
                int pad = bytes[p + total - 1] & 0xFF;
                if (pad == 0 || pad > total - 4) {
                    return fail(RtcpFault.BAD_PADDING);
                }
            }
            first = false;
            p += total;
        }
        end = limit;
        return true;
    }

    private boolean fail(RtcpFault f) {
        fault = f;
        return false;
    }

    public RtcpFault fault() {
        return fault;
    }

    /** Moves to the next packet; false at the end (or if {@link #wrap} failed). */
    public boolean next() {
        if (cursor >= end) {
            return false;
        }
        current = cursor;
        currentLength = 4 * (RtcpBytes.u16(buf, cursor + 2) + 1);
        cursor += currentLength;
        return true;
    }

    public int packetType() {
        return buf[current + 1] & 0xFF;
    }

    /** The 5-bit count field of the current packet: RC, SC or FMT. */
    public int count() {
        return buf[current] & 0x1F;
    }

    public int packetOffset() {
        return current;
    }

    /** Length of the current packet in bytes, padding included. */
    public int packetLength() {
        return currentLength;
    }

    public byte[] buffer() {
        return buf;
    }

    /** Offset of the compound packet. */
    public int offset() {
        return start;
    }
}
