package org.webims.media.transcode;

import org.webims.media.pipeline.MediaPacket;
import org.webims.media.rtp.RtpHeaderWriter;
import org.webims.media.rtp.RtpPacket;

/**
 * Puts a {@link MediaPacket}'s payload behind a 12-byte RTP header (its seq, timestamp, marker,
 * SSRC), so the depacketizers and the jitter buffer, which read {@link RtpPacket} views, take
 * pipeline packets unchanged. This is the one place a pipeline payload becomes an RTP packet.
 * Not thread-safe: one per producing side.
 */
final class RtpFraming {

    static final int HEADER = RtpPacket.FIXED_HEADER_LENGTH;

    private final RtpHeaderWriter header = new RtpHeaderWriter();
    private final RtpPacket view = new RtpPacket();
    private byte[] scratch;

    RtpFraming(int maxPayload) {
        scratch = new byte[HEADER + maxPayload];
    }

    /** Writes header and payload at {@code out[0]}; returns the RTP packet's length. */
    int write(MediaPacket p, byte[] out) {
        header.marker(p.marker()).sequenceNumber(p.sequenceNumber() & 0xFFFF)
                .timestamp(p.timestamp() & 0xFFFFFFFFL).ssrc(p.ssrc());
        header.write(out, 0);
        System.arraycopy(p.buffer(), p.offset(), out, HEADER, p.length());
        return HEADER + p.length();
    }

    /** The packet as an RTP view over this framing's scratch buffer, or null if it is not valid RTP. */
    RtpPacket wrap(MediaPacket p) {
        if (scratch.length < HEADER + p.length()) {
            scratch = new byte[HEADER + p.length()]; // only for a payload larger than any before
        }
        int n = write(p, scratch);
        return view.wrap(scratch, 0, n) ? view : null;
    }
}
