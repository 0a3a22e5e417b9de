package org.webims.media.endpoint;

import org.webims.media.pipeline.MediaElement;
import org.webims.media.pipeline.event.MediaEvent;

/** Kurento's {@code UriEndpointStateChanged}: a recorder or player moved to {@code state}. */
public record UriEndpointStateChanged(MediaElement element, UriEndpointState state) implements MediaEvent {
    @Override public String type() { return "UriEndpointStateChanged"; }
}
