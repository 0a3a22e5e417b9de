package org.webims.media.pipeline;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.webims.media.pipeline.event.MediaEvent;
import org.webims.media.pipeline.event.MediaEventListener;

/**
 * Owns a set of connected elements (one call, one recording session) and releases them
 * together. Made by {@link MediaEngine#createPipeline()}.
 */
public final class MediaPipeline {

    private final String id = UUID.randomUUID() + "_kurento.MediaPipeline";
    private final MediaEngine engine;
    private final Map<String, MediaElement> elements = new ConcurrentHashMap<>();
    private final List<MediaEventListener> listeners = new CopyOnWriteArrayList<>();
    private final Object topologyLock = new Object();
    private volatile boolean released;

    MediaPipeline(MediaEngine engine) {
        this.engine = engine;
    }

    public String id() { return id; }
    public MediaEngine engine() { return engine; }
    public boolean isReleased() { return released; }

    public Collection<MediaElement> elements() {
        return List.copyOf(elements.values());
    }

    /** The element with this id, or null. */
    public MediaElement element(String elementId) {
        return elements.get(elementId);
    }

    /** Listens to the events of every element of this pipeline. */
    public Subscription addEventListener(MediaEventListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Releases every element, then the pipeline; idempotent. */
    public void release() {
        if (released) {
            return;
        }
        released = true;
        for (MediaElement element : List.copyOf(elements.values())) {
            element.release();
        }
        listeners.clear();
        engine.forget(this);
    }

    void register(MediaElement element) {
        if (released) {
            throw new IllegalStateException(id + " has been released");
        }
        int limit = engine.settings().maxElementsPerPipeline();
        if (elements.size() >= limit) {
            throw new MediaLimitException("pipeline " + id + " already has " + limit + " elements");
        }
        elements.put(element.id(), element);
    }

    void unregister(MediaElement element) {
        elements.remove(element.id());
    }

    Object topologyLock() { return topologyLock; }

    void dispatch(MediaEvent event, List<MediaEventListener> elementListeners) {
        engine.dispatch(event, elementListeners, listeners);
    }
}
