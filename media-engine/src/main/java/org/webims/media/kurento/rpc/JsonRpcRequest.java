package org.webims.media.kurento.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One JSON-RPC 2.0 request (JSON-RPC 2.0 §4). {@code id} is null for a notification, which gets
 * no response; {@code params} is never null (an absent params is an empty object).
 */
public record JsonRpcRequest(JsonNode id, String method, ObjectNode params) {

    /** Reads a request; {@code node} is any parsed JSON value. */
    public static JsonRpcRequest from(JsonNode node) throws RpcException {
        if (!node.isObject()) {
            throw new RpcException(KurentoError.INVALID_REQUEST, "a request must be a JSON object");
        }
        JsonNode version = node.get("jsonrpc");
        if (version == null || !"2.0".equals(version.asText(null)) || !version.isTextual()) {
            throw new RpcException(KurentoError.INVALID_REQUEST, "\"jsonrpc\" must be \"2.0\"");
        }
        JsonNode id = node.get("id");
        // JSON-RPC 2.0 §4: an id is a string, a number or null
        if (id != null && !(id.isTextual() || id.isNumber() || id.isNull())) {
            throw new RpcException(KurentoError.INVALID_REQUEST, "\"id\" must be a string or a number");
        }
        JsonNode method = node.get("method");
        if (method == null || !method.isTextual()) {
            throw new RpcException(KurentoError.INVALID_REQUEST, "\"method\" must be a string");
        }
        JsonNode params = node.get("params");
        ObjectNode objectParams;
        if (params == null || params.isNull()) {
            objectParams = Json.MAPPER.createObjectNode();
        } else if (params.isObject()) {
            objectParams = (ObjectNode) params;
        } else {
            // Kurento's methods all take named parameters (by-name, JSON-RPC 2.0 §4.2)
            throw new RpcException(KurentoError.INVALID_PARAMS, "\"params\" must be an object");
        }
        return new JsonRpcRequest(id == null || id.isNull() ? null : id, method.asText(), objectParams);
    }

    public boolean isNotification() {
        return id == null;
    }

    /** The id to answer a request that could not be read, if it had a usable one. */
    public static JsonNode idOf(JsonNode node) {
        if (node != null && node.isObject()) {
            JsonNode id = node.get("id");
            if (id != null && (id.isTextual() || id.isNumber())) {
                return id;
            }
        }
        return null;
    }
}
