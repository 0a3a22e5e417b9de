package org.webims.media.transcode;

/**
 * Gathers consecutive encoded frames into one packet of {@code framesPerPacket}, so the packet rate
 * stays under a far end's a=maxprate (RFC 3890 §6.4). AMR-WB storage frames go back to back, which
 * its packetizer chains with F bits (RFC 4867 §4.3.2, §4.4.2); Opus frames (each a one-frame code 0
 * packet from the encoder) become one code 3 packet, RFC 6716 §3.2.5, which RFC 7587 §4.2 carries
 * in one RTP packet up to 120 ms. A frame that does not follow the last one in time (a pause, a
 * jump), or an Opus frame of another configuration, sends what is gathered first: a packet's frames
 * are contiguous (RFC 4867 §4.1) and share one TOC (RFC 6716 §3.1). With one frame a packet every
 * frame goes at once, as before. Worker thread only; buffers made once.
 */
final class FrameBundle {

    /** RFC 6716 §3.2.5: a code 3 packet's frame count byte has the VBR flag (bit 7) and M in its low 6 bits. */
    private static final int VBR = 0x80;
    /** RFC 6716 §3.2.1: lengths from 252 take two bytes. */
    private static final int TWO_BYTE_LENGTH = 252;

    private final PacketOutput output;
    private final int framesPerPacket;
    private final boolean opus;
    private final byte[] buffer;
    private final byte[] packet;
    private final int[] frameLengths;
    private int length;
    private int count;
    private long timestamp;
    private long nextTimestamp;
    private boolean marker;
    private long packets;

    FrameBundle(PacketOutput output, int framesPerPacket, int maxFrameBytes, boolean opus) {
        if (framesPerPacket < 1) {
            throw new IllegalArgumentException("frames per packet must be at least 1, got " + framesPerPacket);
        }
        this.output = output;
        this.framesPerPacket = framesPerPacket;
        this.opus = opus && framesPerPacket > 1;
        this.buffer = new byte[framesPerPacket * maxFrameBytes];
        this.packet = this.opus ? new byte[2 + 2 * framesPerPacket + buffer.length] : null;
        this.frameLengths = new int[framesPerPacket];
    }

    /** One frame of {@code ticks} RTP ticks at {@code ts}; {@code marker} counts only on a packet's first frame. */
    void add(byte[] frame, int offset, int frameLength, long ts, long ticks, boolean frameMarker) {
        if (framesPerPacket == 1) { // the usual case: the frame goes as it is, no copy
            output.send(frame, offset, frameLength, ts, frameMarker, false);
            packets++;
            return;
        }
        boolean alone = opus && (frame[offset] & 0x03) != 0; // not a one-frame packet: it cannot be joined
        if (count > 0 && (ts != nextTimestamp || alone || opus && (frame[offset] & 0xFC) != (buffer[0] & 0xFC))) {
            flush();
        }
        if (count == 0) {
            timestamp = ts;
            marker = frameMarker;
        }
        System.arraycopy(frame, offset, buffer, length, frameLength);
        frameLengths[count++] = frameLength;
        length += frameLength;
        nextTimestamp = ts + ticks;
        if (count == framesPerPacket || alone) {
            flush();
        }
    }

    /** Sends what is gathered, if anything: a pause (DTX, NO_DATA) ends a packet early. */
    void flush() {
        if (count == 0) {
            return;
        }
        if (opus && count > 1) {
            output.send(packet, 0, opusCode3(), timestamp, marker, false);
        } else {
            output.send(buffer, 0, length, timestamp, marker, false);
        }
        packets++;
        length = 0;
        count = 0;
    }

    /** RFC 6716 §3.2.5: the first TOC with code 3, the frame count (VBR), each length but the last, the frames without their TOCs. */
    private int opusCode3() {
        int n = 0;
        packet[n++] = (byte) ((buffer[0] & 0xFC) | 0x03);
        packet[n++] = (byte) (VBR | count);
        for (int i = 0; i < count - 1; i++) {
            int len = frameLengths[i] - 1;
            if (len < TWO_BYTE_LENGTH) {
                packet[n++] = (byte) len;
            } else {
                int first = TWO_BYTE_LENGTH + (len & 0x03);
                packet[n++] = (byte) first;
                packet[n++] = (byte) ((len - first) >> 2);
            }
        }
        int at = 0;
        for (int i = 0; i < count; i++) {
            System.arraycopy(buffer, at + 1, packet, n, frameLengths[i] - 1);
            n += frameLengths[i] - 1;
            at += frameLengths[i];
        }
        return n;
    }

    int framesPerPacket() {
        return framesPerPacket;
    }

    long packets() {
        return packets;
    }
}
