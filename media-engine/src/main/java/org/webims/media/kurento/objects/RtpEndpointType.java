package org.webims.media.kurento.objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.webims.media.endpoint.rtp.DtmfReceived;
import org.webims.media.endpoint.rtp.MediaTimeout;
import org.webims.media.endpoint.rtp.InboundRtpStats;
import org.webims.media.endpoint.rtp.OutboundRtpStats;
import org.webims.media.endpoint.rtp.RtpEndpoint;
import org.webims.media.endpoint.rtp.RtpEndpointContext;
import org.webims.media.endpoint.rtp.RtpEndpointSettings;
import org.webims.media.endpoint.rtp.SdpNegotiationException;
import org.webims.media.kurento.rpc.KurentoError;
import org.webims.media.kurento.rpc.RpcException;
import org.webims.media.pipeline.MediaLimitException;
import org.webims.media.pipeline.MediaPipeline;
import org.webims.media.pipeline.MediaType;
import org.webims.media.pipeline.event.MediaEvent;
import org.webims.media.sdp.Crypto;

/**
 * Kurento's RtpEndpoint (kms-elements RtpEndpoint.kmd) over our {@link RtpEndpoint}. Constructor
 * parameters as kurento-client's builder sends them: {@code crypto} (an SDES: its suite turns
 * RTP/SAVPF on; the key is ours, made per stream, since SDES exchanges keys in the SDP anyway),
 * {@code useIpv6} (refused: media binds IPv4), {@code qosDscp} (accepted, not applied) and, beyond
 * Kurento, {@link RtpSettingsJson#PARAMETER} (codecs and profile of the endpoint).
 * Operations {@code generateOffer}, {@code processOffer}, {@code processAnswer},
 * {@code getLocalSessionDescriptor}, {@code getRemoteSessionDescriptor} and, beyond Kurento,
 * {@code setMediaTimeout(timeoutMillis)} and {@code sendDtmf} ({@link DtmfOperations}); BaseRtpEndpoint's
 * states, their events and mtu ({@link BaseRtpOperations}); events beyond the element ones: our
 * {@code MediaTimeout} (mediaType, timeoutMillis) and {@code DtmfReceived}.
 * Properties: Kurento's bandwidth ones ({@link BandwidthProperties}).
 */
public final class RtpEndpointType extends ElementType<RtpEndpoint> {

    /** kms-elements: RtpEndpoint is a BaseRtpEndpoint, an SdpEndpoint, a SessionEndpoint, an Endpoint. */
    static final List<String> SUPER_TYPES = List.of("kurento.BaseRtpEndpoint", "kurento.SdpEndpoint",
            "kurento.SessionEndpoint", "kurento.Endpoint");

    private final RtpEndpointContext context;
    private final RtpEndpointSettings settings;

    public RtpEndpointType(RtpEndpointContext context, RtpEndpointSettings settings) {
        super("RtpEndpoint", RtpEndpoint.class, SUPER_TYPES, union(Set.of("MediaTimeout", DtmfOperations.EVENT),
                BaseRtpOperations.EVENTS));
        this.context = context;
        this.settings = settings;
    }

    @Override
    protected RtpEndpoint create(MediaPipeline pipeline, Params params) throws RpcException {
        if (params.has("useIpv6") && params.bool("useIpv6")) {
            throw new RpcException(KurentoError.MEDIA_OBJECT_ILLEGAL_PARAM_ERROR,
                    "create RtpEndpoint: useIpv6 is not supported, media binds " + context.advertisedAddress());
        }
        RtpEndpointSettings s = settings;
        JsonNode own = params.node().get(RtpSettingsJson.PARAMETER);
        if (own != null && !own.isNull()) {
            s = RtpSettingsJson.read(own, s);
        }
        JsonNode crypto = params.node().get("crypto");
        if (crypto != null && !crypto.isNull()) {
            s = s.withProfile(RtpEndpointSettings.RtpProfile.SAVPF).withCryptoSuites(suite(crypto));
        }
        return new RtpEndpoint(pipeline, context, s);
    }

    /** Kurento's CryptoSuite names the suites of RFC 4568 §6.2 with the words swapped. */
    private static String suite(JsonNode sdes) throws RpcException {
        String name = sdes.path("crypto").asText("");
        return switch (name) {
            case "AES_128_CM_HMAC_SHA1_80" -> Crypto.AES_CM_128_HMAC_SHA1_80;
            case "AES_128_CM_HMAC_SHA1_32" -> Crypto.AES_CM_128_HMAC_SHA1_32;
            default -> throw new RpcException(KurentoError.MEDIA_OBJECT_ILLEGAL_PARAM_ERROR,
                    "create RtpEndpoint: crypto suite '" + name
                            + "' is not supported (AES_128_CM_HMAC_SHA1_80 and AES_128_CM_HMAC_SHA1_32 are)");
        };
    }

