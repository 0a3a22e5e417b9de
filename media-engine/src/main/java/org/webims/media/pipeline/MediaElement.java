package org.webims.media.pipeline;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.webims.media.pipeline.event.MediaEvent;
import org.webims.media.pipeline.event.MediaEventListener;

/**
 * A node of a pipeline with a source and a sink pad per media type it handles. Subclasses add
 * their pads in the constructor; {@link #connect} links this element's source pads to another
 * element's sink pads, and the pipeline puts in whatever format adapter the link needs.
 */
public abstract class MediaElement {

    private final String id;
    private final MediaPipeline pipeline;
    private final Map<MediaType, SourcePad> sources = new EnumMap<>(MediaType.class);
    private final Map<MediaType, SinkPad> sinks = new EnumMap<>(MediaType.class);
    private final List<MediaEventListener> listeners = new CopyOnWriteArrayList<>();
    // Flow states as last reported; touched only by the engine's flow monitor.
    final Map<MediaType, FlowState> reportedIn = new EnumMap<>(MediaType.class);
    final Map<MediaType, FlowState> reportedOut = new EnumMap<>(MediaType.class);
    private volatile boolean released;

    protected MediaElement(MediaPipeline pipeline, String kind) {
        this.pipeline = pipeline;
        // Kurento's id shape: <pipeline id>/<uuid>_kurento.<Type>, so clients can parse it alike.
        this.id = pipeline.id() + "/" + UUID.randomUUID() + "_kurento." + kind;
        pipeline.register(this);
    }

    public final String id() { return id; }
    public final MediaPipeline pipeline() { return pipeline; }
    public final boolean isReleased() { return released; }

    protected final SourcePad addSourcePad(MediaType type, UpstreamControl control) {
        SourcePad pad = new SourcePad(this, type, control);
        if (sources.putIfAbsent(type, pad) != null) {
            throw new IllegalStateException(id + " already has a " + type + " source pad");
        }
        return pad;
    }

    protected final SinkPad addSinkPad(MediaType type, MediaSink consumer) {
        SinkPad pad = new SinkPad(this, type, consumer);
        if (sinks.putIfAbsent(type, pad) != null) {
            throw new IllegalStateException(id + " already has a " + type + " sink pad");
        }
        return pad;
    }

    public final SourcePad sourcePad(MediaType type) { return sources.get(type); }
    public final SinkPad sinkPad(MediaType type) { return sinks.get(type); }

    /** Connects every media type both elements have (Kurento's {@code connect(sink)}). */
    public void connect(MediaElement sink) {
        boolean any = false;
        for (MediaType type : MediaType.values()) {
            if (sources.containsKey(type) && sink.sinks.containsKey(type)) {
                connect(sink, type);
                any = true;
            }
        }
        if (!any) {
            throw new IllegalArgumentException(id + " and " + sink.id() + " share no media type");
        }
    }

    /** Links this element's {@code type} source to {@code sink}'s, replacing what fed that sink. */
    public void connect(MediaElement sink, MediaType type) {
        checkUsable();
        sink.checkUsable();
        if (sink.pipeline != pipeline) {
            throw new IllegalArgumentException("cannot connect elements of different pipelines");
        }
        SourcePad from = sources.get(type);
        SinkPad to = sink.sinks.get(type);
        if (from == null || to == null) {
            throw new IllegalArgumentException("no " + type + " pads between " + id + " and " + sink.id());
        }
        synchronized (pipeline.topologyLock()) {
            PadLink existing = to.link();
            if (existing != null) {
                if (existing.source() == from) {
                    return;
                }
                unlink(existing);
            }
            PadLink link = new PadLink(from, to, pipeline.engine().formatAdapters());
            to.link(link);
            from.addLink(link);
            link.resolve();
            to.linked(link);
        }
    }

    public void disconnect(MediaElement sink) {
        for (MediaType type : MediaType.values()) {
            disconnect(sink, type);
        }
    }

    public void disconnect(MediaElement sink, MediaType type) {
        SinkPad to = sink.sinks.get(type);
        if (to == null) {
            return;
        }
        synchronized (pipeline.topologyLock()) {
            PadLink existing = to.link();
            if (existing != null && existing.source().element() == this) {
                unlink(existing);
            }
        }
    }

