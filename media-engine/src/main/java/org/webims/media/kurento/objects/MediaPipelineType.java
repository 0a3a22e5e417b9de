package org.webims.media.kurento.objects;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;
import org.webims.media.kurento.rpc.KurentoError;
import org.webims.media.kurento.rpc.RpcException;
import org.webims.media.pipeline.MediaEngine;
import org.webims.media.pipeline.MediaLimitException;

/** Kurento's MediaPipeline: a container of elements, released with them. */
public final class MediaPipelineType implements KurentoType {

    private final MediaEngine engine;

    public MediaPipelineType(MediaEngine engine) {
        this.engine = engine;
    }

    @Override public String name() { return "MediaPipeline"; }
    @Override public List<String> hierarchy() { return List.of("kurento.MediaObject"); }
    // events of its elements reach a pipeline's subscribers (KMS raises Error on the pipeline)
    @Override public Set<String> events() { return Set.of("Error"); }

    @Override
    public Object create(Params constructorParams, ObjectLookup objects) throws RpcException {
        try {
            return engine.createPipeline();
        } catch (MediaLimitException e) {
            throw new RpcException(KurentoError.NOT_ENOUGH_RESOURCES, e.getMessage());
        } catch (IllegalStateException e) {
            throw new RpcException(KurentoError.UNEXPECTED_ERROR, e.getMessage());
        }
    }

    @Override
    public JsonNode invoke(ManagedObject self, String operation, Params params, ObjectLookup objects) throws RpcException {
        JsonNode result = MediaObjectOperations.invoke(self, operation, params);
        if (result == MediaObjectOperations.NOT_HANDLED) {
            throw ElementType.noSuchOperation(this, operation);
        }
        return result;
    }
}
