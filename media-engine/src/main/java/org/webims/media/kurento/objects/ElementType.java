package org.webims.media.kurento.objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.webims.media.kurento.rpc.Json;
import org.webims.media.kurento.rpc.KurentoError;
import org.webims.media.kurento.rpc.RpcException;
import org.webims.media.pipeline.MediaElement;
import org.webims.media.pipeline.MediaLimitException;
import org.webims.media.pipeline.MediaPipeline;
import org.webims.media.pipeline.MediaType;
import org.webims.media.pipeline.PadCounters;

/**
 * The base of every element type: creates the element in the pipeline named by the
 * {@code mediaPipeline} constructor parameter and answers the MediaObject and MediaElement
 * operations (kms-core {@code MediaElement.kmd}); a subclass adds its constructor and its own
 * operations and events.
 *
 * @param <E> the engine element this type makes
 */
public abstract class ElementType<E extends MediaElement> implements KurentoType {

    /** Events every element raises (kms-core MediaElement and MediaObject). */
    public static final Set<String> ELEMENT_EVENTS = Set.of("MediaFlowInStateChanged", "MediaFlowOutStateChanged",
            "MediaTranscodingStateChanged", "Error");

    private final String name;
    private final Class<E> elementClass;
    private final List<String> hierarchy;
    private final Set<String> events;

    /**
     * @param superTypes qualified supertypes below MediaElement, nearest first
     *                   (e.g. {@code kurento.Filter}); MediaElement and MediaObject are appended
     * @param ownEvents  events this type raises beyond {@link #ELEMENT_EVENTS}
     */
    protected ElementType(String name, Class<E> elementClass, List<String> superTypes, Set<String> ownEvents) {
        this.name = name;
        this.elementClass = elementClass;
        this.hierarchy = new java.util.ArrayList<>(superTypes);
        this.hierarchy.add("kurento.MediaElement");
        this.hierarchy.add("kurento.MediaObject");
        Set<String> all = new HashSet<>(ELEMENT_EVENTS);
        all.addAll(ownEvents);
        this.events = Set.copyOf(all);
    }

    @Override public final String name() { return name; }
    @Override public final List<String> hierarchy() { return List.copyOf(hierarchy); }
    @Override public final Set<String> events() { return events; }

    /** Makes the element in {@code pipeline} from the other constructor parameters. */
    protected abstract E create(MediaPipeline pipeline, Params constructorParams) throws RpcException;

    /**
     * Adds this type's own entries to {@code getStats}' map (each a Kurento Stats complex type,
     * see {@link #complexType}); the default adds none.
     */
    protected void addStats(E element, MediaType only, ObjectNode stats) {
    }

    /** This type's own operations; the default has none. */
    protected JsonNode invokeOwn(E element, String operation, Params params, ObjectLookup objects) throws RpcException {
        throw noSuchOperation(this, operation);
    }

