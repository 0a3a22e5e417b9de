package org.webims.media.rtp.payload.dtmf;

import org.webims.media.rtp.PacketCounters;
import org.webims.media.rtp.PacketFault;
import org.webims.media.rtp.RtpPacket;

/**
 * Reports each telephone-event once (RFC 4733 §2.5.2): all packets of one event, including the
 * repeated end packets, share its timestamp, so a timestamp already reported is ignored. An
 * event whose first packet was lost is reported from whichever packet arrives.
 */
public final class DtmfReceiver {

    private final PacketCounters counters = new PacketCounters();
    private boolean haveLast;
    private long lastTimestamp;

    public void push(RtpPacket packet, DtmfListener listener) {
        counters.packet(packet.length());
        if (packet.payloadLength() < TelephoneEvent.LENGTH) {
            counters.fault(PacketFault.TOO_SHORT);
            return;
        }
        long ts = packet.timestamp();
        if (haveLast && ts == lastTimestamp) {
            return; // continuation or end repeat of the event already reported
        }
        haveLast = true;
        lastTimestamp = ts;
        byte[] b = packet.buffer();
        int at = packet.payloadOffset();
        counters.frame();
        listener.onEvent(TelephoneEvent.event(b, at), TelephoneEvent.volume(b, at), ts);
    }

    public void reset() {
        haveLast = false;
    }

    public PacketCounters.Snapshot counters() {
        return counters.snapshot();
    }
}
