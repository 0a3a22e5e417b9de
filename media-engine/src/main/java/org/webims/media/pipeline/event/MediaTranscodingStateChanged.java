package org.webims.media.pipeline.event;

import org.webims.media.pipeline.MediaElement;
import org.webims.media.pipeline.MediaFormat;
import org.webims.media.pipeline.MediaType;

/**
 * The pipeline started or stopped transcoding on a link from {@code element}'s source pad to
 * the element {@code sinkElementId}. {@code to} is null when transcoding stopped.
 */
public record MediaTranscodingStateChanged(MediaElement element, MediaType mediaType,
                                           boolean transcoding, MediaFormat from, MediaFormat to,
                                           String sinkElementId) implements MediaEvent {
    @Override public String type() { return "MediaTranscodingStateChanged"; }
}
