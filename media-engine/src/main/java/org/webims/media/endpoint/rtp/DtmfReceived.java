package org.webims.media.endpoint.rtp;

import org.webims.media.pipeline.MediaElement;
import org.webims.media.pipeline.event.MediaEvent;

/**
 * A telephone-event (RFC 4733) arrived and ended: raised once per event. {@code digit} is '?' for
 * non-DTMF events; {@code relayed} is how many connected elements sent it on as telephone-events
 * (0 when none negotiated them, so whoever listens may carry the digit another way).
 */
public record DtmfReceived(MediaElement element, char digit, int event, int volume, int durationMs, int relayed)
        implements MediaEvent {
    @Override public String type() { return "DtmfReceived"; }
}
