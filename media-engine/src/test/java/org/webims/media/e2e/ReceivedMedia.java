package org.webims.media.e2e;

import java.util.List;
import org.webims.media.codec.AudioCodecs;
import org.webims.media.codec.CodecException;
import org.webims.media.codec.VideoCodecException;
import org.webims.media.codec.VideoCodecType;
import org.webims.media.codec.VideoCodecs;
import org.webims.media.codec.VideoDecoder;
import org.webims.media.codec.amrwb.AmrWbDecoder;
import org.webims.media.codec.opus.OpusDecoder;
import org.webims.media.pipeline.MediaType;
import org.webims.media.pipeline.PacketSinkElement;
import org.webims.media.rtp.RtpHeaderWriter;
import org.webims.media.rtp.RtpPacket;
import org.webims.media.rtp.payload.Depacketizer;
import org.webims.media.rtp.payload.FrameFlags;
import org.webims.media.rtp.payload.amrwb.AmrWbDepacketizer;
import org.webims.media.rtp.payload.amrwb.AmrWbFrameType;
import org.webims.media.rtp.payload.amrwb.AmrWbPayloadFormat;
import org.webims.media.rtp.payload.h264.H264Depacketizer;
import org.webims.media.rtp.payload.vp8.Vp8Depacketizer;
import org.webims.media.video.I420Picture;

/**
 * Decodes what a far end received, as that far end would: packets (copied off a pad) are put back
 * behind an RTP header, depacketized with the project's payload classes and decoded with its codecs.
 */
final class ReceivedMedia {

    private ReceivedMedia() {
    }

    /** A decoded picture and the RTP timestamp of the frame it came from. */
    interface PictureCheck {
        void picture(I420Picture picture, long rtpTimestamp);
    }

    static List<PacketSinkElement.Received> of(PacketSinkElement sink, MediaType type) {
        return sink.received.stream().filter(r -> r.format().type() == type).toList();
    }

    /** Opus payloads decoded one after the other (48 kHz mono). */
    static short[] opus(List<PacketSinkElement.Received> packets) throws CodecException {
        short[] pcm = new short[packets.size() * OpusDecoder.MAX_FRAME_SAMPLES];
        int at = 0;
        try (OpusDecoder dec = AudioCodecs.get().newOpusDecoder()) {
            for (PacketSinkElement.Received p : packets) {
                at += dec.decode(p.payload(), 0, p.payload().length, pcm, at);
            }
        }
        return java.util.Arrays.copyOf(pcm, at);
    }

    /** AMR-WB payloads (one 20 ms frame each, as our packetizer sends) decoded at 16 kHz. */
    static short[] amrWb(List<PacketSinkElement.Received> packets, AmrWbPayloadFormat format) throws CodecException {
        AmrWbDepacketizer depacketizer = new AmrWbDepacketizer(format, AmrWbFrameType.ALL_MODES);
        byte[] storage = new byte[61 * 4];
        short[] pcm = new short[packets.size() * 320 * 4];
        int at = 0;
        try (AmrWbDecoder dec = AudioCodecs.get().newAmrWbDecoder()) {
            for (PacketSinkElement.Received p : packets) {
                int n = depacketizer.toStorageFormat(p.payload(), 0, p.payload().length, storage, 0);
                if (n > 0) {
                    at += dec.decode(storage, 0, n, pcm, at);
                }
            }
        }
        return java.util.Arrays.copyOf(pcm, at);
    }

    /**
     * Reassembles and decodes a video stream from its first key frame on; every decoded picture is
     * handed to {@code check}. Returns how many frames did not decode after the first key frame.
     */
    static int video(List<PacketSinkElement.Received> packets, VideoCodecType codec, PictureCheck check)
            throws VideoCodecException {
        Depacketizer depacketizer = codec == VideoCodecType.VP8 ? new Vp8Depacketizer(1 << 21)
                : new H264Depacketizer(1 << 21);
        RtpHeaderWriter header = new RtpHeaderWriter();
        RtpPacket rtp = new RtpPacket();
        int[] failed = {0};
        boolean[] keyed = {false};
        try (VideoDecoder decoder = VideoCodecs.decoder(codec)) {
            for (PacketSinkElement.Received p : packets) {
                byte[] b = new byte[12 + p.payload().length];
                header.marker(p.marker()).sequenceNumber(p.sequenceNumber()).timestamp(p.timestamp()).ssrc(p.ssrc())
                        .write(b, 0);
                System.arraycopy(p.payload(), 0, b, 12, p.payload().length);
                if (!rtp.wrap(b, 0, b.length)) {
                    throw new AssertionError("not RTP again: " + p);
                }
                depacketizer.push(rtp, (data, off, len, ts, flags) -> {
                    keyed[0] |= FrameFlags.isKeyframe(flags);
                    if (!keyed[0]) {
                        return;
                    }
                    VideoDecoder.Status status = decoder.decode(data, off, len, ts);
                    if (status == VideoDecoder.Status.PICTURE) {
                        check.picture(decoder.picture(), ts);
                    } else if (status == VideoDecoder.Status.KEYFRAME_NEEDED) {
                        failed[0]++;
                    }
                });
            }
        }
        return failed[0];
    }
}
