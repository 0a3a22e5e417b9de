package org.webims.media.rtp.payload.dtmf;

import org.webims.media.rtp.PacketCounters;

/**
 * Produces the packets of one telephone-event (RFC 4733 §2.5.1): a first packet (marker set), one
 * packet per packetization interval with the growing duration, then three end packets (E bit)
 * with the final duration (§2.5.1.4). All carry the event's start timestamp, which the caller
 * puts in the RTP header. Events longer than 65535 units are capped (no §2.5.2.3 segments).
 */
public final class DtmfSender {

    /** §2.5.1.4: the final packet is sent three times. */
    public static final int END_REPEATS = 3;

    private final PacketCounters counters = new PacketCounters();
    private int event;
    private int volume;
    private int totalDuration;
    private int interval;
    private int duration;
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
        this.totalDuration = Math.min(durationUnits, 0xFFFF);
        this.interval = intervalUnits;
        this.duration = 0;
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
            duration = Math.min(totalDuration, duration + interval);
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
        return TelephoneEvent.write(out, offset, event, end, volume, duration);
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
