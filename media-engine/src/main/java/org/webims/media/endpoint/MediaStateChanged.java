package org.webims.media.endpoint;

import org.webims.media.pipeline.MediaElement;
import org.webims.media.pipeline.event.MediaEvent;

/** Kurento's MediaStateChanged: media from the peer started (CONNECTED) or stopped arriving. */
public record MediaStateChanged(MediaElement element, PeerState oldState, PeerState newState) implements MediaEvent {
    @Override public String type() { return "MediaStateChanged"; }
}
