package org.webims.media.pipeline.event;

import org.webims.media.pipeline.FlowState;
import org.webims.media.pipeline.MediaElement;
import org.webims.media.pipeline.MediaType;

/** Media started or stopped leaving an element for one media type. */
public record MediaFlowOutStateChanged(MediaElement element, MediaType mediaType, FlowState state)
        implements MediaEvent {
    @Override public String type() { return "MediaFlowOutStateChanged"; }
}
