package org.webims.media.rtp.payload.opus;

import org.webims.media.rtp.PacketCounters;
import org.webims.media.rtp.PacketFault;
import org.webims.media.rtp.payload.Packetizer;

/** RFC 7587 §4.2: one Opus packet per RTP payload; a packet larger than the MTU is refused. */
public final class OpusPacketizer implements Packetizer {

    private final int maxPayloadSize;
    private final PacketCounters counters = new PacketCounters();
    private byte[] frame;
    private int frameOffset;
    private int frameLength;
    private boolean pending;

    public OpusPacketizer(int maxPayloadSize) {
        this.maxPayloadSize = maxPayloadSize;
    }

    @Override
    public boolean setFrame(byte[] bytes, int offset, int length) {
        counters.packet(length);
        pending = false;
        if (length < 1) {
            counters.fault(PacketFault.TOO_SHORT);
            return false;
        }
        if (length > maxPayloadSize) {
            counters.fault(PacketFault.FRAME_TOO_LARGE);
            return false;
        }
        frame = bytes;
        frameOffset = offset;
        frameLength = length;
        pending = true;
        return true;
    }

    @Override
    public boolean hasNext() {
        return pending;
    }

    @Override
    public int next(byte[] out, int offset) {
        if (!pending) {
            return 0;
        }
        pending = false;
        System.arraycopy(frame, frameOffset, out, offset, frameLength);
        counters.frame();
        return frameLength;
    }

    /** RFC 7587 §4.1 leaves the marker to talkspurt starts, which only the caller knows. */
    @Override
    public boolean marker() {
        return false;
    }

    @Override
    public int maxPayloadSize() {
        return maxPayloadSize;
    }

    @Override
    public PacketCounters.Snapshot counters() {
        return counters.snapshot();
    }
}
