package org.webims.media.endpoint.rtp.path;

import org.webims.media.pipeline.MediaFormat;
import org.webims.media.pipeline.MediaPacket;
import org.webims.media.rtp.RtpPacket;

/**
 * The unit a receive path pushes out of its source pad: one reused {@link MediaPacket} filled
 * from a checked (and decrypted) RTP packet, in its negotiated format, with the keyframe flag of
 * its payload format. Used by the one thread that receives the stream.
 */
public final class InboundPacket {

    private final MediaPacket packet = new MediaPacket();

    /** The packet for the source pad; valid until the next call (decision 0007: the producer reuses it). */
    public MediaPacket fill(RtpPacket rtp, MediaFormat format, PayloadKind kind, long receivedNanos) {
        boolean key = Keyframes.isKeyframe(kind, rtp.buffer(), rtp.payloadOffset(), rtp.payloadLength());
        return packet.set(format, rtp.buffer(), rtp.payloadOffset(), rtp.payloadLength(), rtp.timestamp(),
                rtp.sequenceNumber(), rtp.marker()).keyframe(key).receivedNanos(receivedNanos).ssrc(rtp.ssrc());
    }
}
