package org.webims.webrtc.event;

import org.webims.media.pipeline.MediaElement;
import org.webims.media.pipeline.event.MediaEvent;
import org.webims.webrtc.ice.IceState;

/** The ICE state of the one bundled stream changed (Kurento's stream and component ids: 1 and 1). */
public record IceComponentStateChanged(MediaElement element, String streamId, int componentId, IceState state)
        implements MediaEvent {
    @Override public String type() { return "IceComponentStateChanged"; }
}
