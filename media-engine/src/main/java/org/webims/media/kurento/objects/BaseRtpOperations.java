package org.webims.media.kurento.objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Set;
import org.webims.media.endpoint.BaseRtpEndpoint;
import org.webims.media.endpoint.ConnectionStateChanged;
import org.webims.media.endpoint.MediaStateChanged;
import org.webims.media.kurento.rpc.KurentoError;
import org.webims.media.kurento.rpc.RpcException;
import org.webims.media.pipeline.event.MediaEvent;

/**
 * Kurento's BaseRtpEndpoint (kms-core {@code core.kmd.json}) for both RTP endpoint types: the
 * read-only {@code mediaState} and {@code connectionState} (MediaState, ConnectionState:
 * CONNECTED or DISCONNECTED), the {@code mtu} property, and the events
 * {@code MediaStateChanged} and {@code ConnectionStateChanged} with {@code oldState} and
 * {@code newState}. Bandwidth properties are not here.
 */
public final class BaseRtpOperations {

    /** The events BaseRtpEndpoint adds, for each type's subscribable list. */
    public static final Set<String> EVENTS = Set.of("MediaStateChanged", "ConnectionStateChanged");

    private BaseRtpOperations() {
    }

    public static boolean handles(String operation) {
        return switch (operation) {
            case "getMediaState", "getConnectionState", "getMtu", "setMtu" -> true;
            default -> false;
        };
    }

    /**
     * Runs one of the operations {@link #handles} accepts; an mtu outside our range is
     * MEDIA_OBJECT_ILLEGAL_PARAM_ERROR naming the range.
     */
    public static JsonNode invoke(BaseRtpEndpoint endpoint, String operation, Params params) throws RpcException {
        switch (operation) {
            case "getMediaState":
                return TextNode.valueOf(endpoint.peerStates().media().name());
            case "getConnectionState":
                return TextNode.valueOf(endpoint.peerStates().connection().name());
            case "getMtu":
                return IntNode.valueOf(endpoint.mtu());
            case "setMtu":
                if (!params.has("mtu")) {
                    throw new RpcException(KurentoError.INVALID_PARAMS, "setMtu: missing parameter 'mtu'");
                }
                try {
                    endpoint.setMtu(params.optionalInt("mtu", -1));
                } catch (IllegalArgumentException e) {
                    throw new RpcException(KurentoError.MEDIA_OBJECT_ILLEGAL_PARAM_ERROR, "setMtu: " + e.getMessage());
                }
                return null;
            default:
                throw new IllegalArgumentException(operation);
        }
    }

    /** The fields of the two events as kurento-client's MediaStateChangedEvent and ConnectionStateChangedEvent take them. */
    public static boolean writeEventFields(MediaEvent event, ObjectNode data) {
        if (event instanceof MediaStateChanged m) {
            data.put("oldState", m.oldState().name());
            data.put("newState", m.newState().name());
            return true;
        }
        if (event instanceof ConnectionStateChanged c) {
            data.put("oldState", c.oldState().name());
            data.put("newState", c.newState().name());
            return true;
        }
        return false;
    }
}
