package org.webims.media.rtp.payload.dtmf;

import org.webims.media.rtp.PacketCounters;
import org.webims.media.rtp.PacketFault;
import org.webims.media.rtp.RtpPacket;

/**
 * Reports each telephone-event once, with its duration (RFC 4733 §2.5.2): all packets of one
 * event, the repeated end packets included, share its timestamp, and the duration grows until the
 * E bit. The event is reported at its first end packet; its repeats are ignored. An event whose
 * end packets were all lost is reported with the last duration heard when the next event starts;
 * one whose first packet was lost is reported from the packets that arrive.
 */
public final class DtmfReceiver {

    private final PacketCounters counters = new PacketCounters();
    private boolean open;
    private long openTimestamp;
    private int openEvent;
    private int openVolume;
    private int openDuration;
    private boolean haveEnded;
    private long endedTimestamp;

    public void push(RtpPacket packet, DtmfListener listener) {
        counters.packet(packet.length());
        if (packet.payloadLength() < TelephoneEvent.LENGTH) {
            counters.fault(PacketFault.TOO_SHORT);
            return;
        }
        long ts = packet.timestamp();
        if (haveEnded && ts == endedTimestamp) {
            return; // §2.5.1.4: a repeat of the end packet of an event already reported
        }
        byte[] b = packet.buffer();
        int at = packet.payloadOffset();
        if (open && ts != openTimestamp) {
            report(listener); // the previous event's end never arrived
        }
        int duration = TelephoneEvent.duration(b, at);
        if (!open) {
            open = true;
            openTimestamp = ts;
            openEvent = TelephoneEvent.event(b, at);
            openVolume = TelephoneEvent.volume(b, at);
            openDuration = duration;
        } else {
            openDuration = Math.max(openDuration, duration); // updates only lengthen an event
        }
        if (TelephoneEvent.end(b, at)) {
            report(listener);
        }
    }

    private void report(DtmfListener listener) {
        open = false;
        haveEnded = true;
        endedTimestamp = openTimestamp;
        counters.frame();
        listener.onEvent(openEvent, openVolume, openDuration, openTimestamp);
    }

    /** A new sender: what was heard of the old one's event is dropped. */
    public void reset() {
        open = false;
        haveEnded = false;
    }

    public PacketCounters.Snapshot counters() {
        return counters.snapshot();
    }
}
