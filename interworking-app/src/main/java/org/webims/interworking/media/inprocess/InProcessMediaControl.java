package org.webims.interworking.media.inprocess;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.webims.interworking.media.CallMedia;
import org.webims.interworking.media.MediaControl;
import org.webims.interworking.media.MediaLossListener;
import org.webims.interworking.media.MediaUnavailableException;
import org.webims.media.endpoint.rtp.RtpEndpointContext;
import org.webims.media.node.MediaNode;
import org.webims.media.sdp.bandwidth.SdpBandwidths;
import org.webims.webrtc.WebRtcEndpointContext;
import org.webims.webrtc.WebRtcEndpointSettings;
import org.webims.webrtc.dtls.DtlsCertificate;

/**
 * Media control over a {@link MediaNode} in this process: each call is a pipeline of a
 * {@code WebRtcEndpoint} (web leg) and an {@code RtpEndpoint} (IMS leg, {@link MtsiRtpSettings}).
 * Owns the DTLS certificate the web legs present and the threads their handshakes run on.
 */
public final class InProcessMediaControl implements MediaControl, AutoCloseable {

    private final MediaNode node;
    private final WebRtcEndpointContext webContext;
    private final RtpEndpointContext imsContext;
    private final ExecutorService handshakes;
    private final SdpBandwidths imsBandwidths;
    private final WebRtcEndpointSettings webSettings;

    public InProcessMediaControl(MediaNode node) {
        this(node, MtsiRtpSettings.bandwidths(null));
    }

    /** With the IMS leg's b= lines as the carrier profile sets them. */
    public InProcessMediaControl(MediaNode node, SdpBandwidths imsBandwidths) {
        this(node, imsBandwidths, WebRtcEndpointSettings.defaults());
    }

    /** With the web legs' settings too: their consent timeout ends a call whose browser went silent (decision 0093). */
    public InProcessMediaControl(MediaNode node, SdpBandwidths imsBandwidths, WebRtcEndpointSettings webSettings) {
        this.node = node;
        this.imsBandwidths = imsBandwidths;
        this.webSettings = java.util.Objects.requireNonNull(webSettings, "webSettings");
        AtomicInteger n = new AtomicInteger();
        this.handshakes = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "dtls-handshake-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.webContext = WebRtcEndpointContext.forNode(node, DtlsCertificate.generate(Duration.ofDays(30)), handshakes);
        this.imsContext = RtpEndpointContext.of(node);
    }

    /**
     * In-process media is lost only with the process itself; {@code onLoss} hears of the browser
     * leaving its peer connection ({@link MediaLossListener#browserLeft}, decision 0091) and of its
     * ICE consent expiring ({@link MediaLossListener#consentExpired}, decision 0093).
     */
    @Override
    public CallMedia createCall(MediaLossListener onLoss) throws MediaUnavailableException {
        return InProcessCallMedia.create(node.engine(), webContext, webSettings, imsContext, imsBandwidths, onLoss);
    }

    /** Calls in progress: pipelines alive on the node. */
    public int activeCalls() {
        return node.engine().pipelines().size();
    }

    /** Stops the handshake threads; the node is its owner's to close. */
    @Override
    public void close() {
        handshakes.shutdownNow();
    }
}
