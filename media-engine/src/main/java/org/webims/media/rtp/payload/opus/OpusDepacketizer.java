package org.webims.media.rtp.payload.opus;

import org.webims.media.rtp.PacketCounters;
import org.webims.media.rtp.PacketFault;
import org.webims.media.rtp.RtpPacket;
import org.webims.media.rtp.payload.Depacketizer;
import org.webims.media.rtp.payload.FrameFlags;
import org.webims.media.rtp.payload.FrameSink;
import org.webims.media.rtp.payload.SequenceContinuity;

/** RFC 7587 §4.2: the payload is exactly one Opus packet, handed on without a copy. */
public final class OpusDepacketizer implements Depacketizer {

    private final PacketCounters counters = new PacketCounters();
    private final SequenceContinuity sequence = new SequenceContinuity();
    private boolean lossPending;

    @Override
    public void push(RtpPacket packet, FrameSink sink) {
        int missing = sequence.admit(packet, counters);
        if (missing < 0) {
            return;
        }
        if (missing > 0) {
            lossPending = true;
        }
        if (packet.payloadLength() == 0) {
            // RFC 7587 §4.2: an empty payload is not an Opus packet (the TOC byte is mandatory)
            counters.fault(PacketFault.TOO_SHORT);
            return;
        }
        int flags = lossPending ? FrameFlags.AFTER_LOSS : 0;
        lossPending = false;
        counters.frame();
        sink.frame(packet.buffer(), packet.payloadOffset(), packet.payloadLength(), packet.timestamp(), flags);
    }

    @Override
    public void reset() {
        sequence.reset();
        lossPending = false;
    }

    @Override
    public PacketCounters.Snapshot counters() {
        return counters.snapshot();
    }
}
