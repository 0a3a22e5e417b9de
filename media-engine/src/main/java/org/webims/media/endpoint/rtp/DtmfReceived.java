package org.webims.media.endpoint.rtp;

import org.webims.media.pipeline.MediaElement;
import org.webims.media.pipeline.event.MediaEvent;

/** A telephone-event (RFC 4733) arrived: raised once per event, {@code digit} is '?' for non-DTMF events. */
public record DtmfReceived(MediaElement element, char digit, int event, int volume) implements MediaEvent {
    @Override public String type() { return "DtmfReceived"; }
}
