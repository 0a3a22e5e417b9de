package org.webims.media.endpoint;

import org.webims.media.endpoint.rtp.path.DtmfOutput;
import org.webims.media.pipeline.MediaElement;
import org.webims.media.pipeline.MediaType;

/**
 * An element that sends DTMF to its peer as RFC 4733 telephone-events. A DTMF event received by
 * one element passes to the elements its audio feeds that are DtmfEndpoints ({@link #relay}): in
 * milliseconds, so telephone-event/8000, /16000 and /48000 meet whatever the audio between them
 * is transcoded to.
 */
public interface DtmfEndpoint {

    /**
     * Queues a digit toward the peer; false, sending nothing, when the peer did not negotiate
     * telephone-event (or too many digits wait already).
     *
     * @param digit      0-9, *, #, A-D
     * @param durationMs how long the key is pressed, 1..8000
     * @throws IllegalArgumentException for another character or duration
     */
    boolean sendDtmf(char digit, int durationMs);

    /**
     * Passes a digit {@code from} received to the DtmfEndpoints its audio source feeds; returns
     * how many sent it on. Durations out of range are brought into it: a relay does not refuse.
     */
    static int relay(MediaElement from, char digit, int durationMs) {
        int duration = Math.max(1, Math.min(durationMs, DtmfOutput.MAX_DURATION_MS));
        int relayed = 0;
        for (MediaElement sink : from.sinkConnections(MediaType.AUDIO)) {
            if (sink instanceof DtmfEndpoint endpoint && endpoint.sendDtmf(digit, duration)) {
                relayed++;
            }
        }
        return relayed;
    }
}
