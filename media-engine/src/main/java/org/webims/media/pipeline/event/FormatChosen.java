package org.webims.media.pipeline.event;

import org.webims.media.pipeline.MediaElement;
import org.webims.media.pipeline.MediaFormat;
import org.webims.media.pipeline.MediaType;

/** Negotiation settled the codec an element sends or receives for one media type. */
public record FormatChosen(MediaElement element, MediaType mediaType, Direction direction,
                           MediaFormat format) implements MediaEvent {

    public enum Direction { RECEIVE, SEND }

    @Override public String type() { return "CodecChosen"; }
}
