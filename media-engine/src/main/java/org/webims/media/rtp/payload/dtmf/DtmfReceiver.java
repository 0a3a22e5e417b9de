package org.webims.media.rtp.payload.dtmf;

import org.webims.media.rtp.PacketCounters;
import org.webims.media.rtp.PacketFault;
import org.webims.media.rtp.RtpPacket;

/**
 * Reports each telephone-event once, with its duration (RFC 4733 §2.5.2): all packets of one
 * event, the repeated end packets included, share its timestamp, and the duration grows until the
 * E bit. The event is reported at its first end packet; its repeats are ignored. An event whose
 * end packets were all lost is reported with the last duration heard when the next event starts;
 * one whose first packet was lost is reported from the packets that arrive. A long event sent as
 * segments (§2.5.1.5: the same event, no marker, a timestamp 0xFFFF units on) is one event, reported
 * with its whole duration and its first segment's timestamp.
 */
public final class DtmfReceiver {

    private final PacketCounters counters = new PacketCounters();
    private boolean open;
    private long openTimestamp; // of the segment being heard
    private long openStart; // of the event's first segment
    private int openEvent;
    private int openVolume;
    private int openDuration; // in the segment being heard
    private int earlierSegments; // the duration of the event's segments before it
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
        int duration = TelephoneEvent.duration(b, at);
        if (open && ts != openTimestamp) {
            if (continuesOpenEvent(packet, b, at)) {
                earlierSegments += DtmfSender.MAX_SEGMENT;
                openTimestamp = ts;
                openDuration = 0;
            } else {
                report(listener); // the previous event's end never arrived
            }
        }
        if (!open) {
            open = true;
            openTimestamp = ts;
            openStart = ts;
            openEvent = TelephoneEvent.event(b, at);
            openVolume = TelephoneEvent.volume(b, at);
            openDuration = duration;
            earlierSegments = 0;
        } else {
            openDuration = Math.max(openDuration, duration); // updates only lengthen an event
        }
        if (TelephoneEvent.end(b, at)) {
            report(listener);
        }
    }

    /**
     * §2.5.1.5: a new segment of the open event starts where its full segment (0xFFFF units) ended,
     * so this holds even when the segment's last update (duration 0xFFFF) was lost.
     */
    private boolean continuesOpenEvent(RtpPacket packet, byte[] b, int at) {
        return !packet.marker()
                && packet.timestamp() == ((openTimestamp + DtmfSender.MAX_SEGMENT) & 0xFFFFFFFFL)
                && TelephoneEvent.event(b, at) == openEvent;
    }

    private void report(DtmfListener listener) {
        open = false;
        haveEnded = true;
        endedTimestamp = openTimestamp;
        counters.frame();
        listener.onEvent(openEvent, openVolume, earlierSegments + openDuration, openStart);
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
