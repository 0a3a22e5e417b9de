package org.webims.media.kurento;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.webims.media.kurento.objects.ElementEvents;
import org.webims.media.kurento.objects.KurentoType;
import org.webims.media.kurento.objects.ManagedObject;
import org.webims.media.kurento.objects.ObjectRegistry;
import org.webims.media.kurento.objects.TypeRegistry;
import org.webims.media.kurento.rpc.Json;
import org.webims.media.kurento.rpc.JsonRpcMessages;
import org.webims.media.kurento.session.ClientConnection;
import org.webims.media.kurento.session.KurentoSession;
import org.webims.media.kurento.session.SessionRegistry;
import org.webims.media.kurento.transport.WebSocketService;
import org.webims.media.pipeline.Subscription;
import org.webims.media.pipeline.event.MediaEvent;

/**
 * The Kurento protocol's server state shared by all connections: the types it can create, the
 * objects and sessions alive, and the per-session limits. {@link #open} gives each transport
 * connection its request handler.
 */
final class KurentoProtocol implements WebSocketService {

    final TypeRegistry types;
    final ObjectRegistry objects;
    final SessionRegistry sessions;
    final int maxObjectsPerSession;

    KurentoProtocol(TypeRegistry types, ObjectRegistry objects, SessionRegistry sessions, int maxObjectsPerSession) {
        this.types = types;
        this.objects = objects;
        this.sessions = sessions;
        this.maxObjectsPerSession = maxObjectsPerSession;
    }

    @Override
    public ProtocolConnection open(ClientConnection connection) {
        return new ProtocolConnection(this, connection);
    }

    /** Listens on the object for {@code eventType} and forwards each as an {@code onEvent} to the session. */
    Subscription listen(ManagedObject object, String eventType, KurentoSession session) {
        org.webims.media.pipeline.event.MediaEventListener listener = event -> {
            if (event.type().equals(eventType)) {
                session.send(onEvent(object, event).toString());
            }
        };
        return object.isPipeline() ? object.pipeline().addEventListener(listener)
                : object.element().addEventListener(listener);
    }

    /** Kurento's onEvent: {@code {"value":{"data":{source,tags,timestamp,timestampMillis,type,..},"object":..,"type":..}}}. */
    ObjectNode onEvent(ManagedObject subscribed, MediaEvent event) {
        ObjectNode data = Json.MAPPER.createObjectNode();
        data.put("source", event.element().id());
        ManagedObject source = objects.peek(event.element().id());
        ArrayNode tags = data.putArray("tags");
        if (source != null && source.sendTagsInEvents()) {
            source.tags().forEach((k, v) -> tags.addObject().put("key", k).put("value", v));
        }
        long now = System.currentTimeMillis();
        // KMS sends both timestamps as strings
        data.put("timestamp", String.valueOf(now / 1000));
        data.put("timestampMillis", String.valueOf(now));
        data.put("type", event.type());
        KurentoType type = source != null ? source.type() : null;
        if (type == null || !type.writeEventFields(event, data)) {
            ElementEvents.write(event, data);
        }
        ObjectNode value = Json.MAPPER.createObjectNode();
        value.set("data", data);
        value.put("object", subscribed.id());
        value.put("type", event.type());
        return JsonRpcMessages.notification("onEvent", value);
    }

    /** Releases a session's objects (when it ends); each already gone is skipped. */
    void releaseObjects(List<String> ids) {
        for (String id : ids) {
            ManagedObject object = objects.peek(id);
            if (object != null) {
                objects.release(object);
            }
        }
        objects.sweep();
    }
}
