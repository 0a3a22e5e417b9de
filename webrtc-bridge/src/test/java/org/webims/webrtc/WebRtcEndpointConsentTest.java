package org.webims.webrtc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.webims.media.pipeline.FormatAdapterFactory;
import org.webims.media.pipeline.MediaFormat;
import org.webims.media.pipeline.MediaPipeline;
import org.webims.media.pipeline.MediaType;
import org.webims.webrtc.event.IceComponentStateChanged;
import org.webims.webrtc.ice.IceState;

/**
 * Consent freshness (RFC 7675) at the endpoint: a scripted peer (real ICE check, DTLS-SRTP) that
 * stops sending checks loses our media once the consent timeout passes, and gets it back with a
 * fresh check.
 */
class WebRtcEndpointConsentTest {

    static final MediaFormat OPUS = MediaFormat.audio("opus", 48_000, 2);
    static final Duration CONSENT = Duration.ofSeconds(2);

    BrowserBed bed;
    ScriptedBrowser peer;

    @AfterEach
    void tearDown() throws Exception {
        if (peer != null) {
            peer.close();
        }
        if (bed != null) {
            bed.close();
        }
    }

    @Test
    void aPeerThatStopsCheckingLosesOurMediaAfterTheConsentTimeoutAndAFreshCheckBringsItBack() throws Exception {
        bed = new BrowserBed(FormatAdapterFactory.NONE);
        MediaPipeline pipeline = bed.pipeline();
        WebRtcEndpointSettings d = WebRtcEndpointSettings.defaults();
        WebRtcEndpoint endpoint = bed.webRtcEndpoint(pipeline, new WebRtcEndpointSettings(CONSENT,
                d.handshakeTimeout(), d.maxVideoBitrate(), d.keyframeRequestInterval(), d.offerAudio(),
                d.offerVideo(), d.sendBitrate()));
        TestElement element = new TestElement(pipeline);
        element.connect(endpoint, MediaType.AUDIO);
        peer = new ScriptedBrowser();
        bed.connectScripted(endpoint, peer);

        int seq = 0;
        element.send(OPUS, new byte[] {1, 2, 3}, seq, 0);
        peer.next(r -> true);

        // RFC 7675 §5.1: no check within the consent timeout, and we stop sending.
        bed.awaitEvent(IceComponentStateChanged.class, e -> e.element() == endpoint && e.state() == IceState.FAILED);
        peer.rtp.clear();
        for (seq = 1; seq <= 10; seq++) {
            element.send(OPUS, new byte[] {4, 5, 6}, seq, 960L * seq);
        }
        assertNull(peer.rtp.poll(1, TimeUnit.SECONDS), "nothing sent once consent expired");
        assertEquals(11, endpoint.sinkPad(MediaType.AUDIO).counters().packets(), "the pipeline still fed us");

        peer.refreshConsent();
        assertTrue(BrowserBed.eventually(() -> endpoint.iceState() == IceState.CONNECTED), "a valid check renews consent");
        element.send(OPUS, new byte[] {7, 8, 9}, seq, 960L * seq);
        ScriptedBrowser.Rtp back = peer.next(r -> true);
        assertTrue(back.payload().length == 3 && back.payload()[0] == 7, "media again after a fresh check");
    }
}
