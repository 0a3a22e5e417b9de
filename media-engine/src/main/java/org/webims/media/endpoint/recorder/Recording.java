package org.webims.media.endpoint.recorder;

import org.webims.media.pipeline.MediaElement;
import org.webims.media.pipeline.event.MediaEvent;

/** The recorder started writing (after {@code record()}, or a resume), Kurento's {@code Recording}. */
public record Recording(MediaElement element) implements MediaEvent {
    @Override public String type() { return "Recording"; }
}
