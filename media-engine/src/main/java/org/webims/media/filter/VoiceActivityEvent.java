package org.webims.media.filter;

import org.webims.media.pipeline.MediaElement;
import org.webims.media.pipeline.event.MediaEvent;

/** Speech started ({@code speaking} true) or stopped, with the level of the frame that decided it. */
public record VoiceActivityEvent(MediaElement element, boolean speaking, double frameDbov)
        implements MediaEvent {
    @Override public String type() { return "VoiceActivity"; }
}
