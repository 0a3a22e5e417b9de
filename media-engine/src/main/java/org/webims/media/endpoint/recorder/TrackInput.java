package org.webims.media.endpoint.recorder;

import java.util.function.Supplier;
import org.webims.media.codec.amrwb.AmrWbFrames;
import org.webims.media.pipeline.MediaFormat;
import org.webims.media.pipeline.MediaPacket;
import org.webims.media.pipeline.MediaSink;
import org.webims.media.pipeline.MediaType;
import org.webims.media.recording.MediaFileWriter;
import org.webims.media.recording.TrackCodec;
import org.webims.media.rtp.RtpHeaderWriter;
import org.webims.media.rtp.RtpPacket;
import org.webims.media.rtp.payload.Depacketizer;
import org.webims.media.rtp.payload.FrameFlags;
import org.webims.media.rtp.payload.FrameSink;
import org.webims.media.rtp.payload.ResequencingDepacketizer;
import org.webims.media.rtp.payload.amrwb.AmrWbDepacketizer;
import org.webims.media.rtp.payload.amrwb.AmrWbFrameType;
import org.webims.media.rtp.payload.amrwb.AmrWbPayloadFormat;
import org.webims.media.rtp.payload.h264.H264Depacketizer;
import org.webims.media.rtp.payload.opus.OpusDepacketizer;
import org.webims.media.rtp.payload.vp8.Vp8Depacketizer;

/**
 * What a recorder's sink pad does with one track: payloads back into codec frames (through the
 * payload format's {@link Depacketizer}, which takes a whole RTP packet, so the payload is copied
 * once behind a header written here), RTP timestamps onto the recorder's clock, frames into the
 * writer. Decoded audio (L16, for an AAC track) goes in as PCM. Runs on the thread pushing into
 * the pad; allocates only when the arriving payload format changes.
 */
final class TrackInput implements MediaSink, FrameSink {

    /** Largest video frame reassembled: a 1080p key frame with room to spare. */
    static final int MAX_VIDEO_FRAME = 1 << 20;

    private final TrackCodec codec;
    private final Supplier<MediaFileWriter> writers;
    private final Runnable keyframeRequest;
    private final RtpHeaderWriter header = new RtpHeaderWriter();
    private final RtpPacket rtp = new RtpPacket();
    private final StreamClock clock;
    private byte[] scratch = new byte[2048];
    private short[] samples = new short[2048];
    private MediaFormat format;
    private Depacketizer depacketizer;
    private long comfortNoise;
    private AmrWbDepacketizer amrOctetAligned;
    private AmrWbDepacketizer amrBandwidthEfficient;
    private int ssrc;
    private boolean haveSsrc;
    // The recording being fed, and the arrival time of the packet being depacketized.
    private MediaFileWriter writer;
    private long arrivalUs;
    // Counted on the pushing thread; read for stats only.
    private long notRecording;
    private long unusable;

    TrackInput(TrackCodec codec, Supplier<MediaFileWriter> writers, Runnable keyframeRequest) {
        this.codec = codec;
        this.writers = writers;
        this.keyframeRequest = keyframeRequest;
        this.clock = new StreamClock(clockRateOf(codec));
    }

    @Override
    public void accept(MediaPacket packet) {
        MediaFileWriter current = writers.get();
        if (current == null) {
            notRecording++;
            return;
        }
        if (packet.format() != format && !adopt(packet.format())) {
            unusable++;
            return;
        }
        long received = packet.receivedNanos();
        arrivalUs = (received != 0 ? received : System.nanoTime()) / 1000;
        if (!haveSsrc || packet.ssrc() != ssrc) {
            // Another stream now feeds the pad: its sequence numbers start afresh.
            haveSsrc = true;
            ssrc = packet.ssrc();
            if (depacketizer != null) {
                depacketizer.reset();
            }
        }
        if (current != writer) {
            // A new recording: its frames are timed afresh.
            clock.reset();
            writer = current;
        }
        if (codec == TrackCodec.AAC) {
            writePcm(packet);
            return;
        }
        int length = packet.length();
        int headerLength = header.headerLength();
        if (scratch.length < headerLength + length) {
            scratch = new byte[headerLength + length];
        }
        header.marker(packet.marker()).sequenceNumber(packet.sequenceNumber())
                .timestamp(packet.timestamp()).ssrc(packet.ssrc());
        int at = header.write(scratch, 0);
        System.arraycopy(packet.buffer(), packet.offset(), scratch, at, length);
        if (!rtp.wrap(scratch, 0, at + length)) {
            unusable++;
            return;
        }
        depacketizer.push(rtp, this);
    }

