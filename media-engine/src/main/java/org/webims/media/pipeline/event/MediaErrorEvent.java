package org.webims.media.pipeline.event;

import org.webims.media.pipeline.MediaElement;

/** Kurento's {@code Error} event: a machine-readable kind and a description for people. */
public record MediaErrorEvent(MediaElement element, String errorType, String description)
        implements MediaEvent {
    @Override public String type() { return "Error"; }
}
