package org.webims.media.kurento.objects;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.webims.media.pipeline.FlowState;
import org.webims.media.pipeline.event.MediaErrorEvent;
import org.webims.media.pipeline.event.MediaEvent;
import org.webims.media.pipeline.event.MediaFlowInStateChanged;
import org.webims.media.pipeline.event.MediaFlowOutStateChanged;
import org.webims.media.pipeline.event.MediaTranscodingStateChanged;

/**
 * The fields of the events every element raises, named as kurento-client's event classes take
 * them ({@code MediaFlowInStateChangedEvent(state, padName, mediaType)} and so on).
 */
public final class ElementEvents {

    /** Our engine's errors carry a kind, not a number: they all report KMS's UNEXPECTED_ERROR. */
    static final int ERROR_CODE = 40003;

    private ElementEvents() {
    }

    public static void write(MediaEvent event, ObjectNode data) {
        if (event instanceof MediaFlowInStateChanged in) {
            flow(data, in.state(), in.mediaType().name());
        } else if (event instanceof MediaFlowOutStateChanged out) {
            flow(data, out.state(), out.mediaType().name());
        } else if (event instanceof MediaTranscodingStateChanged t) {
            data.put("state", t.transcoding() ? "TRANSCODING" : "NOT_TRANSCODING");
            data.put("mediaType", t.mediaType().name());
            // KMS names the transcoding bin; ours is the link towards this sink
            data.put("binName", t.sinkElementId());
        } else if (event instanceof MediaErrorEvent e) {
            // kurento-client's ErrorEvent takes the error's kind as "type"
            data.put("type", e.errorType());
            data.put("description", e.description());
            data.put("errorCode", ERROR_CODE);
        }
    }

    private static void flow(ObjectNode data, FlowState state, String mediaType) {
        data.put("state", state.name());
        data.put("mediaType", mediaType);
        data.put("padName", "default");
    }
}
