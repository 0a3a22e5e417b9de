package org.webims.media.kurento.objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.webims.media.kurento.rpc.KurentoError;
import org.webims.media.kurento.rpc.RpcException;
import org.webims.media.pipeline.MediaType;

/**
 * Typed reads of a request's named parameters. A missing or mistyped parameter is an
 * INVALID_PARAMS error that names the parameter, the expected type and what came.
 */
public final class Params {

    private final String context;
    private final ObjectNode node;

    public Params(String context, ObjectNode node) {
        this.context = context;
        this.node = node;
    }

    public ObjectNode node() {
        return node;
    }

    public boolean has(String name) {
        JsonNode v = node.get(name);
        return v != null && !v.isNull();
    }

    public String string(String name) throws RpcException {
        return textual(name, required(name), "a string");
    }

    public String optionalString(String name, String fallback) throws RpcException {
        return has(name) ? textual(name, node.get(name), "a string") : fallback;
    }

    public double number(String name) throws RpcException {
        JsonNode v = required(name);
        if (!v.isNumber()) {
            throw wrongType(name, "a number", v);
        }
        return v.asDouble();
    }

    public double optionalNumber(String name, double fallback) throws RpcException {
        return has(name) ? number(name) : fallback;
    }

    public int optionalInt(String name, int fallback) throws RpcException {
        if (!has(name)) {
            return fallback;
        }
        JsonNode v = node.get(name);
        if (!v.canConvertToInt() || !v.isIntegralNumber()) {
            throw wrongType(name, "an integer", v);
        }
        return v.asInt();
    }

    public boolean bool(String name) throws RpcException {
        JsonNode v = required(name);
        if (!v.isBoolean()) {
            throw wrongType(name, "true or false", v);
        }
        return v.asBoolean();
    }

    /**
     * The media a generateOffer's Kurento OfferOptions ask for ({@code options}: offerToReceiveAudio,
     * offerToReceiveVideo, each true when absent), or null without options.
     */
    public java.util.Set<MediaType> offerOptions() throws RpcException {
        if (!has("options")) {
            return null;
        }
        JsonNode options = node.get("options");
        if (!options.isObject()) {
            throw wrongType("options", "an OfferOptions object", options);
        }
        java.util.Set<MediaType> media = java.util.EnumSet.noneOf(MediaType.class);
        if (offers(options, "offerToReceiveAudio")) {
            media.add(MediaType.AUDIO);
        }
        if (offers(options, "offerToReceiveVideo")) {
            media.add(MediaType.VIDEO);
        }
        return media;
    }

    private boolean offers(JsonNode options, String name) throws RpcException {
        JsonNode v = options.get(name);
        if (v == null || v.isNull()) {
            return true;
        }
        if (!v.isBoolean()) {
            throw wrongType("options." + name, "true or false", v);
        }
        return v.asBoolean();
    }

    /** A Kurento MediaType; DATA is refused as unsupported, null when absent. */
    public MediaType optionalMediaType(String name) throws RpcException {
        return has(name) ? mediaType(name) : null;
    }

    public MediaType mediaType(String name) throws RpcException {
        String text = string(name);
        switch (text) {
            case "AUDIO": return MediaType.AUDIO;
            case "VIDEO": return MediaType.VIDEO;
            case "DATA":
                throw new RpcException(KurentoError.UNSUPPORTED_MEDIA_TYPE,
                        context + ": media type DATA is not supported here (AUDIO and VIDEO are)");
            default:
                throw new RpcException(KurentoError.INVALID_PARAMS,
                        context + ": '" + name + "' must be AUDIO, VIDEO or DATA, got \"" + text + "\"");
        }
    }

    private JsonNode required(String name) throws RpcException {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            throw new RpcException(KurentoError.INVALID_PARAMS, context + ": missing parameter '" + name + "'");
        }
        return v;
    }

    private String textual(String name, JsonNode v, String expected) throws RpcException {
        if (!v.isTextual()) {
            throw wrongType(name, expected, v);
        }
        return v.asText();
    }

    private RpcException wrongType(String name, String expected, JsonNode got) {
        return new RpcException(KurentoError.INVALID_PARAMS,
                context + ": '" + name + "' must be " + expected + ", got " + got.getNodeType().name().toLowerCase());
    }
}
