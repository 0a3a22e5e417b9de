package org.webims.media.rtp.session;

import org.webims.media.rtp.RtpHeaderWriter;
import org.webims.media.rtp.RtpPacket;

/**
 * A retransmission packet of RFC 4588 §4 in SSRC-multiplexing: the rtx stream's own SSRC,
 * sequence number and payload type, the original's timestamp and marker; the payload is the
 * original sequence number (OSN) followed by the original payload.
 */
public final class RtxPacket {

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
        System.arraycopy(original.buffer(), original.payloadOffset(), out, n + 2, original.payloadLength());
        return n + 2 + original.payloadLength();
    }
}
