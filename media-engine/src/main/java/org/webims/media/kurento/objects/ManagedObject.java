package org.webims.media.kurento.objects;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.webims.media.pipeline.MediaElement;
import org.webims.media.pipeline.MediaPipeline;

/**
 * An engine object reachable over the Kurento protocol: a pipeline or an element, its Kurento
 * type, the session that created it (and answers for its lifetime), and the MediaObject
 * properties Kurento keeps beside it (name, tags, creation time).
 */
public final class ManagedObject {

    private final KurentoType type;
    private final MediaPipeline pipeline;
    private final MediaElement element;
    private final String ownerSessionId;
    private final long creationEpochSeconds = System.currentTimeMillis() / 1000;
    private final Map<String, String> tags = new ConcurrentHashMap<>();
    private volatile String name;
    private volatile boolean sendTagsInEvents;

    private ManagedObject(KurentoType type, MediaPipeline pipeline, MediaElement element, String ownerSessionId) {
        this.type = type;
        this.pipeline = pipeline;
        this.element = element;
        this.ownerSessionId = ownerSessionId;
    }

    /** Wraps what {@link KurentoType#create} made: a MediaPipeline or a MediaElement. */
    public static ManagedObject of(KurentoType type, Object created, String ownerSessionId) {
        if (created instanceof MediaPipeline p) {
            return new ManagedObject(type, p, null, ownerSessionId);
        }
        if (created instanceof MediaElement e) {
            return new ManagedObject(type, e.pipeline(), e, ownerSessionId);
        }
        throw new IllegalArgumentException(type.name() + " made neither a pipeline nor an element: " + created);
    }

    public String id() { return element != null ? element.id() : pipeline.id(); }
    public KurentoType type() { return type; }
    public MediaPipeline pipeline() { return pipeline; }
    /** The element, or null for a pipeline. */
    public MediaElement element() { return element; }
    public boolean isPipeline() { return element == null; }
    public String ownerSessionId() { return ownerSessionId; }
    public long creationEpochSeconds() { return creationEpochSeconds; }
    public Map<String, String> tags() { return tags; }

    public String name() {
        String n = name;
        return n != null ? n : id(); // KMS: an unnamed object is called by its id
    }

    public void name(String name) { this.name = name; }
    public boolean sendTagsInEvents() { return sendTagsInEvents; }
    public void sendTagsInEvents(boolean send) { this.sendTagsInEvents = send; }

    public boolean isReleased() {
        return element != null ? element.isReleased() : pipeline.isReleased();
    }

    public void release() {
        if (element != null) {
            element.release();
        } else {
            pipeline.release();
        }
    }

    @Override
    public String toString() {
        return id();
    }
}
