package org.webims.media.kurento.objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;
import org.webims.media.kurento.rpc.RpcException;
import org.webims.media.pipeline.event.MediaEvent;

/**
 * One Kurento remote class: how {@code create}, {@code invoke} and events map onto an engine
 * object. Register implementations with {@link TypeRegistry#register}; element types extend
 * {@link ElementType}, which already answers the MediaObject and MediaElement operations.
 */
public interface KurentoType {

    /** The name clients use in {@code create}, e.g. {@code PassThrough}. */
    String name();

    /** Qualified names of the supertypes, nearest first, e.g. {@code kurento.MediaElement}. */
    List<String> hierarchy();

    default String qualifiedName() {
        return "kurento." + name();
    }

    /** Event types a client may subscribe to on objects of this type. */
    Set<String> events();

    /**
     * Makes the engine object.
     *
     * @return the new {@link org.webims.media.pipeline.MediaPipeline} or
     *         {@link org.webims.media.pipeline.MediaElement}
     */
    Object create(Params constructorParams, ObjectLookup objects) throws RpcException;

    /**
     * Runs an operation. Returns the JSON value of the result, null for a void operation.
     *
     * @throws RpcException MEDIA_OBJECT_METHOD_NOT_FOUND for an operation the type does not have
     */
    JsonNode invoke(ManagedObject self, String operation, Params params, ObjectLookup objects) throws RpcException;

    /**
     * Adds the fields of an event this type raises to the event's {@code data}; false if the
     * event is not one of this type's own (the server then writes the MediaElement events).
     */
    default boolean writeEventFields(MediaEvent event, ObjectNode data) {
        return false;
    }
}
