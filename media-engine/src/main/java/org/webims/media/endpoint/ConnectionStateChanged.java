package org.webims.media.endpoint;

import org.webims.media.pipeline.MediaElement;
import org.webims.media.pipeline.event.MediaEvent;

/** Kurento's ConnectionStateChanged: the transport to the peer came up (CONNECTED) or went down. */
public record ConnectionStateChanged(MediaElement element, PeerState oldState, PeerState newState)
        implements MediaEvent {
    @Override public String type() { return "ConnectionStateChanged"; }
}
