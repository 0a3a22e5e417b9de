package org.webims.media.transcode;

import org.webims.media.rtp.PacketCounters;
import org.webims.media.rtp.PacketFault;
import org.webims.media.rtp.RtpPacket;
import org.webims.media.rtp.payload.Depacketizer;
import org.webims.media.rtp.payload.FrameSink;

/** For L16 (RFC 3551 §4.5.11): the whole payload is one frame of samples. */
final class WholePayloadDepacketizer implements Depacketizer {

    private final PacketCounters counters = new PacketCounters();

    @Override
    public void push(RtpPacket packet, FrameSink sink) {
        counters.packet(packet.length());
        if (packet.payloadLength() < 2) {
            counters.fault(PacketFault.TOO_SHORT);
            return;
        }
        counters.frame();
        sink.frame(packet.buffer(), packet.payloadOffset(), packet.payloadLength(), packet.timestamp(), 0);
    }

    @Override
    public void reset() {
    }

    @Override
    public PacketCounters.Snapshot counters() {
        return counters.snapshot();
    }
}