    @Override
    public final Object create(Params constructorParams, ObjectLookup objects) throws RpcException {
        ManagedObject parent = objects.find(constructorParams.string("mediaPipeline"));
        if (!parent.isPipeline()) {
            throw new RpcException(KurentoError.MEDIA_OBJECT_ILLEGAL_PARAM_ERROR,
                    "create " + name + ": 'mediaPipeline' names " + parent.type().name() + " " + parent.id()
                            + ", not a MediaPipeline");
        }
        try {
            return create(parent.pipeline(), constructorParams);
        } catch (MediaLimitException e) {
            throw new RpcException(KurentoError.NOT_ENOUGH_RESOURCES, e.getMessage());
        } catch (IllegalStateException e) {
            throw new RpcException(KurentoError.MEDIA_OBJECT_NOT_FOUND, e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new RpcException(KurentoError.MEDIA_OBJECT_ILLEGAL_PARAM_ERROR, "create " + name + ": " + e.getMessage());
        }
    }

    @Override
    public final JsonNode invoke(ManagedObject self, String operation, Params params, ObjectLookup objects)
            throws RpcException {
        JsonNode common = MediaObjectOperations.invoke(self, operation, params);
        if (common != MediaObjectOperations.NOT_HANDLED) {
            return common;
        }
        E element = elementClass.cast(self.element());
        try {
            return switch (operation) {
                case "connect" -> connect(element, params, objects, true);
                case "disconnect" -> connect(element, params, objects, false);
                case "getSinkConnections" -> sinkConnections(element, params.optionalMediaType("mediaType"));
                case "getSourceConnections" -> sourceConnections(element, params.optionalMediaType("mediaType"));
                case "isMediaFlowingIn" -> BooleanNode.valueOf(element.isMediaFlowingIn(params.mediaType("mediaType")));
                case "isMediaFlowingOut" -> BooleanNode.valueOf(element.isMediaFlowingOut(params.mediaType("mediaType")));
                case "isMediaTranscoding" -> BooleanNode.valueOf(element.isMediaTranscoding(params.mediaType("mediaType")));
                case "getStats" -> {
                    MediaType only = params.optionalMediaType("mediaType");
                    ObjectNode stats = stats(element, only);
                    addStats(element, only, stats);
                    yield stats;
                }
                default -> invokeOwn(element, operation, params, objects);
            };
        } catch (IllegalStateException released) {
            throw new RpcException(KurentoError.MEDIA_OBJECT_NOT_FOUND, operation + ": " + released.getMessage());
        } catch (IllegalArgumentException e) {
            throw new RpcException(KurentoError.MEDIA_OBJECT_ILLEGAL_PARAM_ERROR, operation + ": " + e.getMessage());
        }
    }

    private static JsonNode connect(MediaElement source, Params params, ObjectLookup objects, boolean connect)
            throws RpcException {
        ManagedObject sinkObject = objects.find(params.string("sink"));
        MediaElement sink = sinkObject.element();
        if (sink == null) {
            throw new RpcException(KurentoError.MEDIA_OBJECT_ILLEGAL_PARAM_ERROR,
                    "'sink' names a MediaPipeline, not an element: " + sinkObject.id());
        }
        MediaType type = params.optionalMediaType("mediaType");
        if (connect) {
            if (type == null) {
                source.connect(sink);
            } else {
                source.connect(sink, type);
            }
        } else if (type == null) {
            source.disconnect(sink);
        } else {
            source.disconnect(sink, type);
        }
        return null;
    }

    private static JsonNode sinkConnections(MediaElement element, MediaType only) {
        ArrayNode list = Json.MAPPER.createArrayNode();
        for (MediaType type : MediaType.values()) {
            if (only == null || only == type) {
                for (MediaElement sink : element.sinkConnections(type)) {
                    connection(list, element, sink, type);
                }
            }
        }
        return list;
    }

    private static JsonNode sourceConnections(MediaElement element, MediaType only) {
        ArrayNode list = Json.MAPPER.createArrayNode();
        for (MediaType type : MediaType.values()) {
            if (only == null || only == type) {
                MediaElement source = element.sourceConnection(type);
                if (source != null) {
                    connection(list, source, element, type);
                }
            }
        }
        return list;
    }

    // Kurento's ElementConnectionData; "default" is the only media description an element has here
    private static void connection(ArrayNode list, MediaElement source, MediaElement sink, MediaType type) {
        ObjectNode c = list.addObject();
        complexType(c, "ElementConnectionData");
        c.put("source", source.id());
        c.put("sink", sink.id());
        c.put("type", type.name());
        c.put("sourceDescription", "default");
        c.put("sinkDescription", "default");
    }

    /** Our pad counters, keyed like {@code sink.AUDIO}, in the shape of Kurento's element stats. */
    private static ObjectNode stats(MediaElement element, MediaType only) {
        ObjectNode map = Json.MAPPER.createObjectNode();
        long now = System.currentTimeMillis();
        Map<String, Long> upstream = element.upstreamStats();
        for (Map.Entry<String, PadCounters.Snapshot> e : element.padStats().entrySet()) {
            if (only != null && !e.getKey().endsWith("." + only.name())) {
                continue;
            }
            ObjectNode s = map.putObject(e.getKey());
            complexType(s, "ElementStats");
            s.put("id", element.id() + "/" + e.getKey());
            s.put("type", "element");
            s.put("timestamp", now / 1000.0);
            s.put("timestampMillis", now);
            // ElementStats' own fields; the engine measures no latency
            s.put("inputAudioLatency", 0.0);
            s.put("inputVideoLatency", 0.0);
            s.putArray("inputLatency");
            s.put("packets", e.getValue().packets());
            s.put("bytes", e.getValue().bytes());
            s.put("dropped", e.getValue().dropped());
            // our extra fields on a source pad (Kurento's ElementStats has none for them): what its
            // viewers' feedback became upstream, decision 0069 (keyframeRequestsCoalesced, bitrateLimitsPassed, ...)
            String prefix = e.getKey() + ".";
            upstream.forEach((k, v) -> {
                if (k.startsWith(prefix)) {
                    s.put(k.substring(prefix.length()), v);
                }
            });
        }
        return map;
    }

    /** The events of both sets, for a type that raises those of a supertype beside its own. */
    protected static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }

    /** Names a Kurento complex type, as kurento-client needs to build the right class from it. */
    public static void complexType(ObjectNode value, String typeName) {
        value.put("__module__", "kurento");
        value.put("__type__", typeName);
    }

    public static RpcException noSuchOperation(KurentoType type, String operation) {
        return new RpcException(KurentoError.MEDIA_OBJECT_METHOD_NOT_FOUND,
                type.name() + " has no operation '" + operation + "'");
    }
}
