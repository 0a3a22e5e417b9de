package org.webims.webrtc.event;

import org.webims.media.pipeline.MediaElement;
import org.webims.media.pipeline.event.MediaEvent;

/** The browser nominated a pair (USE-CANDIDATE, RFC 8445 §7.3.1.5): media goes there from now on. */
public record NewCandidatePairSelected(MediaElement element, IceCandidatePair candidatePair) implements MediaEvent {
    @Override public String type() { return "NewCandidatePairSelected"; }
}
