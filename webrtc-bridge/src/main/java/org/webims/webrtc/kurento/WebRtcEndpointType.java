package org.webims.webrtc.kurento;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.webims.media.kurento.objects.ElementType;
import org.webims.media.kurento.objects.ObjectLookup;
import org.webims.media.kurento.objects.BaseRtpOperations;
import org.webims.media.kurento.objects.DtmfOperations;
import org.webims.media.kurento.objects.BandwidthProperties;
import org.webims.media.kurento.objects.Params;
import org.webims.media.kurento.objects.RtcStreamStats;
import org.webims.media.endpoint.rtp.DtmfReceived;
import org.webims.media.endpoint.rtp.OutboundRtpStats;
import org.webims.media.kurento.rpc.KurentoError;
import org.webims.media.kurento.rpc.RpcException;
import org.webims.media.node.MediaNode;
import org.webims.media.pipeline.MediaLimitException;
import org.webims.media.pipeline.MediaPipeline;
import org.webims.media.pipeline.MediaType;
import org.webims.media.pipeline.event.MediaEvent;
import org.webims.media.sdp.Direction;
import org.webims.media.sdp.SdpParseException;
import org.webims.webrtc.WebRtcEndpoint;
import org.webims.webrtc.WebRtcEndpointContext;
import org.webims.webrtc.WebRtcEndpointSettings;
import org.webims.webrtc.dtls.DtlsCertificate;
import org.webims.webrtc.event.DtlsConnectionStateChange;
import org.webims.webrtc.event.IceCandidateFound;
import org.webims.webrtc.event.IceCandidateInfo;
import org.webims.webrtc.event.IceComponentStateChanged;
import org.webims.webrtc.event.NewCandidatePairSelected;
import org.webims.media.endpoint.rtp.InboundRtpStats;
import org.webims.webrtc.sdp.WebRtcSdpException;

/**
 * Kurento's WebRtcEndpoint (kms-elements WebRtcEndpoint.kmd) over our {@link WebRtcEndpoint}.
 * Constructor parameters as kurento-client's builder sends them: {@code recvonly} and
 * {@code sendonly} set the directions of our offers; {@code useDataChannels} is refused (no SCTP
 * here); {@code certificateKeyType} and {@code qosDscp} are accepted (our certificate is ECDSA).
 * Operations {@code generateOffer}, {@code processOffer}, {@code processAnswer},
 * {@code gatherCandidates}, {@code addIceCandidate} with Kurento's IceCandidate,
 * {@code getLocalSessionDescriptor}, {@code getRemoteSessionDescriptor}; the properties
 * {@code stunServerAddress}, {@code stunServerPort} and {@code turnUrl} kept and read back but
 * unused ({@link IceServerProperties}); {@code externalIPv4}, {@code externalIPv6} and
 * {@code networkInterfaces} shaping the candidates ({@link InterfaceProperties}); BaseRtpEndpoint's
 * states and mtu ({@link BaseRtpOperations}); getStats and the element
 * operations come from {@link ElementType}. Events with the fields kurento-client's event
 * classes take. Register it with {@code KurentoServer.types().register(...)}, or let a media node
 * find it through {@link WebRtcKurentoTypes}.
 */
public final class WebRtcEndpointType extends ElementType<WebRtcEndpoint> implements AutoCloseable {

    static final List<String> SUPER_TYPES = List.of("kurento.BaseRtpEndpoint", "kurento.SdpEndpoint",
            "kurento.SessionEndpoint", "kurento.Endpoint");

