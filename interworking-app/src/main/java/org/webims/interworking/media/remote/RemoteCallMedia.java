package org.webims.interworking.media.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.ims.profile.Leg;
import org.webims.interworking.media.CallMedia;
import org.webims.interworking.media.ImsDtmfListener;
import org.webims.interworking.media.OfferDirections;
import org.webims.interworking.media.OfferedMedia;
import org.webims.media.pipeline.MediaType;
import org.webims.interworking.media.LegRecordings;
import org.webims.interworking.media.MediaLossListener;
import org.webims.interworking.media.MediaUnavailableException;
import org.webims.interworking.media.SdpRejectedException;
import org.webims.interworking.media.inprocess.MtsiRtpSettings;
import org.webims.media.kurento.objects.RtpSettingsJson;
import org.webims.media.kurento.rpc.Json;
import org.webims.media.recording.ContainerProfile;
import org.webims.media.sdp.bandwidth.SdpBandwidths;

/**
 * One call's pipeline on a remote media node, the same as the in-process one: a WebRtcEndpoint and,
 * once the first offer shows the call's media, an RtpEndpoint with {@link MtsiRtpSettings},
 * connected both ways. An answer produced for one side is held until the other side answers.
 * A node that fails mid-operation refuses the description (the call cannot go on) and the loss is
 * reported to the call's {@link MediaLossListener} when the connection is gone for good.
 */
final class RemoteCallMedia implements CallMedia {
    private static final Logger LOG = LoggerFactory.getLogger(RemoteCallMedia.class);
    /** A DtmfReceived without durationMillis (a node older than the field): a short press. */
    private static final int NO_DURATION_MS = 100;

    private final RemoteMediaNode node;
    private final KurentoRpcClient client;
    private final String pipeline;
    private final String web;
    private final MediaLossListener onLoss;
    private final AtomicBoolean ended = new AtomicBoolean();
    private final SdpBandwidths imsBandwidths;
    private String ims;
    private String pendingAnswer;
    private volatile ImsDtmfListener imsDtmf = ImsDtmfListener.IGNORE;

    private RemoteCallMedia(RemoteMediaNode node, KurentoRpcClient client, String pipeline, String web,
                            MediaLossListener onLoss, SdpBandwidths imsBandwidths) {
        this.imsBandwidths = imsBandwidths;
        this.node = node;
        this.client = client;
        this.pipeline = pipeline;
        this.web = web;
        this.onLoss = onLoss;
    }

