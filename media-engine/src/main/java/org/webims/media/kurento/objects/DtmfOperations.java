package org.webims.media.kurento.objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.webims.media.endpoint.DtmfEndpoint;
import org.webims.media.endpoint.rtp.DtmfReceived;
import org.webims.media.kurento.rpc.KurentoError;
import org.webims.media.kurento.rpc.RpcException;

/**
 * DTMF on the Kurento protocol, beyond Kurento (which has none), for every {@link DtmfEndpoint}
 * type: the operation {@code sendDtmf(digit, durationMillis)} answering whether it was queued,
 * and the {@code DtmfReceived} event's fields (digit, event, volume, durationMillis, relayed).
 */
public final class DtmfOperations {

    public static final String EVENT = "DtmfReceived";
    public static final String SEND = "sendDtmf";
    static final int DEFAULT_DURATION_MS = 100;

    private DtmfOperations() {
    }

    /** {@code sendDtmf}: a bad digit or duration is MEDIA_OBJECT_ILLEGAL_PARAM_ERROR with what is wrong. */
    public static JsonNode sendDtmf(DtmfEndpoint endpoint, Params params) throws RpcException {
        String digit = params.string("digit");
        int duration = params.optionalInt("durationMillis", DEFAULT_DURATION_MS);
        if (digit.length() != 1) {
            throw new RpcException(KurentoError.MEDIA_OBJECT_ILLEGAL_PARAM_ERROR,
                    "sendDtmf: digit must be one of 0-9, *, #, A-D, got '" + digit + "'");
        }
        try {
            return BooleanNode.valueOf(endpoint.sendDtmf(digit.charAt(0), duration));
        } catch (IllegalArgumentException e) {
            throw new RpcException(KurentoError.MEDIA_OBJECT_ILLEGAL_PARAM_ERROR, "sendDtmf: " + e.getMessage());
        }
    }

    public static void writeFields(DtmfReceived dtmf, ObjectNode data) {
        data.put("digit", String.valueOf(dtmf.digit()));
        data.put("event", dtmf.event());
        data.put("volume", dtmf.volume());
        data.put("durationMillis", dtmf.durationMs());
        data.put("relayed", dtmf.relayed());
    }
}
