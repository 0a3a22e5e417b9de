package org.webims.webrtc.kurento;

import java.util.List;
import org.webims.media.kurento.objects.KurentoType;
import org.webims.media.node.KurentoTypeProvider;
import org.webims.media.node.MediaNode;

/** Adds WebRtcEndpoint to a media node's Kurento server (found through META-INF/services). */
public final class WebRtcKurentoTypes implements KurentoTypeProvider {

    @Override
    public List<KurentoType> types(MediaNode node) {
        return List.of(WebRtcEndpointType.forNode(node));
    }
}
