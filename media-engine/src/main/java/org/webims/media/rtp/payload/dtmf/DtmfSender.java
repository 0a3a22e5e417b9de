package org.webims.media.rtp.payload.dtmf;

import org.webims.media.rtp.PacketCounters;

/**
 * Produces the packets of one telephone-event (RFC 4733 §2.5.1): a first packet (marker set), one
 * packet per packetization interval with the growing duration, then three end packets (E bit)
 * with the final duration (§2.5.1.4). All carry the event's start timestamp, which the caller
 * puts in the RTP header, plus {@link #timestampOffset()}: an event longer than the 16-bit
 * duration field goes as segments (§2.5.1.5), each starting where the last one ended (its
 * timestamp 0xFFFF units later) with its own duration, the marker only on the event's first packet.
 */
public final class DtmfSender {

    /** §2.5.1.4: the final packet is sent three times. */
    public static final int END_REPEATS = 3;
    /** §2.5.1.5: the most one segment's duration field holds. */
    static final int MAX_SEGMENT = 0xFFFF;

    private final PacketCounters counters = new PacketCounters();
    private int event;
    private int volume;
    private int totalDuration;
    private int interval;
    private int duration; // since the event began
    private int segmentStart; // where the segment of the packet last written began
    private boolean segmentFull;
    private int endsLeft;
    private boolean active;
    private boolean first;
    private boolean marker;
    private boolean lastWasEnd;

    /**
     * Starts an event of {@code durationUnits} timestamp units (e.g. 100 ms = 800 at 8 kHz), one
     * packet per {@code intervalUnits} (e.g. 50 ms = 400).
     */
    public void start(int event, int volume, int durationUnits, int intervalUnits) {
        if (event < 0 || event > 255 || intervalUnits <= 0 || durationUnits <= 0) {
            throw new IllegalArgumentException("event 0..255, positive duration and interval");
        }
        this.event = event;
        this.volume = volume;
        this.totalDuration = durationUnits;
        this.interval = intervalUnits;
        this.duration = 0;
        this.segmentStart = 0;
        this.segmentFull = false;
        this.endsLeft = END_REPEATS;
        this.active = true;
        this.first = true;
        counters.packet(0);
    }

    public boolean hasNext() {
        return active;
    }

    /** Writes the next 4-byte payload; returns its length (0 when the event is done). */
    public int next(byte[] out, int offset) {
        if (!active) {
            return 0;
        }
        marker = first; // §2.5.1.3: marker on the first packet of the event
        first = false;
        boolean end;
        if (duration < totalDuration) {
            if (segmentFull) { // §2.5.1.5: the next segment begins where the full one ended
                segmentStart += MAX_SEGMENT;
                segmentFull = false;
            }
            duration = Math.min(totalDuration, duration + interval);
            if (duration - segmentStart >= MAX_SEGMENT) {
                duration = segmentStart + MAX_SEGMENT; // the segment's last update reports 0xFFFF
                segmentFull = duration < totalDuration;
            }
            end = false;
        } else {
            end = true;
        }
        if (end) {
            endsLeft--;
            if (endsLeft == 0) {
                active = false;
            }
        }
        lastWasEnd = end;
        counters.frame();
        return TelephoneEvent.write(out, offset, event, end, volume, duration - segmentStart);
    }

    /** Units from the event's start timestamp to that of the packet {@link #next} just wrote (§2.5.1.5). */
    public int timestampOffset() {
        return segmentStart;
    }

    public boolean marker() {
        return marker;
    }

    /** Whether the payload {@link #next} just wrote carries the E bit. */
    public boolean lastWasEnd() {
        return lastWasEnd;
    }

    public PacketCounters.Snapshot counters() {
        return counters.snapshot();
    }
}
