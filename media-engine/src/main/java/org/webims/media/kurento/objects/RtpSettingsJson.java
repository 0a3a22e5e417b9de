package org.webims.media.kurento.objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.webims.media.endpoint.rtp.RtpEndpointSettings;
import org.webims.media.endpoint.rtp.RtpEndpointSettings.RtpProfile;
import org.webims.media.kurento.rpc.KurentoError;
import org.webims.media.kurento.rpc.RpcException;
import org.webims.media.sdp.bandwidth.SdpBandwidths;
import org.webims.media.sdp.negotiation.CodecCapability;
import org.webims.media.sdp.negotiation.CodecPreference;

/**
 * RtpEndpoint's constructor parameter {@value #PARAMETER}, beyond Kurento (whose codecs are node
 * configuration): the codecs, offered media, profile, rtcp-mux and codec choice of an
 * {@link RtpEndpointSettings}, so a remote client builds an endpoint with a profile of its own
 * (the interworking application's MTSI leg), and the b= lines it writes ({@code bandwidths}).
 * Fields left out keep the node's defaults; crypto,
 * peer filter and intervals stay the node's.
 */
public final class RtpSettingsJson {

    /** The constructor parameter's name. */
    public static final String PARAMETER = "webimsSettings";

    private RtpSettingsJson() {
    }

    /** The parameter's value for {@code settings}. */
    public static ObjectNode write(RtpEndpointSettings settings) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.set("audioCodecs", codecs(settings.audioCodecs()));
        o.set("videoCodecs", codecs(settings.videoCodecs()));
        o.put("offerAudio", settings.offerAudio());
        o.put("offerVideo", settings.offerVideo());
        o.put("profile", settings.profile().name());
        o.put("rtcpMux", settings.rtcpMux());
        o.put("preference", settings.preference().name());
        o.put("singleCodec", settings.singleCodec());
        SdpBandwidths b = settings.bandwidths();
        ObjectNode bw = o.putObject("bandwidths");
        bw.put("audioFromCodecs", b.audioFromCodecs());
        bw.put("maxAudioRecvKbps", b.maxAudioRecvKbps());
        bw.put("maxVideoRecvKbps", b.maxVideoRecvKbps());
        bw.put("rtcpSenderBps", b.rtcpSenderBps());
        bw.put("rtcpReceiverBps", b.rtcpReceiverBps());
        return o;
    }

    private static ArrayNode codecs(List<CodecCapability> codecs) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        for (CodecCapability c : codecs) {
            ObjectNode o = a.addObject();
            o.put("name", c.encodingName());
            o.put("clockRate", c.clockRate());
            o.put("channels", c.channels());
            ObjectNode p = o.putObject("parameters");
            c.parameters().forEach(p::put);
            ArrayNode f = o.putArray("feedback");
            c.rtcpFeedback().forEach(f::add);
            o.put("payloadType", c.payloadType());
        }
        return a;
    }

    /** {@code base} with what {@code json} sets; a malformed value is ILLEGAL_PARAM naming the field. */
    public static RtpEndpointSettings read(JsonNode json, RtpEndpointSettings base) throws RpcException {
        if (!json.isObject()) {
            throw illegal(PARAMETER + " must be an object");
        }
        try {
            RtpEndpointSettings s = base;
            if (json.has("audioCodecs")) {
                s = s.withAudioCodecs(codecs(json.get("audioCodecs"), "audioCodecs"));
            }
            if (json.has("videoCodecs")) {
                s = s.withVideoCodecs(codecs(json.get("videoCodecs"), "videoCodecs"));
            }
            s = s.withOfferedMedia(bool(json, "offerAudio", s.offerAudio()), bool(json, "offerVideo", s.offerVideo()));
            if (json.has("profile")) {
                RtpProfile profile = named(RtpProfile.class, json.get("profile"), "profile");
                if (profile.secure()) {
                    throw illegal(PARAMETER + ".profile " + profile + ": a secure profile comes with the crypto parameter");
                }
                s = s.withProfile(profile);
            }
            s = s.withRtcpMux(bool(json, "rtcpMux", s.rtcpMux()));
            CodecPreference preference = json.has("preference")
                    ? named(CodecPreference.class, json.get("preference"), "preference") : s.preference();
            s = s.withCodecChoice(preference, bool(json, "singleCodec", s.singleCodec()));
            return json.has("bandwidths") ? s.withBandwidths(bandwidths(json.get("bandwidths"), s.bandwidths())) : s;
        } catch (IllegalArgumentException e) {
            throw illegal(PARAMETER + ": " + e.getMessage());
        }
    }

    /** The b= lines of an MTSI leg (TS 26.114 §6.2.5), field by field over {@code base}. */
    private static SdpBandwidths bandwidths(JsonNode json, SdpBandwidths base) throws RpcException {
        if (!json.isObject()) {
            throw illegal(PARAMETER + ".bandwidths must be an object");
        }
        return new SdpBandwidths(bool(json, "audioFromCodecs", base.audioFromCodecs()),
                (int) number(json, "maxAudioRecvKbps", base.maxAudioRecvKbps()),
                (int) number(json, "maxVideoRecvKbps", base.maxVideoRecvKbps()),
                number(json, "rtcpSenderBps", base.rtcpSenderBps()), number(json, "rtcpReceiverBps", base.rtcpReceiverBps()),
                base.minVideoRecvKbps(), base.minVideoSendKbps(), base.maxVideoSendKbps());
    }

    private static long number(JsonNode json, String field, long fallback) throws RpcException {
        JsonNode v = json.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw illegal(PARAMETER + ".bandwidths." + field + " must be an integer");
        }
        return v.asInt();
    }

    private static List<CodecCapability> codecs(JsonNode array, String field) throws RpcException {
        if (!array.isArray()) {
            throw illegal(PARAMETER + "." + field + " must be an array");
        }
        List<CodecCapability> out = new ArrayList<>();
        for (JsonNode c : array) {
            JsonNode name = c.get("name");
            JsonNode rate = c.get("clockRate");
            if (name == null || !name.isTextual() || rate == null || !rate.isIntegralNumber()) {
                throw illegal(PARAMETER + "." + field + ": each codec needs a name and an integer clockRate");
            }
            CodecCapability codec = CodecCapability.of(name.asText(), rate.asInt(), c.path("channels").asInt(1))
                    .withPayloadType(c.path("payloadType").asInt(-1));
            for (Map.Entry<String, JsonNode> p : c.path("parameters").properties()) {
                codec = codec.withParameter(p.getKey(), p.getValue().asText());
            }
            for (JsonNode f : c.path("feedback")) {
                codec = codec.withFeedback(f.asText());
            }
            out.add(codec);
        }
        return out;
    }

    private static boolean bool(JsonNode json, String field, boolean fallback) throws RpcException {
        JsonNode v = json.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isBoolean()) {
            throw illegal(PARAMETER + "." + field + " must be true or false");
        }
        return v.asBoolean();
    }

    private static <E extends Enum<E>> E named(Class<E> type, JsonNode v, String field) throws RpcException {
        try {
            return Enum.valueOf(type, v.asText());
        } catch (IllegalArgumentException e) {
            throw illegal(PARAMETER + "." + field + " must be one of " + List.of(type.getEnumConstants()) + ", got "
                    + v);
        }
    }

    private static RpcException illegal(String message) {
        return new RpcException(KurentoError.MEDIA_OBJECT_ILLEGAL_PARAM_ERROR, "create RtpEndpoint: " + message);
    }
}
