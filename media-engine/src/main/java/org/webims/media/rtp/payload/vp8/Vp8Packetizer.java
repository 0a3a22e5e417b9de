package org.webims.media.rtp.payload.vp8;

import org.webims.media.rtp.PacketCounters;
import org.webims.media.rtp.PacketFault;
import org.webims.media.rtp.payload.Packetizer;

/**
 * Splits a VP8 frame into RTP payloads of near equal size (RFC 7741 §4.4), each with a payload
 * descriptor carrying the 15-bit PictureID (incremented per frame); S=1 on the first, marker on
 * the last. The whole frame is sent as partition 0 (PID=0), which RFC 7741 §4.2 allows.
 */
public final class Vp8Packetizer implements Packetizer {

    private final int maxPayloadSize;
    private final boolean writePictureId;
    private final Vp8Descriptor descriptor = new Vp8Descriptor();
    private final PacketCounters counters = new PacketCounters();
    private int pictureId;
    private byte[] source;
    private int position;
    private int end;
    private int remainingPackets;
    private boolean first;
    private boolean marker;

    /** @param initialPictureId first PictureID (0..32767), random per RFC 7741 §4.2 advice */
    public Vp8Packetizer(int maxPayloadSize, boolean writePictureId, int initialPictureId) {
        this.writePictureId = writePictureId;
        this.pictureId = initialPictureId & 0x7FFF;
        this.maxPayloadSize = maxPayloadSize;
    }

    private int descriptorLength() {
        return writePictureId ? 4 : 1;
    }

    @Override
    public boolean setFrame(byte[] bytes, int offset, int length) {
        counters.packet(length);
        remainingPackets = 0;
        int room = maxPayloadSize - descriptorLength();
        if (length < 1 || room < 1) {
            counters.fault(room < 1 ? PacketFault.FRAME_TOO_LARGE : PacketFault.TOO_SHORT);
            return false;
        }
        source = bytes;
        position = offset;
        end = offset + length;
        remainingPackets = (length + room - 1) / room;
        first = true;
        return true;
    }

    /** PictureID the next frame will carry. */
    public int pictureId() {
        return pictureId;
    }

    @Override
    public boolean hasNext() {
        return remainingPackets > 0;
    }

    @Override
    public int next(byte[] out, int offset) {
        if (remainingPackets == 0) {
            return 0;
        }
        int chunk = (end - position + remainingPackets - 1) / remainingPackets; // equal split
        descriptor.clear();
        descriptor.startOfPartition = first;
        descriptor.pictureId = writePictureId ? pictureId : -1;
        int d = descriptor.write(out, offset);
        System.arraycopy(source, position, out, offset + d, chunk);
        position += chunk;
        remainingPackets--;
        first = false;
        marker = remainingPackets == 0;
        if (marker) {
            pictureId = (pictureId + 1) & 0x7FFF;
        }
        counters.frame();
        return d + chunk;
    }

    @Override
    public boolean marker() {
        return marker;
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
