package org.webims.webrtc.event;

import org.webims.media.pipeline.MediaElement;
import org.webims.media.pipeline.event.MediaEvent;

/** One of our candidates, for trickle ICE (RFC 8838): the client hands it to the browser. */
public record IceCandidateFound(MediaElement element, IceCandidateInfo candidate) implements MediaEvent {
    @Override public String type() { return "IceCandidateFound"; }
}