    /** Creates the pipeline and the web leg on {@code node}; IOException when the node is unreachable or lost. */
    static RemoteCallMedia create(RemoteMediaNode node, MediaLossListener onLoss, SdpBandwidths imsBandwidths)
            throws IOException, MediaUnavailableException {
        KurentoRpcClient client = node.client();
        String pipeline;
        try {
            pipeline = client.call("create", Json.MAPPER.createObjectNode().put("type", "MediaPipeline")).path("value")
                    .asText();
        } catch (KurentoRpcException e) {
            throw new MediaUnavailableException("media node " + node.uri() + " refused a pipeline: " + e.getMessage(), e);
        }
        try {
            ObjectNode params = Json.MAPPER.createObjectNode().put("type", "WebRtcEndpoint");
            params.putObject("constructorParams").put("mediaPipeline", pipeline);
            String web = client.call("create", params).path("value").asText();
            RemoteCallMedia call = new RemoteCallMedia(node, client, pipeline, web, onLoss, imsBandwidths);
            client.onEvents(web, call::webEvent);
            // beyond Kurento: the node's WebRtcEndpoint says when the browser left on purpose (decision 0091)
            client.call("subscribe", Json.MAPPER.createObjectNode().put("object", web).put("type", "PeerLeft"));
            // the node's ICE consent expiry ends the call as in process (decision 0093)
            client.call("subscribe", Json.MAPPER.createObjectNode().put("object", web).put("type", "IceComponentStateChanged"));
            node.added(call, client);
            LOG.atDebug().addKeyValue("node", node.uri()).addKeyValue("pipeline", pipeline).log("call media created");
            return call;
        } catch (KurentoRpcException | IOException e) {
            releaseQuietly(client, pipeline);
            if (e instanceof IOException io) {
                throw io;
            }
            throw new MediaUnavailableException("media node " + node.uri() + " refused the web leg: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized String webOffer(String webSdp) throws SdpRejectedException {
        String webAnswer = sdp(web, "processOffer", "offer", webSdp);
        boolean reOffer = ims != null;
        ensureImsLeg(webSdp);
        pendingAnswer = webAnswer;
        // the node's RtpEndpoint writes sendrecv offers: the web user's hold goes on in the SDP; a
        // re-offer adds or drops media as the browser's does (Kurento OfferOptions)
        String offer = reOffer ? offer(ims, OfferedMedia.carried(webSdp)) : sdp(ims, "generateOffer", null, null);
        return OfferDirections.carry(offer, webSdp, false);
    }

    @Override
    public synchronized String imsAnswer(String imsSdp) throws SdpRejectedException {
        sdp(ims, "processAnswer", "answer", imsSdp);
        return takePendingAnswer();
    }

    @Override
    public synchronized String imsOffer(String imsSdp) throws SdpRejectedException {
        ensureImsLeg(imsSdp);
        pendingAnswer = sdp(ims, "processOffer", "offer", imsSdp);
        java.util.Set<MediaType> offered = java.util.EnumSet.of(MediaType.AUDIO, MediaType.VIDEO);
        offered.removeAll(OfferedMedia.rejected(imsSdp)); // what the IMS side dropped is dropped toward the browser
        return OfferDirections.carry(offer(web, offered), imsSdp, true);
    }

    @Override
    public synchronized String webAnswer(String webSdp) throws SdpRejectedException {
        sdp(web, "processAnswer", "answer", webSdp);
        return takePendingAnswer();
    }

    /**
     * A Kurento RecorderEndpoint on the node's pipeline, fed by the leg's endpoint; the node
     * finalizes the file when the pipeline is released.
     */
    @Override
    public synchronized void record(Leg leg, Path file,
                                    ContainerProfile container) throws MediaUnavailableException {
        String source = leg == Leg.WEB ? web : ims;
        if (source == null) {
            throw new MediaUnavailableException("no " + leg + " leg to record yet", null);
        }
        try {
            String local = sdp(source, "getLocalSessionDescriptor", null, null);
            String remote = sdp(source, "getRemoteSessionDescriptor", null, null);
            ObjectNode params = Json.MAPPER.createObjectNode().put("type", "RecorderEndpoint");
            params.putObject("constructorParams").put("mediaPipeline", pipeline)
                    .put("uri", file.toAbsolutePath().toUri().toString())
                    .put("mediaProfile", LegRecordings.profile(container, local, remote).name());
            String recorder = client.call("create", params).path("value").asText();
            connect(source, recorder);
            client.call("invoke", Json.MAPPER.createObjectNode().put("object", recorder).put("operation", "record"));
        } catch (KurentoRpcException | IOException | SdpRejectedException e) {
            throw new MediaUnavailableException("recorder for the " + leg + " leg: " + e.getMessage(), e);
        }
    }

    /** Releases the pipeline (and with it both legs); idempotent, and quiet when the node is gone. */
    @Override
    public void release() {
        if (ended.compareAndSet(false, true)) {
            node.ended(this);
            client.forgetEvents(web);
            String rtp = imsLeg();
            if (rtp != null) {
                client.forgetEvents(rtp);
            }
            if (!client.isLost()) {
                releaseQuietly(client, pipeline);
            }
        }
    }

    private synchronized String imsLeg() {
        return ims;
    }

    /** The node is lost: the call is over here and its owner told (once). */
    void lost(String reason) {
        if (ended.compareAndSet(false, true)) {
            onLoss.mediaLost(reason);
        }
    }

    @Override
    public synchronized String answerInProgress() {
        if (pendingAnswer == null) {
            throw new IllegalStateException("no offer pending");
        }
        return pendingAnswer;
    }

    private String takePendingAnswer() {
        String answer = pendingAnswer;
        pendingAnswer = null;
        if (answer == null) {
            throw new IllegalStateException("an answer without an offer before it");
        }
        return answer;
    }

    /** The node's RtpEndpoint sends it ({@code sendDtmf}, beyond Kurento, decision 0016). */
    @Override
    public synchronized boolean sendDtmfToIms(char digit, int durationMs) {
        if (ims == null) {
            return false;
        }
        ObjectNode params = Json.MAPPER.createObjectNode().put("object", ims).put("operation", "sendDtmf");
        params.putObject("operationParams").put("digit", String.valueOf(digit)).put("durationMillis", durationMs);
        try {
            return client.call("invoke", params).path("value").asBoolean(false);
        } catch (KurentoRpcException | IOException e) {
            LOG.atDebug().addKeyValue("node", node.uri()).addKeyValue("error", e.getMessage()).log("sendDtmf failed");
            return false;
        }
    }

    @Override
    public void onImsDtmf(ImsDtmfListener listener) {
        imsDtmf = listener;
    }

    // the socket's thread: the browser ended its peer connection (decision 0091); not once the call released its media
    private void webEvent(JsonNode value) {
        String type = value.path("type").asText();
        if ("IceComponentStateChanged".equals(type) && "FAILED".equals(value.path("data").path("state").asText())
                && !ended.get()) {
            onLoss.consentExpired(MediaLossListener.CONSENT_EXPIRED);
        } else if ("PeerLeft".equals(type) && !ended.get()) {
            String how = value.path("data").path("how").asText("");
            onLoss.browserLeft(switch (how) {
                case "DTLS_CLOSE_NOTIFY" -> "The browser closed its peer connection (DTLS close_notify)";
                case "RTCP_BYE" -> "The browser left the RTP session (RTCP BYE)";
                default -> "The browser ended DTLS with an alert";
            });
        }
    }

    // the socket's thread: the IMS leg's DtmfReceived, relayed by the node as telephone-events or not
    private void imsEvent(JsonNode value) {
        JsonNode data = value.path("data");
        String digit = data.path("digit").asText("");
        if ("DtmfReceived".equals(value.path("type").asText())
                && digit.length() == 1 && digit.charAt(0) != '?') {
            imsDtmf.digit(digit.charAt(0), data.path("durationMillis").asInt(NO_DURATION_MS));
        }
    }

    /** Makes the IMS leg with the media the first offer carries, and joins it to the web leg both ways. */
    private void ensureImsLeg(String offer) throws SdpRejectedException {
        if (ims != null) {
            return;
        }
        try {
            ObjectNode params = Json.MAPPER.createObjectNode().put("type", "RtpEndpoint");
            ObjectNode constructor = params.putObject("constructorParams").put("mediaPipeline", pipeline);
            constructor.set(RtpSettingsJson.PARAMETER, RtpSettingsJson.write(MtsiRtpSettings.forFirstOffer(offer, imsBandwidths)));
            String rtp = client.call("create", params).path("value").asText();
            connect(web, rtp);
            connect(rtp, web);
            client.onEvents(rtp, this::imsEvent);
            client.call("subscribe", Json.MAPPER.createObjectNode().put("object", rtp).put("type", "DtmfReceived"));
            ims = rtp;
        } catch (KurentoRpcException | IOException e) {
            throw SdpRejectedException.miscellaneous("no IMS leg on the media node: " + e.getMessage(), e);
        }
    }

    private void connect(String source, String sink) throws KurentoRpcException, IOException {
        ObjectNode params = Json.MAPPER.createObjectNode().put("object", source).put("operation", "connect");
        params.putObject("operationParams").put("sink", sink);
        client.call("invoke", params);
    }

    /** An SDP operation on an endpoint; the node's refusal, or its loss, refuses the description. */
    /** The endpoint's generateOffer with Kurento OfferOptions asking for {@code media}. */
    private String offer(String endpoint, java.util.Set<MediaType> media) throws SdpRejectedException {
        ObjectNode params = Json.MAPPER.createObjectNode().put("object", endpoint).put("operation", "generateOffer");
        params.putObject("operationParams").putObject("options")
                .put("offerToReceiveAudio", media.contains(MediaType.AUDIO))
                .put("offerToReceiveVideo", media.contains(MediaType.VIDEO));
        return invokeForSdp(params);
    }

    private String sdp(String endpoint, String operation, String name, String description) throws SdpRejectedException {
        ObjectNode params = Json.MAPPER.createObjectNode().put("object", endpoint).put("operation", operation);
        ObjectNode operationParams = params.putObject("operationParams");
        if (name != null) {
            operationParams.put(name, description);
        }
        return invokeForSdp(params);
    }

    private String invokeForSdp(ObjectNode params) throws SdpRejectedException {
        try {
            JsonNode value = client.call("invoke", params).path("value");
            return value.asText();
        } catch (KurentoRpcException e) {
            throw SdpRejectedException.miscellaneous(e.getMessage(), e);
        } catch (IOException e) {
            throw SdpRejectedException.miscellaneous("media node failed: " + e.getMessage(), e);
        }
    }

    private static void releaseQuietly(KurentoRpcClient client, String pipeline) {
        try {
            client.call("release", Json.MAPPER.createObjectNode().put("object", pipeline));
        } catch (KurentoRpcException | IOException e) {
            // the node releases a session's objects after its timeout anyway
            LOG.atDebug().addKeyValue("pipeline", pipeline).addKeyValue("error", e.getMessage()).log("release failed");
        }
    }
}
