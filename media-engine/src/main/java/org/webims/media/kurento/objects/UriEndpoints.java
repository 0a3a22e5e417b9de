package org.webims.media.kurento.objects;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.webims.media.endpoint.UriEndpointStateChanged;
import org.webims.media.pipeline.event.MediaEvent;

/** What Kurento's UriEndpoints (recorder, player) share: their place in the hierarchy and their state event. */
final class UriEndpoints {

    /** Below MediaElement, nearest first (kms-core UriEndpoint.kmd). */
    static final List<String> SUPER_TYPES = List.of("kurento.UriEndpoint", "kurento.Endpoint");

    private UriEndpoints() {
    }

    /** {@code UriEndpointStateChangedEvent(state)}; false for any other event. */
    static boolean writeStateChanged(MediaEvent event, ObjectNode data) {
        if (event instanceof UriEndpointStateChanged changed) {
            data.put("state", changed.state().name());
            return true;
        }
        return false;
    }
}
