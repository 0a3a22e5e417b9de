package org.webims.media.rtp.payload.dtmf;

/** Told once per telephone-event received, when it has ended. */
@FunctionalInterface
public interface DtmfListener {

    /**
     * @param durationUnits how long the event lasted, in timestamp units of its payload format
     * @param rtpTimestamp  the event's start timestamp, which identifies it
     */
    void onEvent(int event, int volume, int durationUnits, long rtpTimestamp);
}
