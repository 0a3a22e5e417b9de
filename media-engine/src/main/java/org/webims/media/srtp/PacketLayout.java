package org.webims.media.srtp;

/**
 * The few RTP/RTCP header fields SRTP needs (RFC 3550 §5.1, §6.4), read straight from the
 * array. Returns -1 instead of throwing on bad bytes.
 */
final class PacketLayout {

    static final int RTP_FIXED_HEADER = 12;
    static final int RTCP_SSRC_END = 8;
    private static final java.lang.invoke.VarHandle LONG_BE =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.BIG_ENDIAN);

    private PacketLayout() { }

    /** Length of the RTP header with CSRCs and extension, or -1 if not version 2 or past {@code len}. */
    static int rtpHeaderLength(byte[] b, int off, int len) {
        if (len < RTP_FIXED_HEADER || (b[off] & 0xC0) != 0x80) {
            return -1;
        }
        int header = RTP_FIXED_HEADER + 4 * (b[off] & 0x0F);
        if ((b[off] & 0x10) != 0) {
            if (header + 4 > len) {
                return -1;
            }
            header += 4 + 4 * u16(b, off + header + 2);
        }
        return header <= len ? header : -1;
    }

    static boolean isRtcpVersion2(byte[] b, int off) {
        return (b[off] & 0xC0) == 0x80;
    }

    static int u16(byte[] b, int at) {
        return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
    }

    static int readInt(byte[] b, int at) {
        return ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
    }

    /** Eight bytes big-endian in one load (GHASH reads each block as two of these). */
    static long readLong(byte[] b, int at) {
        return (long) LONG_BE.get(b, at);
    }

    static void writeLong(byte[] b, int at, long v) {
        LONG_BE.set(b, at, v);
    }
}
