package org.webims.media.rtp.payload.dtmf;

/** Told once per telephone-event received. */
@FunctionalInterface
public interface DtmfListener {

    /** @param rtpTimestamp the event's start timestamp, which identifies it */
    void onEvent(int event, int volume, long rtpTimestamp);
}
