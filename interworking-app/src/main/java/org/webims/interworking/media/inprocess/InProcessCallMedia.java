package org.webims.interworking.media.inprocess;

import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.interworking.media.CallMedia;
import org.webims.interworking.media.MediaUnavailableException;
import org.webims.interworking.media.SdpRejectedException;
import org.webims.media.endpoint.rtp.RtpEndpoint;
import org.webims.media.endpoint.rtp.RtpEndpointContext;
import org.webims.media.endpoint.rtp.SdpNegotiationException;
import org.webims.media.pipeline.MediaEngine;
import org.webims.media.pipeline.MediaLimitException;
import org.webims.media.pipeline.MediaPipeline;
import org.webims.webrtc.WebRtcEndpoint;
import org.webims.webrtc.WebRtcEndpointContext;
import org.webims.webrtc.WebRtcEndpointSettings;
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
    private RtpEndpoint ims;
    private String pendingAnswer;

    private InProcessCallMedia(MediaPipeline pipeline, WebRtcEndpoint web, RtpEndpointContext imsContext) {
        this.pipeline = pipeline;
        this.web = web;
        this.imsContext = imsContext;
    }

    static InProcessCallMedia create(MediaEngine engine, WebRtcEndpointContext webContext, RtpEndpointContext imsContext)
            throws MediaUnavailableException {
        MediaPipeline pipeline;
        try {
            pipeline = engine.createPipeline();
        } catch (MediaLimitException | IllegalStateException e) {
            throw new MediaUnavailableException(e.getMessage(), e);
        }
        try {
            WebRtcEndpoint web = new WebRtcEndpoint(pipeline, webContext, WebRtcEndpointSettings.defaults());
            LOG.atDebug().addKeyValue("pipeline", pipeline.id()).log("call media created");
            return new InProcessCallMedia(pipeline, web, imsContext);
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
        ensureImsLeg(webSdp);
        pendingAnswer = webAnswer;
        return ims.generateOffer();
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
        return web.generateOffer();
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
    public void release() {
        pipeline.release();
    }

    private String takePendingAnswer() {
        String answer = pendingAnswer;
        pendingAnswer = null;
        if (answer == null) {
            throw new IllegalStateException("an answer without an offer before it");
        }
        return answer;
    }

    /** Makes the IMS leg with the media the first offer carries, and joins it to the web leg both ways. */
    private void ensureImsLeg(String offer) {
        if (ims != null) {
            return;
        }
        ims = new RtpEndpoint(pipeline, imsContext, MtsiRtpSettings.forFirstOffer(offer));
        web.connect(ims);
        ims.connect(web);
    }

    private static SdpRejectedException rejected(SdpNegotiationException e) {
        return new SdpRejectedException(e.warning(SdpRejectedException.WARN_AGENT), e.getMessage(), e);
    }

    private static SdpRejectedException rejected(WebRtcSdpException e) {
        return SdpRejectedException.miscellaneous(e.getMessage(), e);
    }
}
