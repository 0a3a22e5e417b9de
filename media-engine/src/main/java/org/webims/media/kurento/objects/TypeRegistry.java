package org.webims.media.kurento.objects;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.webims.media.endpoint.rtp.RtpEndpointContext;
import org.webims.media.endpoint.rtp.RtpEndpointSettings;
import org.webims.media.kurento.rpc.KurentoError;
import org.webims.media.kurento.rpc.RpcException;
import org.webims.media.node.MediaNode;
import org.webims.media.pipeline.MediaEngine;

/**
 * The Kurento types a server can create, by name. Other modules add theirs (webrtc-bridge
 * registers WebRtcEndpoint) before or while the server runs.
 */
public final class TypeRegistry {

    private final Map<String, KurentoType> types = new ConcurrentHashMap<>();

    /**
     * What needs the engine only: MediaPipeline, PassThrough, AudioLevelMeter, VideoOverlay,
     * RecorderEndpoint and PlayerEndpoint.
     */
    public static TypeRegistry standard(MediaEngine engine) {
        TypeRegistry registry = new TypeRegistry();
        registry.register(new MediaPipelineType(engine));
        registry.register(new PassThroughType());
        registry.register(new AudioLevelMeterType());
        registry.register(new VideoOverlayType());
        registry.register(new RecorderEndpointType());
        registry.register(new PlayerEndpointType());
        return registry;
    }

    /** The engine's types and RtpEndpoint, whose sockets come from the node's ports and I/O loop. */
    public static TypeRegistry standard(MediaNode node) {
        TypeRegistry registry = standard(node.engine());
        registry.register(new RtpEndpointType(RtpEndpointContext.of(node), RtpEndpointSettings.defaults()));
        return registry;
    }

    /** Whether a type of that name is registered. */
    public boolean contains(String name) {
        return types.containsKey(name);
    }

    /** @throws IllegalStateException if a type of that name is already registered */
    public void register(KurentoType type) {
        if (types.putIfAbsent(type.name(), type) != null) {
            throw new IllegalStateException("Kurento type " + type.name() + " is already registered");
        }
    }

    public KurentoType find(String name) throws RpcException {
        KurentoType type = types.get(name);
        if (type == null) {
            throw new RpcException(KurentoError.MEDIA_OBJECT_TYPE_NOT_FOUND, "no media object type '" + name + "'");
        }
        return type;
    }
}
