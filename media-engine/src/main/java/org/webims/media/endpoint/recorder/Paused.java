package org.webims.media.endpoint.recorder;

import org.webims.media.pipeline.MediaElement;
import org.webims.media.pipeline.event.MediaEvent;

/** The recorder stopped taking media until the next {@code record()}, Kurento's {@code Paused}. */
public record Paused(MediaElement element) implements MediaEvent {
    @Override public String type() { return "Paused"; }
}
