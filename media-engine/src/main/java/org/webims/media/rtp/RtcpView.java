package org.webims.media.rtp;

/**
 * Common part of the views of one RTCP packet: the 4-byte header (RFC 3550 §6.4.1), its length
 * and padding. Subclasses check their own fixed part and body; {@code wrap} never throws.
 */
abstract class RtcpView {

    protected byte[] buf;
    protected int off;
    /** Bytes of this packet without its padding. */
    protected int contentLength;
    protected RtcpFault fault;

    /** Wraps one RTCP packet starting at {@code offset}; on false see {@link #fault()}. */
    public final boolean wrap(byte[] bytes, int offset, int length) {
        buf = bytes;
        off = offset;
        contentLength = 0;
        fault = null;
        if (bytes == null || offset < 0 || length < 4 || offset > bytes.length - length) {
            return fail(RtcpFault.TOO_SHORT);
        }
        if ((bytes[offset] & 0xC0) != 0x80) {
            return fail(RtcpFault.BAD_VERSION);
        }
        int total = 4 * (RtcpBytes.u16(bytes, offset + 2) + 1);
        if (total > length) {
            return fail(RtcpFault.BAD_LENGTH);
        }
        int padding = 0;
        if ((bytes[offset] & 0x20) != 0) {
            padding = bytes[offset + total - 1] & 0xFF;
            if (padding == 0 || padding > total - 4) {
                return fail(RtcpFault.BAD_PADDING);
            }
        }
        contentLength = total - padding;
        if (!accepts(packetType(), count())) {
            return fail(RtcpFault.WRONG_TYPE);
        }
        return validate();
    }

    /** Whether this view reads packets of this type and count/FMT. */
    protected abstract boolean accepts(int packetType, int count);

    /** Checks the body; returns false after {@link #fail}. */
    protected abstract boolean validate();

    protected final boolean fail(RtcpFault f) {
        fault = f;
        return false;
    }

    public final RtcpFault fault() {
        return fault;
    }

    public final int packetType() {
        return buf[off + 1] & 0xFF;
    }

    /** The 5-bit count field: RC, SC, or FMT. */
    public final int count() {
        return buf[off] & 0x1F;
    }
}
