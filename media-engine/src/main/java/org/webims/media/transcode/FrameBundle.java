package org.webims.media.transcode;

/**
 * Gathers consecutive encoded frames into one packet of {@code framesPerPacket} (AMR-WB storage
 * frames back to back, which its packetizer chains with F bits, RFC 4867 §4.3.2 / §4.4.2), so the
 * packet rate stays under a far end's a=maxprate (RFC 3890 §6.4). A frame that does not follow the
 * last one in time (a pause, a jump) sends what is gathered first: a packet's frames are contiguous
 * (RFC 4867 §4.1). With one frame a packet every frame goes at once, as before. Worker thread only;
 * one buffer, made once.
 */
final class FrameBundle {

    private final PacketOutput output;
    private final int framesPerPacket;
    private final byte[] buffer;
    private int length;
    private int count;
    private long timestamp;
    private long nextTimestamp;
    private boolean marker;
    private long packets;

    FrameBundle(PacketOutput output, int framesPerPacket, int maxFrameBytes) {
        if (framesPerPacket < 1) {
            throw new IllegalArgumentException("frames per packet must be at least 1, got " + framesPerPacket);
        }
        this.output = output;
        this.framesPerPacket = framesPerPacket;
        this.buffer = new byte[framesPerPacket * maxFrameBytes];
    }

    /** One frame of {@code ticks} RTP ticks at {@code ts}; {@code marker} counts only on a packet's first frame. */
    void add(byte[] frame, int offset, int frameLength, long ts, long ticks, boolean frameMarker) {
        if (count > 0 && ts != nextTimestamp) {
            flush();
        }
        if (count == 0) {
            timestamp = ts;
            marker = frameMarker;
        }
        System.arraycopy(frame, offset, buffer, length, frameLength);
        length += frameLength;
        count++;
        nextTimestamp = ts + ticks;
        if (count == framesPerPacket) {
            flush();
        }
    }

    /** Sends what is gathered, if anything: a pause (DTX, NO_DATA) ends a packet early. */
    void flush() {
        if (count == 0) {
            return;
        }
        output.send(buffer, 0, length, timestamp, marker, false);
        packets++;
        length = 0;
        count = 0;
    }

    int framesPerPacket() {
        return framesPerPacket;
    }

    long packets() {
        return packets;
    }
}
