package org.webims.media.endpoint.player;

import org.webims.media.pipeline.MediaElement;
import org.webims.media.pipeline.event.MediaEvent;

/** The player reached the end of its file (looping off), Kurento's {@code EndOfStream}. */
public record EndOfStream(MediaElement element) implements MediaEvent {
    @Override public String type() { return "EndOfStream"; }
}
