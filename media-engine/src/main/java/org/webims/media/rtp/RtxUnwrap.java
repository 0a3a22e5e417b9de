package org.webims.media.rtp;

/**
 * Restores the original packet from an RTX retransmission in place (RFC 4588 §4): the first two
 * payload bytes are the original sequence number (OSN); the payload type becomes the associated
 * one (the {@code apt} of the rtx format, §8.1) and the SSRC the original stream's (§4.1, its
 * FID pair, RFC 5576 §4.2). Marker, timestamp, extensions and padding stay as they are: the
 * retransmission carries the original's (§4). The header moves two bytes on over the OSN, which
 * is cheaper than moving the payload back.
 */
public final class RtxUnwrap {

    /** Bytes of the original sequence number ahead of the original payload. */
    public static final int OSN_BYTES = 2;

    private RtxUnwrap() {
    }

    /**
     * Rewrites the wrapped retransmission {@code rtx} in its buffer; returns the offset the original
     * packet now starts at (its length is the retransmission's less {@link #OSN_BYTES}), or -1 for
     * a packet with no OSN, such as a padding-only bandwidth probe, which restores nothing.
     */
    public static int restore(RtpPacket rtx, int originalPayloadType, int originalSsrc) {
        if (rtx.payloadLength() < OSN_BYTES) {
            return -1;
        }
        byte[] b = rtx.buffer();
        int off = rtx.offset();
        int payload = rtx.payloadOffset();
        int osn = ((b[payload] & 0xFF) << 8) | (b[payload + 1] & 0xFF);
        System.arraycopy(b, off, b, off + OSN_BYTES, payload - off);
        int o = off + OSN_BYTES;
        b[o + 1] = (byte) ((b[o + 1] & 0x80) | (originalPayloadType & 0x7F));
        b[o + 2] = (byte) (osn >>> 8);
        b[o + 3] = (byte) osn;
        RtcpBytes.put32(b, o + 8, originalSsrc);
        return o;
    }
}
