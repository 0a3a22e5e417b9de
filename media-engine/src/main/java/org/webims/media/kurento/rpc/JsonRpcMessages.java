package org.webims.media.kurento.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Builds the messages the server sends, in Kurento's shape: a result is an object holding
 * {@code value} (absent for void operations) and the {@code sessionId}; an error carries the
 * Kurento error name in {@code data.type}.
 */
public final class JsonRpcMessages {

    private JsonRpcMessages() {
    }

    /** A result holding {@code value}, or nothing but the sessionId for a void method. */
    public static ObjectNode result(JsonNode id, JsonNode value, String sessionId) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        if (value != null) {
            body.set("value", value);
        }
        return resultBody(id, body, sessionId);
    }

    /** A result whose members are given ({@code describe} answers with them directly). */
    public static ObjectNode resultBody(JsonNode id, ObjectNode result, String sessionId) {
        if (sessionId != null) {
            result.put("sessionId", sessionId);
        }
        ObjectNode response = envelope(id);
        response.set("result", result);
        return response;
    }

    public static ObjectNode error(JsonNode id, KurentoError error, String message, String sessionId) {
        ObjectNode data = Json.MAPPER.createObjectNode();
        data.put("type", error.name());
        if (sessionId != null) {
            data.put("sessionId", sessionId);
        }
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("code", error.code());
        body.put("message", message);
        // kurento-client reads the kind from error.type; KMS documents it in error.data.type
        body.put("type", error.name());
        body.set("data", data);
        ObjectNode response = envelope(id);
        response.set("error", body);
        return response;
    }

    public static ObjectNode error(JsonNode id, RpcException e, String sessionId) {
        return error(id, e.error(), e.getMessage(), sessionId);
    }

    /** A server-to-client notification: {@code onEvent} with {@code {"value": value}}. */
    public static ObjectNode notification(String method, JsonNode value) {
        ObjectNode params = Json.MAPPER.createObjectNode();
        params.set("value", value);
        ObjectNode message = Json.MAPPER.createObjectNode();
        message.put("jsonrpc", "2.0");
        message.put("method", method);
        message.set("params", params);
        return message;
    }

    private static ObjectNode envelope(JsonNode id) {
        ObjectNode response = Json.MAPPER.createObjectNode();
        response.put("jsonrpc", "2.0");
        // JSON-RPC 2.0 §5: id is null when the request's id could not be read
        response.set("id", id == null ? Json.MAPPER.nullNode() : id);
        return response;
    }
}
