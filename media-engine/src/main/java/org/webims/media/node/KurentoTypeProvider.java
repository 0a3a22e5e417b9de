package org.webims.media.node;

import java.util.List;
import org.webims.media.kurento.objects.KurentoType;

/**
 * Element types another module adds to a media node's Kurento server (webrtc-bridge adds
 * WebRtcEndpoint), found with {@link java.util.ServiceLoader} through
 * {@code META-INF/services/org.webims.media.node.KurentoTypeProvider}: media-engine cannot name
 * the modules that depend on it.
 */
public interface KurentoTypeProvider {

    /** The types for this node; a type that is {@link AutoCloseable} is closed when the node stops. */
    List<KurentoType> types(MediaNode node);
}