    @Override
    public void frame(byte[] buffer, int offset, int length, long rtpTimestamp, int flags) {
        long us = clock.toMicros(rtpTimestamp, ssrc, arrivalUs);
        if (codec.mediaType() == MediaType.VIDEO) {
            if (FrameFlags.isAfterLoss(flags)) {
                // The frames until the next key frame will not decode cleanly: ask for one.
                keyframeRequest.run();
            }
            writer.writeVideo(buffer, offset, length, us, FrameFlags.isKeyframe(flags));
        } else if (codec == TrackCodec.AMR_WB && length > 0
                && AmrWbFrames.frameType(buffer[offset]) == AmrWbFrames.FT_SID) {
            // comfort noise (a DTX sender's SID, decision 0019) is not stored, as NO_DATA frames
            // are not sent: FFmpeg's AMR-WB decoder cannot decode SID frames; the pause is a gap
            comfortNoise++;
        } else {
            writer.writeAudio(buffer, offset, length, us);
        }
    }

    // RFC 3551 §4.5.11: L16 is big-endian; one 20 ms block per packet, mono.
    private void writePcm(MediaPacket packet) {
        int count = packet.length() / 2;
        if (samples.length < count) {
            samples = new short[count];
        }
        byte[] b = packet.buffer();
        int p = packet.offset();
        for (int i = 0; i < count; i++, p += 2) {
            samples[i] = (short) ((b[p] << 8) | (b[p + 1] & 0xFF));
        }
        long us = clock.toMicros(packet.timestamp(), ssrc, arrivalUs);
        writer.writePcm(samples, 0, count, us);
    }

    /** Picks the depacketizer for a newly seen format; false if this track cannot store it. */
    private boolean adopt(MediaFormat newFormat) {
        if (newFormat == null || !codecOf(newFormat)) {
            return false;
        }
        if (format == null || !newFormat.equals(format)) {
            depacketizer = depacketizerFor(newFormat);
            haveSsrc = false;
        }
        format = newFormat;
        return true;
    }

    private boolean codecOf(MediaFormat f) {
        return switch (codec) {
            case OPUS -> f.encoding().equalsIgnoreCase("opus") && f.clockRate() == 48_000;
            case AMR_WB -> f.encoding().equalsIgnoreCase("AMR-WB") && f.clockRate() == 16_000;
            case AAC -> f.encoding().equalsIgnoreCase("L16") && f.clockRate() == RecordingProfile.AAC_PCM_RATE
                    && f.channels() == 1;
            case VP8 -> f.encoding().equalsIgnoreCase("VP8");
            case H264 -> f.encoding().equalsIgnoreCase("H264");
            default -> false;
        };
    }

    private Depacketizer depacketizerFor(MediaFormat f) {
        switch (codec) {
            case OPUS:
                return depacketizer instanceof OpusDepacketizer same ? same : new OpusDepacketizer();
            case AMR_WB:
                // RFC 4867 §8.1: octet-align=1 selects §4.4, absent or 0 the §4.3 layout.
                if (f.intParameter("octet-align", 0) == 1) {
                    if (amrOctetAligned == null) {
                        amrOctetAligned = new AmrWbDepacketizer(AmrWbPayloadFormat.OCTET_ALIGNED,
                                AmrWbFrameType.ALL_MODES);
                    }
                    return amrOctetAligned;
                }
                if (amrBandwidthEfficient == null) {
                    amrBandwidthEfficient = new AmrWbDepacketizer(AmrWbPayloadFormat.BANDWIDTH_EFFICIENT,
                            AmrWbFrameType.ALL_MODES);
                }
                return amrBandwidthEfficient;
            case VP8:
            case H264:
                // in sequence order, so that a packet retransmitted on our NACK completes its frame (RFC 4588)
                return depacketizer instanceof ResequencingDepacketizer same ? same
                        : new ResequencingDepacketizer(codec == TrackCodec.VP8 ? new Vp8Depacketizer(MAX_VIDEO_FRAME)
                                : new H264Depacketizer(MAX_VIDEO_FRAME));
            default:
                return null;
        }
    }

    private static int clockRateOf(TrackCodec codec) {
        return switch (codec) {
            case OPUS -> 48_000;
            case AMR_WB -> 16_000;
            case AAC -> RecordingProfile.AAC_PCM_RATE;
            default -> 90_000;
        };
    }

    long packetsWhileNotRecording() { return notRecording; }

    long unusablePackets() { return unusable; }

    /** AMR-WB SID frames left out of the file. */
    long comfortNoiseFrames() { return comfortNoise; }
}
