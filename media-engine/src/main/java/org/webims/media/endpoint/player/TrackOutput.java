package org.webims.media.endpoint.player;

import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.webims.media.pipeline.MediaFormat;
import org.webims.media.pipeline.MediaPacket;
import org.webims.media.pipeline.MediaType;
import org.webims.media.pipeline.SourcePad;
import org.webims.media.playback.FileFrame;
import org.webims.media.playback.FileTrack;
import org.webims.media.rtp.payload.Packetizer;
import org.webims.media.rtp.payload.amrwb.AmrWbFrameType;
import org.webims.media.rtp.payload.amrwb.AmrWbPacketizer;
import org.webims.media.rtp.payload.amrwb.AmrWbPayloadFormat;
import org.webims.media.rtp.payload.h264.H264PacketizationMode;
import org.webims.media.rtp.payload.h264.H264Packetizer;
import org.webims.media.rtp.payload.opus.OpusPacketizer;
import org.webims.media.rtp.payload.vp8.Vp8Packetizer;

/**
 * One track of the file as a stream of packets on a source pad: frames cut into RTP payloads by
 * the codec's {@link Packetizer} (decoded audio as L16 instead), with their own random SSRC,
 * continuous sequence numbers and RTP timestamps from the frame times. On the pacer's thread.
 */
final class TrackOutput {

    /** Payload bytes per packet, leaving room for headers, SRTP and a tunnel in a 1500 MTU. */
    static final int MAX_PAYLOAD = 1200;

    private final FileTrack track;
    private final SourcePad pad;
    private final MediaFormat format;
    private final Packetizer packetizer;
    private final MediaPacket packet = new MediaPacket();
    private byte[] payload;
    private final int ssrc;
    private final long timestampBase;
    private int sequence;
    private long lastUs = Long.MIN_VALUE;
    private long endUs;

    TrackOutput(FileTrack track, SourcePad pad) {
        this.track = track;
        this.pad = pad;
        this.format = formatOf(track);
        this.packetizer = packetizerOf(track);
        this.payload = new byte[packetizer == null ? 2 * track.clockRate() / 50 + 2 : MAX_PAYLOAD];
        ThreadLocalRandom random = ThreadLocalRandom.current();
        // RFC 3550 §5.1: random initial sequence number and timestamp, random SSRC (§8.1).
        this.ssrc = random.nextInt();
        this.sequence = random.nextInt(0x10000);
        this.timestampBase = random.nextLong(0x100000000L);
    }

    FileTrack track() { return track; }
    SourcePad pad() { return pad; }
    MediaFormat format() { return format; }

    /** The end of the last frame sent, in the player's microseconds. */
    long endUs() { return endUs; }

    /**
     * Sends one frame timed at {@code timeUs} on the player's timeline, due at {@code dueNanos}
     * (its packets' {@code receivedNanos}); false if that is before what this track already sent
     * (after a seek) and the frame was skipped.
     */
    boolean send(FileFrame frame, long timeUs, long dueNanos) {
        if (timeUs < lastUs) {
            return false;
        }
        lastUs = timeUs;
        endUs = Math.max(endUs, timeUs + frame.durationUs());
        long rtp = (timestampBase + timeUs * track.clockRate() / 1_000_000L) & 0xFFFFFFFFL;
        long now = dueNanos;
        if (packetizer == null) {
            sendPcm(frame, rtp, now);
            return true;
        }
        if (!packetizer.setFrame(frame.data(), 0, frame.length())) {
            return false;
        }
        boolean first = true;
        while (packetizer.hasNext()) {
            int n = packetizer.next(payload, 0);
            packet.set(format, payload, 0, n, rtp, sequence, packetizer.marker())
                    .keyframe(first && frame.keyframe() && track.mediaType() == MediaType.VIDEO)
                    .receivedNanos(now).ssrc(ssrc);
            sequence = (sequence + 1) & 0xFFFF;
            first = false;
            pad.push(packet);
        }
        return true;
    }

    // The reader's PCM is 16-bit little-endian interleaved; L16 is big-endian (RFC 3551 §4.5.11) and mono here.
    private void sendPcm(FileFrame frame, long rtp, long now) {
        int channels = track.channels();
        int samples = frame.length() / (2 * channels);
        byte[] in = frame.data();
        if (payload.length < 2 * samples) {
            payload = new byte[2 * samples];
        }
        for (int i = 0; i < samples; i++) {
            int sum = 0;
            for (int c = 0; c < channels; c++) {
                int at = 2 * (i * channels + c);
                sum += (short) ((in[at + 1] << 8) | (in[at] & 0xFF));
            }
            int s = sum / channels;
            payload[2 * i] = (byte) (s >> 8);
            payload[2 * i + 1] = (byte) s;
        }
        packet.set(format, payload, 0, 2 * samples, rtp, sequence, false).receivedNanos(now).ssrc(ssrc);
        sequence = (sequence + 1) & 0xFFFF;
        pad.push(packet);
    }

    /** The payload format the pad emits for a track: what SDP would name it. */
    static MediaFormat formatOf(FileTrack track) {
        return switch (track.codec()) {
            // RFC 7587 §7: opus is always declared 48000/2, whatever the stream holds.
            case OPUS -> MediaFormat.audio("opus", 48_000, 2);
            case AMR_WB -> MediaFormat.of(MediaType.AUDIO, "AMR-WB", 16_000, 1, Map.of("octet-align", "1"));
            case VP8 -> MediaFormat.video("VP8");
            case H264 -> MediaFormat.of(MediaType.VIDEO, "H264", 90_000, 1, Map.of("packetization-mode", "1"));
            default -> MediaFormat.pcm(track.clockRate());
        };
    }

    private static Packetizer packetizerOf(FileTrack track) {
        return switch (track.codec()) {
            case OPUS -> new OpusPacketizer(MAX_PAYLOAD);
            case AMR_WB -> new AmrWbPacketizer(AmrWbPayloadFormat.OCTET_ALIGNED, AmrWbFrameType.ALL_MODES, MAX_PAYLOAD);
            case VP8 -> new Vp8Packetizer(MAX_PAYLOAD, true, ThreadLocalRandom.current().nextInt(0x8000));
            case H264 -> new H264Packetizer(H264PacketizationMode.NON_INTERLEAVED, MAX_PAYLOAD);
            default -> null;
        };
    }
}
