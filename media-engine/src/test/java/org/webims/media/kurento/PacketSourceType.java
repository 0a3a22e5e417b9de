package org.webims.media.kurento;

import java.util.List;
import java.util.Set;
import org.webims.media.kurento.objects.ElementType;
import org.webims.media.kurento.objects.Params;
import org.webims.media.pipeline.MediaPipeline;
import org.webims.media.pipeline.PacketSourceElement;

/** A type registered from outside the objects package, as webrtc-bridge will register WebRtcEndpoint. */
final class PacketSourceType extends ElementType<PacketSourceElement> {

    PacketSourceType() {
        super("PacketSource", PacketSourceElement.class, List.of("kurento.Endpoint"), Set.of());
    }

    @Override
    protected PacketSourceElement create(MediaPipeline pipeline, Params constructorParams) {
        return new PacketSourceElement(pipeline);
    }
}
