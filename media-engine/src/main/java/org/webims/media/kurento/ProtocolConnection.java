package org.webims.media.kurento;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.media.kurento.objects.KurentoType;
import org.webims.media.kurento.objects.ManagedObject;
import org.webims.media.kurento.objects.Params;
import org.webims.media.kurento.rpc.Json;
import org.webims.media.kurento.rpc.JsonRpcMessages;
import org.webims.media.kurento.rpc.JsonRpcRequest;
import org.webims.media.kurento.rpc.KurentoError;
import org.webims.media.kurento.rpc.RpcException;
import org.webims.media.kurento.session.ClientConnection;
import org.webims.media.kurento.session.KurentoSession;
import org.webims.media.kurento.transport.WebSocketService;

/**
 * Answers the requests of one connection. The transport calls it on one thread at a time per
 * connection, in arrival order. A request without a sessionId starts a session (as KMS does);
 * {@code connect} with a sessionId takes a detached session back.
 */
final class ProtocolConnection implements WebSocketService.Conversation {

    private static final Logger LOG = LoggerFactory.getLogger(ProtocolConnection.class);
    private static final String NEWREF = "newref:";

    private final KurentoProtocol protocol;
    private final ClientConnection connection;
    private KurentoSession session;

    ProtocolConnection(KurentoProtocol protocol, ClientConnection connection) {
        this.protocol = protocol;
        this.connection = connection;
    }

