package org.webims.media.endpoint.recorder;

import org.webims.media.pipeline.MediaElement;
import org.webims.media.pipeline.event.MediaEvent;

/** The recording is over and its file closed and finalized, Kurento's {@code Stopped}. */
public record Stopped(MediaElement element) implements MediaEvent {
    @Override public String type() { return "Stopped"; }
}