    /**
     * One Kurento RTCInboundRTPStreamStats per stream the peer sends us ({@link RtcStreamStats#putInbound}:
     * what arrived, the loss and jitter of our last receiver report, the FIR and PLI we sent), and
     * one RTCOutboundRTPStreamStats per stream we send the peer: packets and payload bytes
     * sent, and the loss, jitter and round trip its receiver reports state, with its FIR, PLI,
     * NACK and REMB counts ({@link RtcStreamStats#putOutbound}).
     */
    @Override
    protected void addStats(RtpEndpoint endpoint, MediaType only, ObjectNode stats) {
        long now = System.currentTimeMillis();
        for (InboundRtpStats in : endpoint.inboundStreams()) {
            if (only == null || only == in.mediaType()) {
                RtcStreamStats.putInbound(stats, in, now);
            }
        }
        for (OutboundRtpStats out : endpoint.outboundStreams()) {
            if (only == null || only == out.mediaType()) {
                RtcStreamStats.putOutbound(stats, out, now);
            }
        }
    }

    @Override
    protected JsonNode invokeOwn(RtpEndpoint endpoint, String operation, Params params, ObjectLookup objects)
            throws RpcException {
        switch (operation) {
            case "generateOffer":
                try {
                    java.util.Set<org.webims.media.pipeline.MediaType> media = params.offerOptions();
                    return TextNode.valueOf(media == null ? endpoint.generateOffer() : endpoint.generateOffer(media));
                } catch (MediaLimitException e) {
                    throw new RpcException(KurentoError.SDP_END_POINT_GENERATE_OFFER_ERROR, "generateOffer: " + e.getMessage());
                }
            case "processOffer":
                try {
                    return TextNode.valueOf(endpoint.processOffer(params.string("offer")));
                } catch (SdpNegotiationException e) {
                    throw refused(e, KurentoError.SDP_END_POINT_PROCESS_OFFER_ERROR, "processOffer");
                }
            case "processAnswer":
                if (endpoint.isReleased()) {
                    throw new RpcException(KurentoError.MEDIA_OBJECT_NOT_FOUND, endpoint.id() + " has been released");
                }
                try {
                    endpoint.processAnswer(params.string("answer"));
                    return TextNode.valueOf(endpoint.getLocalSessionDescriptor());
                } catch (SdpNegotiationException e) {
                    throw refused(e, KurentoError.SDP_END_POINT_PROCESS_ANSWER_ERROR, "processAnswer");
                } catch (IllegalStateException e) {
                    throw new RpcException(KurentoError.SDP_END_POINT_NOT_OFFER_GENERATED, "processAnswer: " + e.getMessage());
                }
            case "getLocalSessionDescriptor":
                return text(endpoint.getLocalSessionDescriptor());
            case "getRemoteSessionDescriptor":
                return text(endpoint.getRemoteSessionDescriptor());
            case "setMediaTimeout": {
                int millis = params.optionalInt("timeoutMillis", 0);
                if (millis < 0) {
                    throw new RpcException(KurentoError.MEDIA_OBJECT_ILLEGAL_PARAM_ERROR,
                            "setMediaTimeout: timeoutMillis must not be negative (0 turns it off), got " + millis);
                }
                endpoint.setMediaTimeout(Duration.ofMillis(millis));
                return null;
            }
            case DtmfOperations.SEND:
                return DtmfOperations.sendDtmf(endpoint, params);
            default:
                if (BaseRtpOperations.handles(operation)) {
                    return BaseRtpOperations.invoke(endpoint, operation, params);
                }
                if (BandwidthProperties.handles(operation)) {
                    return BandwidthProperties.invoke(operation, params, endpoint::bandwidths, endpoint::setBandwidths);
                }
                throw noSuchOperation(this, operation);
        }
    }

    private static JsonNode text(String value) {
        return value == null ? null : TextNode.valueOf(value);
    }

    /** An unparsable description is Kurento's SDP_PARSE_ERROR, with the line; a refused one the operation's error. */
    private static RpcException refused(SdpNegotiationException e, KurentoError otherwise, String operation) {
        if (e.isParseFault()) {
            return new RpcException(KurentoError.SDP_PARSE_ERROR, operation + ": SDP line " + e.lineNumber() + ": "
                    + e.reason());
        }
        return new RpcException(otherwise, operation + ": " + e.reason());
    }

    @Override
    public boolean writeEventFields(MediaEvent event, ObjectNode data) {
        if (event instanceof MediaTimeout timeout) {
            data.put("mediaType", timeout.mediaType().name());
            data.put("timeoutMillis", timeout.timeout().toMillis());
            return true;
        }
        if (event instanceof DtmfReceived dtmf) {
            DtmfOperations.writeFields(dtmf, data);
            return true;
        }
        return BaseRtpOperations.writeEventFields(event, data);
    }
}