    private static void unlink(PadLink link) {
        link.source().removeLink(link);
        link.sink().link(null);
        link.close();
    }

    /** Elements this one feeds, for one media type. */
    public List<MediaElement> sinkConnections(MediaType type) {
        SourcePad pad = sources.get(type);
        if (pad == null) {
            return List.of();
        }
        List<MediaElement> out = new ArrayList<>();
        for (SinkPad s : pad.sinks()) {
            out.add(s.element());
        }
        return out;
    }

    /** The element feeding this one for a media type, or null. */
    public MediaElement sourceConnection(MediaType type) {
        SinkPad pad = sinks.get(type);
        SourcePad from = pad == null ? null : pad.source();
        return from == null ? null : from.element();
    }

    public boolean isMediaFlowingIn(MediaType type) {
        SinkPad pad = sinks.get(type);
        return pad != null && pipeline.engine().isFlowing(pad.counters());
    }

    public boolean isMediaFlowingOut(MediaType type) {
        SourcePad pad = sources.get(type);
        return pad != null && pipeline.engine().isFlowing(pad.counters());
    }

    /** Whether any link fed by this element's {@code type} source is transcoding. */
    public boolean isMediaTranscoding(MediaType type) {
        SourcePad pad = sources.get(type);
        if (pad == null) {
            return false;
        }
        for (SinkPad s : pad.sinks()) {
            PadLink link = s.link();
            if (link != null && link.isTranscoding()) {
                return true;
            }
        }
        return false;
    }

    /** Listens to this element's events; the returned handle stops it. */
    public Subscription addEventListener(MediaEventListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Hands an event to listeners on the engine's event thread. */
    protected void emit(MediaEvent event) {
        pipeline.dispatch(event, listeners);
    }

    /**
     * Called on the engine's scheduler after each flow check of this element's pads (an RTP
     * endpoint derives its media state from them); the default does nothing.
     */
    protected void flowChecked() {
    }

    /** Counters of every pad, keyed like {@code sink.AUDIO}, for getStats and monitoring. */
    public Map<String, PadCounters.Snapshot> padStats() {
        Map<String, PadCounters.Snapshot> out = new LinkedHashMap<>();
        sinks.forEach((t, p) -> out.put("sink." + t, p.counters().snapshot()));
        sources.forEach((t, p) -> out.put("source." + t, p.counters().snapshot()));
        return Collections.unmodifiableMap(out);
    }

    /**
     * What each source pad passed upstream for its links and what it coalesced, keyed like
     * {@code source.VIDEO.keyframeRequestsCoalesced}; {@code bitrateLimit} is the last minimum told.
     */
    public Map<String, Long> upstreamStats() {
        Map<String, Long> out = new LinkedHashMap<>();
        sources.forEach((t, p) -> {
            String key = "source." + t + ".";
            out.put(key + "keyframeRequestsPassed", p.keyframeRequests().passed());
            out.put(key + "keyframeRequestsCoalesced", p.keyframeRequests().coalesced());
            out.put(key + "bitrateLimitsPassed", p.bitrateLimits().passed());
            out.put(key + "bitrateLimit", p.bitrateLimits().applied());
            out.put(key + "bitrateLimitsLifted", p.bitrateLimits().lifted());
        });
        return Collections.unmodifiableMap(out);
    }

    Map<MediaType, SourcePad> sourcePads() { return sources; }
    Map<MediaType, SinkPad> sinkPads() { return sinks; }

    /** Disconnects everything and frees the element's resources; idempotent. */
    public final void release() {
        synchronized (pipeline.topologyLock()) {
            if (released) {
                return;
            }
            released = true;
            for (SinkPad pad : sinks.values()) {
                PadLink link = pad.link();
                if (link != null) {
                    unlink(link);
                }
            }
            for (SourcePad pad : sources.values()) {
                for (SinkPad s : pad.sinks()) {
                    PadLink link = s.link();
                    if (link != null) {
                        unlink(link);
                    }
                }
            }
        }
        try {
            onRelease();
        } finally {
            pipeline.unregister(this);
            listeners.clear();
        }
    }

    /** Frees sockets, files and codec state. Called once, after all links are gone. */
    protected void onRelease() {
    }

    private void checkUsable() {
        if (released) {
            throw new IllegalStateException(id + " has been released");
        }
    }

    @Override
    public String toString() {
        return id;
    }
}
