package org.webims.interworking.media.inprocess;

import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.ims.profile.Leg;
import org.webims.interworking.media.CallMedia;
import org.webims.interworking.media.ImsDtmfListener;
import org.webims.interworking.media.LegRecordings;
import org.webims.interworking.media.MediaUnavailableException;
import org.webims.interworking.media.OfferDirections;
import org.webims.interworking.media.OfferedMedia;
import org.webims.interworking.media.SdpRejectedException;
import org.webims.media.endpoint.recorder.RecorderEndpoint;
import org.webims.media.endpoint.rtp.DtmfReceived;
import org.webims.media.endpoint.rtp.RtpEndpoint;
import org.webims.media.endpoint.rtp.RtpEndpointContext;
import org.webims.media.endpoint.rtp.SdpNegotiationException;
import org.webims.media.pipeline.MediaElement;
import org.webims.media.pipeline.MediaEngine;
import org.webims.media.pipeline.MediaLimitException;
import org.webims.media.pipeline.MediaPipeline;
import org.webims.media.pipeline.MediaType;
import org.webims.media.pipeline.event.MediaEvent;
import org.webims.media.recording.ContainerProfile;
import org.webims.media.sdp.MediaDescription;
import org.webims.media.sdp.SdpParseException;
import org.webims.media.sdp.SdpWarning;
import org.webims.media.sdp.SessionDescription;
import org.webims.media.sdp.bandwidth.SdpBandwidths;
import org.webims.webrtc.WebRtcEndpoint;
import org.webims.webrtc.WebRtcEndpointContext;
import org.webims.webrtc.WebRtcEndpointSettings;
import org.webims.webrtc.event.IceComponentStateChanged;
import org.webims.webrtc.event.PeerLeft;
import org.webims.webrtc.ice.IceState;
import org.webims.interworking.media.MediaLossListener;
import org.webims.webrtc.sdp.WebRtcSdpException;

/**
 * One call's pipeline: WebRtcEndpoint and RtpEndpoint connected both ways. The IMS leg is made
 * when the first offer shows which media the call has, so an audio-only browser offer becomes an
 * audio-only MTSI offer. An answer produced for one side is held until the other side's answer
 * arrives, then returned.
 */
final class InProcessCallMedia implements CallMedia {
    private static final Logger LOG = LoggerFactory.getLogger(InProcessCallMedia.class);

    private final MediaPipeline pipeline;
    private final WebRtcEndpoint web;
    private final RtpEndpointContext imsContext;
    private final SdpBandwidths imsBandwidths;
    private RtpEndpoint ims;
    private String pendingAnswer;
    private volatile ImsDtmfListener imsDtmf = ImsDtmfListener.IGNORE;
    private final java.util.List<RecorderEndpoint> recorders = new java.util.ArrayList<>(2);
    private final MediaLossListener onLoss;
    private volatile boolean released;

    private InProcessCallMedia(MediaPipeline pipeline, WebRtcEndpoint web, RtpEndpointContext imsContext,
            SdpBandwidths imsBandwidths, MediaLossListener onLoss) {
        this.pipeline = pipeline;
        this.web = web;
        this.imsContext = imsContext;
        this.imsBandwidths = imsBandwidths;
        this.onLoss = onLoss;
    }

