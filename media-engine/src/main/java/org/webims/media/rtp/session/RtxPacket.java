package org.webims.media.rtp.session;

import org.webims.media.rtp.RtpHeaderWriter;
import org.webims.media.rtp.RtpPacket;

/**
 * A retransmission packet of RFC 4588 §4 in SSRC-multiplexing: the rtx stream's own SSRC,
 * sequence number and payload type, the original's timestamp and marker; the payload is the
 * original sequence number (OSN) followed by the original payload. Written when we retransmit,
 * restored to the original when the browser retransmits to us.
 */
public final class RtxPacket {

    /** Bytes of the original sequence number ahead of the original payload. */
    public static final int OSN_BYTES = 2;

    private RtxPacket() {
    }

    /** Sets {@code h} for a retransmission of {@code original}; a caller may add header extensions after. */
    public static RtpHeaderWriter header(RtpHeaderWriter h, RtpPacket original, int rtxPayloadType, int rtxSequence,
            int rtxSsrc) {
        return h.marker(original.marker()).payloadType(rtxPayloadType).sequenceNumber(rtxSequence)
                .timestamp(original.timestamp()).ssrc(rtxSsrc).clearCsrcs().clearExtensions();
    }

    /** Writes {@code h}, the OSN and the original payload at {@code out[0]}; the packet's length. */
    public static int write(RtpHeaderWriter h, RtpPacket original, byte[] out) {
        int n = h.write(out, 0);
        int osn = original.sequenceNumber();
        out[n] = (byte) (osn >>> 8);
        out[n + 1] = (byte) osn;
        System.arraycopy(original.buffer(), original.payloadOffset(), out, n + OSN_BYTES, original.payloadLength());
        return n + OSN_BYTES + original.payloadLength();
    }

    /**
     * Restores the original packet from the retransmission {@code rtx} in place (RFC 4588 §4): the
     * OSN becomes the sequence number, the payload type the associated one (the {@code apt} of the
     * rtx format, §8.1) and the SSRC the original stream's (§4.1, its FID pair, RFC 5576 §4.2).
     * Marker, timestamp, extensions and padding stay: the retransmission carries the original's.
     * The header moves two bytes on over the OSN, which is cheaper than moving the payload back.
     * Returns the offset the original packet now starts at (its length is the retransmission's less
     * {@link #OSN_BYTES}), or -1 for a packet with no OSN, such as a padding-only bandwidth probe.
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
        b[o + 8] = (byte) (originalSsrc >>> 24);
        b[o + 9] = (byte) (originalSsrc >>> 16);
        b[o + 10] = (byte) (originalSsrc >>> 8);
        b[o + 11] = (byte) originalSsrc;
        return o;
    }
}
