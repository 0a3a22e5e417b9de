package org.webims.webrtc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.webims.media.pipeline.FormatAdapterFactory;
import org.webims.media.pipeline.MediaPipeline;
import org.webims.media.pipeline.MediaType;
import org.webims.media.srtp.SrtpProfile;
import org.webims.webrtc.browser.HeadlessChromium;
import org.webims.webrtc.dtls.DtlsSession;
import org.webims.webrtc.event.DtlsConnectionStateChange;

/**
 * A stock headless Chromium against a WebRtcEndpoint connected to itself, on AES-GCM SRTP (RFC 7714).
 * Chromium 156 offers SRTP_AES128_CM_HMAC_SHA1_80, then both GCM profiles, by default (libwebrtc's
 * CryptoOptions.srtp.enable_gcm_crypto_suites is true; the old --enable-webrtc-srtp-aes-gcm switch is
 * gone from it: decision 0076). RFC 5764 §4.1.1: the DTLS server chooses from the client's use_srtp
 * list, so as server we choose by our order (GCM first) and as client we take the browser's choice.
 */
class WebRtcEndpointGcmBrowserTest {

    BrowserBed bed;
    HeadlessChromium chrome;
    WebRtcEndpoint endpoint;

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(HeadlessChromium.installed(), "bin/setup installs Debian's chromium");
        bed = new BrowserBed(FormatAdapterFactory.NONE);
        chrome = bed.chrome();
        MediaPipeline pipeline = bed.pipeline();
        endpoint = bed.webRtcEndpoint(pipeline);
        endpoint.connect(endpoint);
    }

    @AfterEach
    void tearDown() {
        if (bed != null) {
            bed.close();
        }
    }

    @Test
    void asTheDtlsServerWeChooseAes128GcmFromTheBrowsersOfferAndMediaFlowsBothWays() throws Exception {
        // our offer says actpass; Chromium answers active (RFC 8842 §5.3), so it is the DTLS client
        endpoint.processAnswer(chrome.call("answerOffer", endpoint.generateOffer(), true, true));
        bed.awaitEvent(DtlsConnectionStateChange.class, e -> e.state() == DtlsSession.State.CONNECTED);
        assertEquals(DtlsSession.Role.SERVER, endpoint.dtlsRole());
        int[] offered = endpoint.peerOfferedSrtpProfiles();
        assertTrue(contains(offered, SrtpProfile.AEAD_AES_128_GCM.dtlsProfileId()),
                "AEAD_AES_128_GCM in the browser's use_srtp: " + Arrays.toString(offered));
        assertEquals(SrtpProfile.AEAD_AES_128_GCM, endpoint.srtpProfile(),
                "our first preference among " + Arrays.toString(offered));

        JsonNode t = chrome.pollJson("transport()", s -> s.path("dtlsState").asText().equals("connected"),
                BrowserBed.MEDIA_WAIT);
        assertEquals(SrtpProfile.AEAD_AES_128_GCM.dtlsName(), t.path("srtpCipher").asText(), "the browser's transport: " + t);
        assertEquals("client", t.path("dtlsRole").asText(), t.toString());
        assertMediaFlowsBothWaysAuthenticated();
    }

    @Test
    void asTheDtlsClientWeTakeTheProfileTheBrowserChoseAndMediaFlowsBothWays() throws Exception {
        // the browser offers actpass; we answer active (RFC 8842 §5.3) and offer GCM first. Chromium 156
        // as server picks its own first, AES-CM (libwebrtc lists GCM after it for its longer tag).
        chrome.call("acceptAnswer", endpoint.processOffer(chrome.call("makeOffer", true, true, "VP8")));
        bed.awaitEvent(DtlsConnectionStateChange.class, e -> e.state() == DtlsSession.State.CONNECTED);
        assertEquals(DtlsSession.Role.CLIENT, endpoint.dtlsRole());

        JsonNode t = chrome.pollJson("transport()", s -> s.path("dtlsState").asText().equals("connected"),
                BrowserBed.MEDIA_WAIT);
        assertEquals("server", t.path("dtlsRole").asText(), t.toString());
        SrtpProfile ours = endpoint.srtpProfile();
        assertTrue(ours == SrtpProfile.AEAD_AES_128_GCM || ours == SrtpProfile.AES_CM_128_HMAC_SHA1_80,
                "a profile we offered: " + ours);
        assertEquals(ours.dtlsName(), t.path("srtpCipher").asText(), "both ends name one profile: " + t);
        assertMediaFlowsBothWaysAuthenticated();
    }

    private void assertMediaFlowsBothWaysAuthenticated() throws Exception {
        JsonNode stats = chrome.pollJson("inbound()", WebRtcEndpointBrowserTest::flowing, BrowserBed.MEDIA_WAIT);
        assertTrue(WebRtcEndpointBrowserTest.flowing(stats), "frames decoded and audio heard back: " + stats);
        assertTrue(endpoint.sourcePad(MediaType.AUDIO).counters().packets() > 50, "the browser's audio reached us");
        assertTrue(endpoint.sourcePad(MediaType.VIDEO).counters().packets() > 20, "the browser's video reached us");
        assertEquals(0, endpoint.mediaStats().droppedUnprotect(), "every SRTP packet authenticated");
        assertEquals(0, endpoint.mediaStats().srtpAuthFailed(), "no authentication failure");
    }

    static boolean contains(int[] ids, int id) {
        return Arrays.stream(ids).anyMatch(i -> i == id);
    }
}
