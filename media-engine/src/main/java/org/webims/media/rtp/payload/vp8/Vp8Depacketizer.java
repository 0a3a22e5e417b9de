package org.webims.media.rtp.payload.vp8;

import org.webims.media.rtp.PacketCounters;
import org.webims.media.rtp.PacketFault;
import org.webims.media.rtp.RtpPacket;
import org.webims.media.rtp.payload.Depacketizer;
import org.webims.media.rtp.payload.FrameFlags;
import org.webims.media.rtp.payload.FrameSink;
import org.webims.media.rtp.payload.SequenceContinuity;

/**
 * Reassembles VP8 frames (RFC 7741 §4.5): a frame starts with S=1 and PID=0, continues with
 * consecutive sequence numbers and the same timestamp, and ends with the marker bit. A frame that
 * loses a packet is dropped whole ({@link PacketFault#INCOMPLETE_FRAME}) and the next one delivered
 * is flagged {@link FrameFlags#AFTER_LOSS} so the decoder side can ask for a key frame.
 */
public final class Vp8Depacketizer implements Depacketizer {

    private final byte[] frame;
    private final Vp8Descriptor descriptor = new Vp8Descriptor();
    private final PacketCounters counters = new PacketCounters();
    private boolean assembling;
    private int frameLength;
    private long frameTimestamp;
    private boolean keyFrame;
    private boolean lossPending;
    private final SequenceContinuity sequence = new SequenceContinuity();

    /** @param maxFrameSize largest frame to reassemble, e.g. 1 MiB for 1080p key frames */
    public Vp8Depacketizer(int maxFrameSize) {
        frame = new byte[maxFrameSize];
    }

    @Override
    public void push(RtpPacket packet, FrameSink sink) {
        int missing = sequence.admit(packet, counters);
        if (missing < 0) {
            return;
        }
        boolean contiguous = missing == 0;
        if (!contiguous) {
            lossPending = true;
        }
        byte[] b = packet.buffer();
        if (!descriptor.parse(b, packet.payloadOffset(), packet.payloadLength())) {
            counters.fault(PacketFault.MALFORMED);
            abandon();
            return;
        }
        int dataOff = packet.payloadOffset() + descriptor.length();
        int dataLen = packet.payloadLength() - descriptor.length();
        long ts = packet.timestamp();
        if (descriptor.startOfPartition && descriptor.partitionIndex == 0) {
            if (assembling) {
                abandon(); // the previous frame never saw its marker
            }
            assembling = true;
            frameLength = 0;
            frameTimestamp = ts;
            keyFrame = (b[dataOff] & 0x01) == 0; // P bit of the VP8 frame tag
        } else if (!assembling) {
            return; // the start of this frame was lost; already counted as loss
        } else if (!contiguous || ts != frameTimestamp) {
            abandon();
            return;
        }
        if (frameLength + dataLen > frame.length) {
            counters.fault(PacketFault.FRAME_TOO_LARGE);
            assembling = false;
            lossPending = true;
            return;
        }
        System.arraycopy(b, dataOff, frame, frameLength, dataLen);
        frameLength += dataLen;
        if (packet.marker()) {
            assembling = false;
            int flags = (keyFrame ? FrameFlags.KEYFRAME : 0) | (lossPending ? FrameFlags.AFTER_LOSS : 0);
            lossPending = false;
            counters.frame();
            sink.frame(frame, 0, frameLength, frameTimestamp, flags);
        }
    }

    private void abandon() {
        if (assembling) {
            counters.fault(PacketFault.INCOMPLETE_FRAME);
            assembling = false;
        }
        lossPending = true;
    }

    @Override
    public void reset() {
        assembling = false;
        sequence.reset();
        lossPending = false;
    }

    @Override
    public PacketCounters.Snapshot counters() {
        return counters.snapshot();
    }
}
