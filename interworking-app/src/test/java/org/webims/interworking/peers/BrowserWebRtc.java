package org.webims.interworking.peers;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.webims.media.node.MediaNode;
import org.webims.media.pipeline.MediaPipeline;
import org.webims.webrtc.WebRtcEndpoint;
import org.webims.webrtc.WebRtcEndpointContext;
import org.webims.webrtc.WebRtcEndpointSettings;
import org.webims.webrtc.dtls.DtlsCertificate;

/**
 * A stand-in for the browser's WebRTC stack (no browser in these tests; test-ims runs Chromium):
 * our own WebRtcEndpoint, on a pipeline of its own, answers the WebRTC offer the application
 * sends the web user, with real ICE credentials, DTLS fingerprint and BUNDLE.
 */
public final class BrowserWebRtc implements AutoCloseable {
    private final ExecutorService handshakes = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "browser-dtls");
        t.setDaemon(true);
        return t;
    });
    private final MediaPipeline pipeline;
    private final WebRtcEndpoint endpoint;

    public BrowserWebRtc(MediaNode node) throws Exception {
        pipeline = node.engine().createPipeline();
        WebRtcEndpointContext context = new WebRtcEndpointContext(node.webPorts(), node.io(),
                DtlsCertificate.generate(Duration.ofDays(1)), handshakes, Optional.empty());
        endpoint = new WebRtcEndpoint(pipeline, context, WebRtcEndpointSettings.defaults());
    }

    /** The browser's answer to {@code offer} (CRLF line ends, as a SIP body). */
    public String answer(String offer) throws Exception {
        return endpoint.processOffer(offer);
    }

    @Override
    public void close() {
        pipeline.release();
        handshakes.shutdownNow();
    }
}
