package org.webims.webrtc.event;

import org.webims.media.pipeline.MediaElement;
import org.webims.media.pipeline.event.MediaEvent;

/** Every candidate of ours has been announced (the end-of-candidates of RFC 8838 §4.4). */
public record IceGatheringDone(MediaElement element) implements MediaEvent {
    @Override public String type() { return "IceGatheringDone"; }
}