    private final WebRtcEndpointContext context;
    private final WebRtcEndpointSettings settings;
    private final ExecutorService ownedHandshakes;
    // per endpoint, weakly: an endpoint released and dropped takes its properties with it
    private final java.util.Map<WebRtcEndpoint, IceServerProperties> iceServerProperties =
            java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());
    private final java.util.Map<WebRtcEndpoint, InterfaceProperties> interfaceProperties =
            java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    public WebRtcEndpointType(WebRtcEndpointContext context, WebRtcEndpointSettings settings) {
        this(context, settings, null);
    }

    private WebRtcEndpointType(WebRtcEndpointContext context, WebRtcEndpointSettings settings,
                               ExecutorService ownedHandshakes) {
        super("WebRtcEndpoint", WebRtcEndpoint.class, SUPER_TYPES, union(Set.of("IceCandidateFound", "IceGatheringDone",
                "IceComponentStateChanged", "NewCandidatePairSelected", "DtlsConnectionStateChange",
                DtmfOperations.EVENT, "PeerLeft"), BaseRtpOperations.EVENTS));
        this.context = context;
        this.settings = settings;
        this.ownedHandshakes = ownedHandshakes;
    }

    /**
     * For a media node: its web side's ports and I/O loop, its public address as a second candidate, a new
     * self-signed certificate, and a handshake pool this type owns and {@link #close}s.
     */
    public static WebRtcEndpointType forNode(MediaNode node) {
        ExecutorService handshakes = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "dtls-handshake");
            t.setDaemon(true);
            return t;
        });
        WebRtcEndpointContext context = WebRtcEndpointContext.forNode(node,
                DtlsCertificate.generate(Duration.ofDays(30)), handshakes);
        return new WebRtcEndpointType(context, WebRtcEndpointSettings.defaults(), handshakes);
    }

    @Override
    protected WebRtcEndpoint create(MediaPipeline pipeline, Params params) throws RpcException {
        boolean recvonly = params.has("recvonly") && params.bool("recvonly");
        boolean sendonly = params.has("sendonly") && params.bool("sendonly");
        if (recvonly && sendonly) {
            throw new RpcException(KurentoError.MEDIA_OBJECT_ILLEGAL_PARAM_ERROR,
                    "create WebRtcEndpoint: recvonly and sendonly exclude each other");
        }
        if (params.has("useDataChannels") && params.bool("useDataChannels")) {
            throw new RpcException(KurentoError.MEDIA_OBJECT_ILLEGAL_PARAM_ERROR,
                    "create WebRtcEndpoint: data channels are not supported (audio and video are)");
        }
        WebRtcEndpointSettings s = settings;
        if (recvonly || sendonly) {
            Direction d = recvonly ? Direction.RECVONLY : Direction.SENDONLY;
            s = s.withOfferedMedia(d, d);
        }
        try {
            return new WebRtcEndpoint(pipeline, context, s);
        } catch (IOException e) {
            throw new MediaLimitException("no UDP port for a WebRtcEndpoint: " + e.getMessage());
        }
    }

    @Override
    protected JsonNode invokeOwn(WebRtcEndpoint endpoint, String operation, Params params, ObjectLookup objects)
            throws RpcException {
        switch (operation) {
            case "generateOffer": {
                // OfferOptions: a medium not asked for is rejected (port 0) where the session had it
                java.util.Set<org.webims.media.pipeline.MediaType> media = params.offerOptions();
                if (media == null) {
                    return TextNode.valueOf(endpoint.generateOffer());
                }
                java.util.Set<org.webims.media.pipeline.MediaType> dropped =
                        java.util.EnumSet.allOf(org.webims.media.pipeline.MediaType.class);
                dropped.removeAll(media);
                return TextNode.valueOf(endpoint.generateOffer(dropped));
            }
            case "processOffer":
                try {
                    return TextNode.valueOf(endpoint.processOffer(params.string("offer")));
                } catch (WebRtcSdpException e) {
                    throw refused(e, KurentoError.SDP_END_POINT_PROCESS_OFFER_ERROR, "processOffer");
                }
            case "processAnswer":
                if (!endpoint.isReleased() && !endpoint.isOfferPending()) {
                    // kms-core SdpEndpoint: an answer with no offer of ours generated
                    throw new RpcException(KurentoError.SDP_END_POINT_NOT_OFFER_GENERATED,
                            "processAnswer: no offer of ours is waiting for an answer (generateOffer first)");
                }
                try {
                    endpoint.processAnswer(params.string("answer"));
                    return TextNode.valueOf(endpoint.getLocalSessionDescriptor());
                } catch (WebRtcSdpException e) {
                    throw refused(e, KurentoError.SDP_END_POINT_PROCESS_ANSWER_ERROR, "processAnswer");
                } catch (IllegalStateException e) {
                    if (endpoint.isReleased()) {
                        throw e;
                    }
                    throw new RpcException(KurentoError.SDP_END_POINT_NOT_OFFER_GENERATED, "processAnswer: " + e.getMessage());
                }
            case "gatherCandidates":
                endpoint.gatherCandidates();
                return null;
            case "addIceCandidate":
                try {
                    endpoint.addIceCandidate(candidate(params));
                } catch (IllegalArgumentException e) {
                    throw new RpcException(KurentoError.ICE_ADD_CANDIDATE_ERROR, "addIceCandidate: " + e.getMessage());
                }
                return null;
            case "getLocalSessionDescriptor":
                return text(endpoint.getLocalSessionDescriptor());
            case "getRemoteSessionDescriptor":
                return text(endpoint.getRemoteSessionDescriptor());
            case DtmfOperations.SEND:
                return DtmfOperations.sendDtmf(endpoint, params);
            default:
                if (BandwidthProperties.handles(operation)) {
                    return BandwidthProperties.invoke(operation, params, endpoint::bandwidths, endpoint::setBandwidths);
                }
                if (IceServerProperties.handles(operation)) {
                    return iceServerProperties.computeIfAbsent(endpoint, e -> new IceServerProperties())
                            .invoke(operation, params);
                }
                if (BaseRtpOperations.handles(operation)) {
                    return BaseRtpOperations.invoke(endpoint, operation, params);
                }
                if (InterfaceProperties.handles(operation)) {
                    return interfaceProperties.computeIfAbsent(endpoint, e -> new InterfaceProperties())
                            .invoke(endpoint, context.interfaces(), operation, params);
                }
                throw noSuchOperation(this, operation);
        }
    }

    /**
     * Kurento's RTCInboundRTPStreamStats (kms-core {@code MediaElement.kmd}), one per stream the
     * browser sends, keyed {@code inboundrtp.<ssrc>}: packets, payload bytes, loss and jitter as
     * our receiver reports state them (RFC 3550 §6.4.1), and the PLIs and generic NACKs we sent for
     * it; we send no FIR or SLI (0), and our REMB is per endpoint (0). Our own streams are RTCOutboundRTPStreamStats
     * ({@link RtcStreamStats#putOutbound}): packets and payload bytes sent, the loss, jitter and
     * round trip the browser's receiver reports state, its FIR, PLI and NACK counts and latest REMB.
     * The bundled transport, its checked candidate pairs and their candidates come from
     * {@link IceTransportStats}, whatever the media type asked for: both media share them.
     */
    @Override
    protected void addStats(WebRtcEndpoint endpoint, MediaType only, ObjectNode stats) {
        long now = System.currentTimeMillis();
        for (InboundRtpStats in : endpoint.inboundStreams()) {
            if (only == null || only == in.mediaType()) {
                RtcStreamStats.putInbound(stats, in, now); // we send the browser no FIR: that stays 0
            }
        }
        for (OutboundRtpStats out : endpoint.outboundStreams()) {
            if (only == null || only == out.mediaType()) {
                RtcStreamStats.putOutbound(stats, out, now);
                // the target our estimate gave each: the video's cap, the audio's share (0 before any)
                var bw = endpoint.bandwidth();
                ((ObjectNode) stats.get("outboundrtp." + Integer.toUnsignedString(out.ssrc()))).put("targetBitrate",
                        (double) (out.mediaType() == MediaType.VIDEO ? bw.videoCap() : bw.audioTarget()));
            }
        }
        IceTransportStats.put(endpoint, stats, now);
    }

    /** An unparsable description is Kurento's SDP_PARSE_ERROR; one parsed and refused the operation's error. */
    private static RpcException refused(WebRtcSdpException e, KurentoError otherwise, String operation) {
        KurentoError error = e.getCause() instanceof SdpParseException ? KurentoError.SDP_PARSE_ERROR : otherwise;
        return new RpcException(error, operation + ": " + e.getMessage());
    }

    /** Kurento's IceCandidate complex type: {@code {candidate, sdpMid, sdpMLineIndex}}. */
    private static IceCandidateInfo candidate(Params params) throws RpcException {
        JsonNode c = params.node().get("candidate");
        if (c == null || !c.isObject()) {
            throw new RpcException(KurentoError.INVALID_PARAMS,
                    "addIceCandidate: 'candidate' must be an IceCandidate {candidate, sdpMid, sdpMLineIndex}");
        }
        Params fields = new Params("addIceCandidate", (ObjectNode) c);
        return new IceCandidateInfo(fields.string("candidate"), fields.optionalString("sdpMid", null),
                fields.optionalInt("sdpMLineIndex", 0));
    }

    private static JsonNode text(String value) {
        return value == null ? null : TextNode.valueOf(value);
    }

    @Override
    public boolean writeEventFields(MediaEvent event, ObjectNode data) {
        if (event instanceof DtmfReceived dtmf) {
            DtmfOperations.writeFields(dtmf, data);
            return true;
        }
        return BaseRtpOperations.writeEventFields(event, data) || WebRtcEventFields.write(event, data);
    }

    /** Stops the handshake pool {@link #forNode} made; a type built on a caller's context owns nothing. */
    @Override
    public void close() {
        if (ownedHandshakes != null) {
            ownedHandshakes.shutdownNow();
        }
    }
}
