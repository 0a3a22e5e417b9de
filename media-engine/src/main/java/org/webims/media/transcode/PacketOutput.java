package org.webims.media.transcode;

import java.util.concurrent.ThreadLocalRandom;
import org.webims.media.pipeline.MediaFormat;
import org.webims.media.pipeline.MediaPacket;
import org.webims.media.pipeline.MediaSink;
import org.webims.media.rtp.payload.Packetizer;

/**
 * The last stage of a transcoder: splits each encoded frame into payloads (or sends it whole when
 * there is no packetizer: raw media) and pushes them downstream as the adapter's own stream: its
 * own SSRC and a continuous sequence number, so the sender downstream sees one steady source
 * (RFC 3550 §5.1). Runs on the adapter's worker only.
 */
final class PacketOutput {

    private final MediaFormat format;
    private final MediaSink downstream;
    private final Packetizer packetizer;
    private final MediaPacket packet = new MediaPacket();
    private final byte[] payload;
    private final int ssrc;
    private int sequence;
    private long frames;
    private long packets;
    private long bytes;
    private long refused;

    PacketOutput(MediaFormat format, MediaSink downstream, Packetizer packetizer) {
        this.format = format;
        this.downstream = downstream;
        this.packetizer = packetizer;
        this.payload = new byte[packetizer == null ? 0 : packetizer.maxPayloadSize()];
        ThreadLocalRandom random = ThreadLocalRandom.current();
        this.ssrc = random.nextInt();
        this.sequence = random.nextInt(1 << 16); // RFC 3550 §5.1: random initial sequence number
    }

    /**
     * Sends one frame with RTP timestamp {@code timestamp}: {@code marker} goes on its first
     * payload (an audio talkspurt start), the packetizer's own marker on the others (video frame
     * end); {@code keyframe} marks the first payload of a key frame.
     */
    void send(byte[] frame, int offset, int length, long timestamp, boolean marker, boolean keyframe) {
        frames++;
        long ts = timestamp & 0xFFFFFFFFL;
        if (packetizer == null) {
            push(frame, offset, length, ts, marker, keyframe);
            return;
        }
        if (!packetizer.setFrame(frame, offset, length)) {
            refused++;
            return;
        }
        boolean first = true;
        while (packetizer.hasNext()) {
            int n = packetizer.next(payload, 0);
            push(payload, 0, n, ts, (first && marker) || packetizer.marker(), first && keyframe);
            first = false;
        }
    }

    private void push(byte[] b, int offset, int length, long ts, boolean marker, boolean keyframe) {
        packet.set(format, b, offset, length, ts, sequence, marker).keyframe(keyframe).ssrc(ssrc);
        sequence = (sequence + 1) & 0xFFFF;
        packets++;
        bytes += length;
        downstream.accept(packet);
    }

    /** Frames the packetizer could not take (e.g. a NAL unit above the MTU in single-NAL mode). */
    long refused() {
        return refused;
    }

    int ssrc() {
        return ssrc;
    }

    void putCounters(java.util.Map<String, Long> into, String prefix) {
        into.put(prefix + "frames", frames);
        into.put(prefix + "packets", packets);
        into.put(prefix + "bytes", bytes);
        into.put(prefix + "refused", refused);
    }
}