    /** The response to one text message, or null if none is due (a notification, a stray response). */
    @Override
    public String onText(String text) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(text);
        } catch (JacksonException e) {
            return JsonRpcMessages.error(null, KurentoError.PARSE_ERROR,
                    "parse error: " + e.getOriginalMessage(), boundSessionId()).toString();
        }
        if (node == null || node.isMissingNode()) {
            return JsonRpcMessages.error(null, KurentoError.PARSE_ERROR, "parse error: empty message", boundSessionId()).toString();
        }
        if (node.isObject() && !node.has("method") && (node.has("result") || node.has("error"))) {
            return null; // a response: the server sends no requests that expect one
        }
        JsonRpcRequest request;
        try {
            request = JsonRpcRequest.from(node);
        } catch (RpcException e) {
            return JsonRpcMessages.error(JsonRpcRequest.idOf(node), e, boundSessionId()).toString();
        }
        ObjectNode response = handle(request, false);
        return request.isNotification() ? null : response.toString();
    }

    @Override
    public void onClose() {
        KurentoSession s = boundSession();
        if (s != null) {
            protocol.sessions.detach(s, connection);
        }
        session = null;
    }

    private ObjectNode handle(JsonRpcRequest request, boolean inTransaction) {
        try {
            ObjectNode result = dispatch(request, inTransaction);
            return JsonRpcMessages.resultBody(request.id(), result, boundSessionId());
        } catch (RpcException e) {
            LOG.atDebug().addKeyValue("method", request.method()).addKeyValue("error", e.error())
                    .log(e.getMessage());
            return JsonRpcMessages.error(request.id(), e, boundSessionId());
        } catch (RuntimeException e) {
            LOG.atWarn().addKeyValue("method", request.method()).setCause(e).log("request failed");
            return JsonRpcMessages.error(request.id(), KurentoError.INTERNAL_ERROR,
                    "internal error: " + e, boundSessionId());
        }
    }

    private ObjectNode dispatch(JsonRpcRequest request, boolean inTransaction) throws RpcException {
        ObjectNode params = request.params();
        Params p = new Params(request.method(), params);
        String sessionId = p.optionalString("sessionId", null);
        switch (request.method()) {
            case "ping":
                // no session needed: kurento-client pings before its first request
                return value(TextNode.valueOf("pong"));
            case "connect":
                connect(sessionId);
                return value(null);
            case "closeSession": {
                // the client is leaving; its objects live on for the release timeout, as after a drop
                onClose();
                return value(null);
            }
            default:
                break;
        }
        KurentoSession s = requireSession(sessionId);
        switch (request.method()) {
            case "create":
                return value(TextNode.valueOf(create(s, p)));
            case "invoke": {
                ManagedObject object = protocol.objects.find(p.string("object"));
                String operation = p.string("operation");
                ObjectNode operationParams = objectParam(params, "operationParams");
                return value(object.type().invoke(object, operation, new Params(operation, operationParams),
                        protocol.objects));
            }
            case "release": {
                ManagedObject object = protocol.objects.find(p.string("object"));
                protocol.objects.release(object);
                KurentoSession owner = protocol.sessions.find(object.ownerSessionId());
                if (owner != null) {
                    owner.disown(object.id());
                }
                return value(null);
            }
            case "subscribe": {
                ManagedObject object = protocol.objects.find(p.string("object"));
                String type = p.string("type");
                if (!object.type().events().contains(type)) {
                    throw new RpcException(KurentoError.MEDIA_OBJECT_EVENT_NOT_SUPPORTED,
                            object.type().name() + " raises no event '" + type + "'");
                }
                String subscriptionId = UUID.randomUUID().toString();
                s.subscribe(subscriptionId, object.id(), type, () -> protocol.listen(object, type, s));
                return value(TextNode.valueOf(subscriptionId));
            }
            case "unsubscribe": {
                String subscription = p.string("subscription");
                if (!s.unsubscribe(subscription)) {
                    throw new RpcException(KurentoError.MEDIA_OBJECT_ILLEGAL_PARAM_ERROR,
                            "no subscription '" + subscription + "' in this session");
                }
                return value(null);
            }
            case "describe": {
                ManagedObject object = protocol.objects.find(p.string("object"));
                ObjectNode result = Json.MAPPER.createObjectNode();
                result.put("type", object.type().name());
                result.put("qualifiedType", object.type().qualifiedName());
                ArrayNode hierarchy = result.putArray("hierarchy");
                object.type().hierarchy().forEach(hierarchy::add);
                return result;
            }
            case "transaction":
                if (inTransaction) {
                    throw new RpcException(KurentoError.MALFORMED_TRANSACTION, "a transaction cannot hold a transaction");
                }
                return value(transaction(s, params.get("operations")));
            default:
                throw new RpcException(KurentoError.METHOD_NOT_FOUND, "method not found: '" + request.method() + "'");
        }
    }

    private String create(KurentoSession s, Params p) throws RpcException {
        String typeName = p.string("type");
        ObjectNode constructorParams = objectParam(p.node(), "constructorParams");
        objectParam(p.node(), "properties"); // generic properties: accepted, none is used here
        s.retainOwned(id -> protocol.objects.peek(id) != null);
        if (s.objectCount() >= protocol.maxObjectsPerSession) {
            throw new RpcException(KurentoError.NOT_ENOUGH_RESOURCES,
                    "session already has " + protocol.maxObjectsPerSession + " objects");
        }
        KurentoType type = protocol.types.find(typeName);
        Object created = type.create(new Params("create " + typeName, constructorParams), protocol.objects);
        ManagedObject object = ManagedObject.of(type, created, s.id());
        protocol.objects.add(object);
        s.own(object.id());
        LOG.atDebug().addKeyValue("session", s.id()).addKeyValue("object", object.id()).log("created");
        return object.id();
    }

    /**
     * Runs the operations in order; {@code newref:N} in a later operation stands for the object
     * made by the transaction's N-th create (kurento-client's TransactionImpl numbering). The
     * first failure stops it: what it created is released and the remaining operations fail.
     */
    private ArrayNode transaction(KurentoSession s, JsonNode operations) throws RpcException {
        if (operations == null || !operations.isArray()) {
            throw new RpcException(KurentoError.MALFORMED_TRANSACTION, "transaction: 'operations' must be a list");
        }
        List<String> created = new ArrayList<>();
        ArrayNode responses = Json.MAPPER.createArrayNode();
        boolean failed = false;
        for (JsonNode operation : operations) {
            JsonNode id = JsonRpcRequest.idOf(operation);
            if (failed) {
                responses.add(JsonRpcMessages.error(id, KurentoError.UNEXPECTED_ERROR,
                        "not run: an earlier operation of the transaction failed", null));
                continue;
            }
            JsonRpcRequest request;
            try {
                request = JsonRpcRequest.from(replaceNewRefs(operation.deepCopy(), created));
            } catch (RpcException e) {
                responses.add(JsonRpcMessages.error(id, KurentoError.MALFORMED_TRANSACTION, e.getMessage(), null));
                failed = true;
                continue;
            }
            ObjectNode response = handle(request, true);
            ObjectNode result = (ObjectNode) response.get("result");
            if (result == null) {
                failed = true;
            } else {
                result.remove("sessionId");
                if ("create".equals(request.method())) {
                    created.add(result.get("value").asText());
                }
            }
            responses.add(response);
        }
        if (failed) {
            protocol.releaseObjects(created);
        }
        return responses;
    }

    private static JsonNode replaceNewRefs(JsonNode node, List<String> created) throws RpcException {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                field.setValue(replaceNewRefs(field.getValue(), created));
            }
        } else if (node.isArray()) {
            ArrayNode array = (ArrayNode) node;
            for (int i = 0; i < array.size(); i++) {
                array.set(i, replaceNewRefs(array.get(i), created));
            }
        } else if (node.isTextual() && node.asText().startsWith(NEWREF)) {
            String ref = node.asText();
            int n;
            try {
                n = Integer.parseInt(ref.substring(NEWREF.length()));
            } catch (NumberFormatException e) {
                throw new RpcException(KurentoError.MALFORMED_TRANSACTION, "transaction: bad reference " + ref);
            }
            if (n < 0 || n >= created.size()) {
                throw new RpcException(KurentoError.MALFORMED_TRANSACTION,
                        "transaction: " + ref + " names no object created earlier in it");
            }
            return TextNode.valueOf(created.get(n));
        }
        return node;
    }

    private void connect(String sessionId) throws RpcException {
        KurentoSession current = boundSession();
        if (sessionId == null) {
            if (current == null) {
                session = protocol.sessions.create(connection);
            }
            return;
        }
        if (current != null && current.id().equals(sessionId)) {
            return;
        }
        KurentoSession resumed = protocol.sessions.attach(sessionId, connection);
        if (current != null) {
            protocol.sessions.detach(current, connection);
        }
        session = resumed;
    }

    private KurentoSession requireSession(String sessionId) throws RpcException {
        KurentoSession current = boundSession();
        if (current != null) {
            if (sessionId != null && !sessionId.equals(current.id())) {
                throw new RpcException(KurentoError.INVALID_SESSION,
                        "sessionId '" + sessionId + "' is not this connection's session (use connect)");
            }
            return current;
        }
        connect(sessionId);
        return session;
    }

    /** This connection's session, unless another connection has taken it over. */
    private KurentoSession boundSession() {
        KurentoSession s = session;
        if (s != null && (s.isReleased() || s.connection() != connection)) {
            session = null;
            return null;
        }
        return s;
    }

    private String boundSessionId() {
        KurentoSession s = boundSession();
        return s == null ? null : s.id();
    }

    private static ObjectNode value(JsonNode value) {
        ObjectNode result = Json.MAPPER.createObjectNode();
        if (value != null) {
            result.set("value", value);
        }
        return result;
    }

    private static ObjectNode objectParam(ObjectNode params, String name) throws RpcException {
        JsonNode v = params.get(name);
        if (v == null || v.isNull()) {
            return Json.MAPPER.createObjectNode();
        }
        if (!v.isObject()) {
            throw new RpcException(KurentoError.INVALID_PARAMS, "'" + name + "' must be an object, got "
                    + v.getNodeType().name().toLowerCase());
        }
        return (ObjectNode) v;
    }
}