    static InProcessCallMedia create(MediaEngine engine, WebRtcEndpointContext webContext, WebRtcEndpointSettings webSettings,
            RtpEndpointContext imsContext, SdpBandwidths imsBandwidths, MediaLossListener onLoss)
            throws MediaUnavailableException {
        MediaPipeline pipeline;
        try {
            pipeline = engine.createPipeline();
        } catch (MediaLimitException | IllegalStateException e) {
            throw new MediaUnavailableException(e.getMessage(), e);
        }
        try {
            WebRtcEndpoint web = new WebRtcEndpoint(pipeline, webContext, webSettings);
            LOG.atDebug().addKeyValue("pipeline", pipeline.id()).log("call media created");
            InProcessCallMedia media = new InProcessCallMedia(pipeline, web, imsContext, imsBandwidths, onLoss);
            web.addEventListener(media::webEvent);
            return media;
        } catch (IOException | RuntimeException e) {
            pipeline.release();
            throw new MediaUnavailableException("no port for the web leg: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized String webOffer(String webSdp) throws SdpRejectedException {
        String webAnswer;
        try {
            webAnswer = web.processOffer(webSdp);
        } catch (WebRtcSdpException e) {
            throw rejected(e);
        }
        boolean reOffer = ims != null;
        ensureImsLeg(webSdp);
        passDirections(webSdp);
        pendingAnswer = webAnswer;
        // a re-offer adds or drops media as the browser's does; the first one is made for them already
        return reOffer ? ims.generateOffer(OfferedMedia.carried(webSdp)) : ims.generateOffer();
    }

    @Override
    public synchronized String imsAnswer(String imsSdp) throws SdpRejectedException {
        try {
            ims.processAnswer(imsSdp);
        } catch (SdpNegotiationException e) {
            throw rejected(e);
        }
        return takePendingAnswer();
    }

    @Override
    public synchronized String imsOffer(String imsSdp) throws SdpRejectedException {
        ensureImsLeg(imsSdp);
        try {
            pendingAnswer = ims.processOffer(imsSdp);
        } catch (SdpNegotiationException e) {
            throw rejected(e);
        }
        return OfferDirections.carry(web.generateOffer(OfferedMedia.rejected(imsSdp)), imsSdp, true);
    }

    @Override
    public synchronized String webAnswer(String webSdp) throws SdpRejectedException {
        try {
            web.processAnswer(webSdp);
        } catch (WebRtcSdpException e) {
            throw rejected(e);
        }
        return takePendingAnswer();
    }

    @Override
    public synchronized void record(Leg leg, Path file, ContainerProfile container) throws MediaUnavailableException {
        MediaElement source = leg == Leg.WEB ? web : ims;
        if (source == null) {
            throw new MediaUnavailableException("no " + leg + " leg to record yet", null);
        }
        String local = leg == Leg.WEB ? web.getLocalSessionDescriptor() : ims.getLocalSessionDescriptor();
        String remote = leg == Leg.WEB ? web.getRemoteSessionDescriptor() : ims.getRemoteSessionDescriptor();
        try {
            RecorderEndpoint recorder = new RecorderEndpoint(pipeline, file, LegRecordings.profile(container, local, remote));
            source.connect(recorder);
            recorder.record();
            recorders.add(recorder);
        } catch (RuntimeException e) {
            throw new MediaUnavailableException("recorder for the " + leg + " leg: " + e.getMessage(), e);
        }
        LOG.atDebug().addKeyValue("leg", leg).addKeyValue("file", file).log("leg recorded");
    }

    /** Finalizes the recordings (on their writers' threads), then frees the pipeline. */
    @Override
    public void release() {
        java.util.List<RecorderEndpoint> started;
        synchronized (this) {
            started = java.util.List.copyOf(recorders);
            recorders.clear();
        }
        released = true; // our own release ends DTLS too: not the browser leaving
        started.forEach(RecorderEndpoint::stop);
        pipeline.release();
    }

    // the engine's event thread: the browser ended its peer connection on purpose (decision 0091), or its
    // ICE consent expired (RFC 7675 §5.1, decision 0093: FAILED comes only after the whole timeout)
    private void webEvent(MediaEvent event) {
        if (event instanceof IceComponentStateChanged ice && ice.state() == IceState.FAILED && !released) {
            onLoss.consentExpired(MediaLossListener.CONSENT_EXPIRED);
        } else if (event instanceof PeerLeft left && !released) {
            onLoss.browserLeft(switch (left.how()) {
                case DTLS_CLOSE_NOTIFY -> "The browser closed its peer connection (DTLS close_notify)";
                case DTLS_ALERT -> "The browser ended DTLS with an alert";
                case RTCP_BYE -> "The browser left the RTP session (RTCP BYE)";
            });
        }
    }

    @Override
    public synchronized boolean sendDtmfToIms(char digit, int durationMs) {
        return ims != null && ims.sendDtmf(digit, durationMs);
    }

    @Override
    public void onImsDtmf(ImsDtmfListener listener) {
        imsDtmf = listener;
    }

    // the engine's event thread: every IMS digit, relayed to the web leg as telephone-events or not
    private void imsEvent(MediaEvent event) {
        if (event instanceof DtmfReceived dtmf && dtmf.digit() != '?') {
            imsDtmf.digit(dtmf.digit(), dtmf.durationMs());
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

    /**
     * The directions of the web user's offer go on in the IMS offer (RFC 3264 §8.4: a=sendonly or
     * a=inactive puts the IMS party on hold, a=sendrecv resumes), so a hold passes through the call.
     */
    private void passDirections(String webSdp) {
        SessionDescription offer;
        try {
            offer = SessionDescription.parse(webSdp);
        } catch (SdpParseException e) {
            return; // the web leg took it, so it parses; nothing to pass otherwise
        }
        for (MediaDescription m : offer.media()) {
            MediaType type = "video".equals(m.media()) ? MediaType.VIDEO : "audio".equals(m.media()) ? MediaType.AUDIO : null;
            if (type != null) {
                ims.setDirection(type, offer.directionOf(m));
            }
        }
    }

    /** Makes the IMS leg with the media the first offer carries, and joins it to the web leg both ways. */
    private void ensureImsLeg(String offer) {
        if (ims != null) {
            return;
        }
        ims = new RtpEndpoint(pipeline, imsContext, MtsiRtpSettings.forFirstOffer(offer, imsBandwidths));
        web.connect(ims);
        ims.connect(web);
        ims.addEventListener(this::imsEvent);
    }

    private static SdpRejectedException rejected(SdpNegotiationException e) {
        return new SdpRejectedException(e.warning(SdpRejectedException.WARN_AGENT), e.getMessage(), e);
    }

    private static SdpRejectedException rejected(WebRtcSdpException e) {
        return new SdpRejectedException(SdpWarning.value(e.warnCode(), SdpRejectedException.WARN_AGENT, e.getMessage()),
                e.getMessage(), e);
    }
}
