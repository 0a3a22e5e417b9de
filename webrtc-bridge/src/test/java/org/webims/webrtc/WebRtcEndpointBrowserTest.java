package org.webims.webrtc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.webims.media.pipeline.FormatAdapterFactory;
import org.webims.media.pipeline.MediaPipeline;
import org.webims.media.pipeline.MediaType;
import org.webims.media.pipeline.event.MediaErrorEvent;
import org.webims.media.pipeline.event.MediaEvent;
import org.webims.media.srtp.SrtpProfile;
import org.webims.webrtc.browser.HeadlessChromium;
import org.webims.webrtc.dtls.DtlsCertificate;
import org.webims.webrtc.dtls.DtlsSession;
import org.webims.webrtc.event.DtlsConnectionStateChange;
import org.webims.webrtc.event.IceCandidateFound;
import org.webims.webrtc.event.IceGatheringDone;
import org.webims.webrtc.event.NewCandidatePairSelected;

/**
 * A real headless Chromium with its own RTCPeerConnection against a WebRtcEndpoint on
 * 127.0.0.1: the endpoint is connected to itself, so what the browser sends comes back to it.
 */
class WebRtcEndpointBrowserTest {

    BrowserBed bed;
    HeadlessChromium chrome;
    MediaPipeline pipeline;
    WebRtcEndpoint endpoint;

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(HeadlessChromium.installed(), "bin/setup installs Debian's chromium");
        bed = new BrowserBed(FormatAdapterFactory.NONE);
        chrome = bed.chrome();
        pipeline = bed.pipeline();
        endpoint = bed.webRtcEndpoint(pipeline);
    }

    @AfterEach
    void tearDown() {
        if (bed != null) {
            bed.close();
        }
    }

    <T extends MediaEvent> T awaitEvent(Class<T> type, Predicate<T> test) throws InterruptedException {
        return bed.awaitEvent(type, test);
    }

    void connectBrowser(String videoCodec) throws Exception {
        endpoint.connect(endpoint);
        String offer = chrome.call("makeOffer", true, true, videoCodec);
        String answer = endpoint.processOffer(offer);
        endpoint.gatherCandidates();
        chrome.call("acceptAnswer", answer);
        awaitEvent(DtlsConnectionStateChange.class, e -> e.state() == DtlsSession.State.CONNECTED);
    }

    static boolean isOwnAddress(String hostPort) {
        try {
            InetAddress a = InetAddress.getByName(hostPort.substring(0, hostPort.lastIndexOf(':')));
            return a.isLoopbackAddress() || java.net.NetworkInterface.getByInetAddress(a) != null;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    static boolean flowing(JsonNode s) {
        return s.path("videoFrames").asInt() > 20 && s.path("audioPackets").asInt() > 50
                && s.path("peak").asDouble() > 0.1;
    }

    @Test
    void browserOpusAndVp8LoopBackThroughTheEndpoint() throws Exception {
        connectBrowser("VP8");
        JsonNode stats = chrome.pollJson("inbound()", WebRtcEndpointBrowserTest::flowing, BrowserBed.MEDIA_WAIT);
        assertTrue(stats.path("videoFrames").asInt() > 20, "browser decoded our video: " + stats + chrome.log());
        assertTrue(stats.path("audioPackets").asInt() > 50, "browser received our audio: " + stats);
        assertTrue(stats.path("peak").asDouble() > 0.1, "the beep came back audible: " + stats);
        assertEquals("video/VP8", stats.path("videoCodec").asText());
        assertEquals("audio/opus", stats.path("audioCodec").asText());
        assertTrue(endpoint.sourcePad(MediaType.AUDIO).counters().packets() > 50);
        assertTrue(endpoint.sourcePad(MediaType.VIDEO).counters().packets() > 20);
        awaitEvent(IceCandidateFound.class, e -> e.candidate().candidate().contains("127.0.0.1 " + endpoint.localPort()));
        awaitEvent(IceGatheringDone.class, e -> true);
        // Chromium also checks from the machine's other addresses; all of them reach us over lo.
        awaitEvent(NewCandidatePairSelected.class, e -> isOwnAddress(e.candidatePair().remoteCandidate()));
        assertEquals(0, endpoint.mediaStats().droppedUnprotect(), "every SRTP packet authenticated");
        assertTrue(endpoint.mediaStats().rtcpSent() > 0, "receiver reports, REMB and transport-cc went out");
    }

    /**
     * RFC 8827 §6.5: DTLS 1.2 with an ECDHE-ECDSA suite. The browser offers actpass and we answer
     * passive (RFC 5763 §5, decision 0085), so Chromium is the DTLS client and we, the server, choose
     * the SRTP profile (RFC 5764 §4.1.1): AEAD_AES_128_GCM. As the server Chromium 156 would have
     * taken AES-CM, which libwebrtc lists before its GCM suites.
     */
    @Test
    void theBrowsersOwnOfferGetsDtls12WithAnEcdsaSuiteAndAes128GcmWeChoose() throws Exception {
        connectBrowser("VP8");
        JsonNode t = chrome.pollJson("transport()", s -> s.path("dtlsState").asText().equals("connected"),
                BrowserBed.MEDIA_WAIT);
        assertEquals("FEFD", t.path("tlsVersion").asText(), "DTLS 1.2 (RFC 6347 §4.1): " + t);
        assertTrue(t.path("dtlsCipher").asText().startsWith("TLS_ECDHE_ECDSA_"), t.toString());
        assertEquals(DtlsSession.Role.SERVER, endpoint.dtlsRole());
        assertEquals("client", t.path("dtlsRole").asText(), t.toString());
        assertEquals(SrtpProfile.AEAD_AES_128_GCM, endpoint.srtpProfile(),
                "our first preference among " + java.util.Arrays.toString(endpoint.peerOfferedSrtpProfiles()));
        assertEquals("SRTP_AEAD_AES_128_GCM", t.path("srtpCipher").asText(), "one profile at both ends: " + t);
        assertMediaFlowsBothWaysAuthenticated();
    }

    /**
     * RFC 7714 with a browser: we offer (actpass), Chromium answers active and is the DTLS client. Stock
     * Chromium 156 offers AES-CM-80, AES-256-GCM and AES-128-GCM in its use_srtp (libwebrtc's GCM suites
     * are on by default; decision 0076), and we choose by our order, AES-128-GCM.
     */
    @Test
    void asTheDtlsServerWeChooseAes128GcmFromTheBrowsersOfferAndMediaFlowsBothWays() throws Exception {
        endpoint.connect(endpoint);
        endpoint.processAnswer(chrome.call("answerOffer", endpoint.generateOffer(), true, true));
        awaitEvent(DtlsConnectionStateChange.class, e -> e.state() == DtlsSession.State.CONNECTED);
        assertEquals(DtlsSession.Role.SERVER, endpoint.dtlsRole());
        int[] offered = endpoint.peerOfferedSrtpProfiles();
        assertTrue(java.util.Arrays.stream(offered).anyMatch(id -> id == SrtpProfile.AEAD_AES_128_GCM.dtlsProfileId()),
                "AEAD_AES_128_GCM in the browser's use_srtp: " + java.util.Arrays.toString(offered));
        assertEquals(SrtpProfile.AEAD_AES_128_GCM, endpoint.srtpProfile(),
                "our first preference among " + java.util.Arrays.toString(offered));
        JsonNode t = chrome.pollJson("transport()", s -> s.path("dtlsState").asText().equals("connected"),
                BrowserBed.MEDIA_WAIT);
        assertEquals("SRTP_AEAD_AES_128_GCM", t.path("srtpCipher").asText(), "the browser's transport: " + t);
        assertEquals("client", t.path("dtlsRole").asText(), t.toString());
        assertMediaFlowsBothWaysAuthenticated();
    }

    private void assertMediaFlowsBothWaysAuthenticated() throws Exception {
        JsonNode stats = chrome.pollJson("inbound()", WebRtcEndpointBrowserTest::flowing, BrowserBed.MEDIA_WAIT);
        assertTrue(flowing(stats), "frames decoded and audio heard back: " + stats);
        assertTrue(endpoint.sourcePad(MediaType.AUDIO).counters().packets() > 50, "the browser's audio reached us");
        assertTrue(endpoint.sourcePad(MediaType.VIDEO).counters().packets() > 20, "the browser's video reached us");
        assertEquals(0, endpoint.mediaStats().droppedUnprotect(), "every SRTP packet authenticated");
        assertEquals(0, endpoint.mediaStats().srtpAuthFailed(), "no authentication failure");
    }

    @Test
    void browserOfferingOnlyH264GetsItsVideoBack() throws Exception {
        connectBrowser("H264");
        JsonNode stats = chrome.pollJson("inbound()", WebRtcEndpointBrowserTest::flowing, BrowserBed.MEDIA_WAIT);
        assertEquals("video/H264", stats.path("videoCodec").asText(), stats.toString());
        assertTrue(stats.path("videoFrames").asInt() > 20, "browser decoded our H.264: " + stats);
        assertTrue(stats.path("audioPackets").asInt() > 50, "browser received our audio: " + stats);
        assertTrue(endpoint.sourcePad(MediaType.VIDEO).counters().packets() > 20);
        assertEquals("H264", endpoint.sourcePad(MediaType.VIDEO).format().encoding());
    }

    @Test
    void wrongFingerprintFailsDtlsWithAnErrorAndNoMediaFlows() throws Exception {
        endpoint.connect(endpoint);
        String offer = chrome.call("makeOffer", true, true, "VP8");
        String wrong = DtlsCertificate.generate(Duration.ofDays(1)).fingerprint();
        String forged = offer.replaceAll("a=fingerprint:[^\\r\\n]+", "a=fingerprint:" + wrong);
        assertTrue(!forged.equals(offer), "the offer had a fingerprint to replace");
        chrome.call("acceptAnswer", endpoint.processOffer(forged));
        awaitEvent(DtlsConnectionStateChange.class, e -> e.state() == DtlsSession.State.FAILED);
        MediaErrorEvent error = awaitEvent(MediaErrorEvent.class, e -> e.errorType().equals("DTLS_FAILED"));
        assertTrue(error.description().contains("bad_certificate"), error.description());
        JsonNode browser = chrome.pollJson("inbound()", s -> s.path("state").asText().equals("failed"), BrowserBed.MEDIA_WAIT);
        assertEquals("failed", browser.path("state").asText(), "the browser saw the alert too: " + browser);
        assertEquals(0, endpoint.sourcePad(MediaType.AUDIO).counters().packets());
        assertEquals(0, endpoint.sourcePad(MediaType.VIDEO).counters().packets());
        assertEquals(0, endpoint.mediaStats().audioSent() + endpoint.mediaStats().videoSent());
        assertEquals(0, browser.path("audioPackets").asInt() + browser.path("videoPackets").asInt());
    }

    @Test
    void addingVideoToAnAudioCallAndRestartingIceKeepThePortAndTheMedia() throws Exception {
        endpoint.connect(endpoint);
        String answer = endpoint.processOffer(chrome.call("makeOffer", true, false, "VP8"));
        chrome.call("acceptAnswer", answer);
        awaitEvent(DtlsConnectionStateChange.class, e -> e.state() == DtlsSession.State.CONNECTED);
        JsonNode audioOnly = chrome.pollJson("inbound()", s -> s.path("audioPackets").asInt() > 50, BrowserBed.MEDIA_WAIT);
        assertTrue(audioOnly.path("audioPackets").asInt() > 50, audioOnly.toString());
        int port = endpoint.localPort();

        String withVideo = endpoint.processOffer(chrome.call("addVideoAndReoffer"));
        assertTrue(withVideo.contains("m=video " + port + " "), "video bundled on the same port: " + withVideo);
        chrome.call("acceptAnswer", withVideo);
        JsonNode video = chrome.pollJson("inbound()", WebRtcEndpointBrowserTest::flowing, BrowserBed.MEDIA_WAIT);
        assertTrue(video.path("videoFrames").asInt() > 20, "video after renegotiation: " + video);

        String ufragBefore = endpoint.iceCredentials().ufrag();
        String restarted = endpoint.processOffer(chrome.call("restartIce"));
        long restartedAt = System.nanoTime(); // from here a check under the old credentials gets 401 and counts nowhere
        String ufragAfter = endpoint.iceCredentials().ufrag();
        assertTrue(!ufragAfter.equals(ufragBefore), "ICE restart gives us new credentials");
        assertTrue(restarted.contains("a=ice-ufrag:" + ufragAfter));
        assertTrue(restarted.contains("m=audio " + port + " ") && restarted.contains("m=video " + port + " "));
        chrome.call("acceptAnswer", restarted);
        int framesBefore = chrome.pollJson("inbound()", s -> true, BrowserBed.MEDIA_WAIT).path("videoFrames").asInt();
        JsonNode after = chrome.pollJson("inbound()", s -> s.path("videoFrames").asInt() > framesBefore + 30
                && s.path("state").asText().equals("connected"), BrowserBed.MEDIA_WAIT);
        assertTrue(after.path("videoFrames").asInt() > framesBefore + 30, "media kept flowing: " + after);
        assertTrue(BrowserBed.eventually(() -> endpoint.candidatePairs().stream()
                .anyMatch(p -> p.lastRequestNanos() > restartedAt)), "a valid check under the new credentials");
        assertEquals(DtlsSession.State.CONNECTED, endpoint.dtlsState(), "the DTLS association stays");
    }

    /** RFC 3264 §6.1: we answer a sendonly offer recvonly and an inactive one inactive, and send accordingly. */
    @Test
    void aBrowserHoldingWithSendonlyThenInactiveGetsNoMediaFromUsAndResumingBringsItBack() throws Exception {
        connectBrowser("VP8");
        chrome.pollJson("inbound()", WebRtcEndpointBrowserTest::flowing, BrowserBed.MEDIA_WAIT);
        LongSupplier sent = () -> endpoint.mediaStats().audioSent() + endpoint.mediaStats().videoSent();
        LongSupplier received = () -> endpoint.sourcePad(MediaType.AUDIO).counters().packets()
                + endpoint.sourcePad(MediaType.VIDEO).counters().packets();

        String recvonly = endpoint.processOffer(chrome.call("setDirection", "sendonly"));
        assertEquals(2, occurrences(recvonly, "a=recvonly"), recvonly);
        chrome.call("acceptAnswer", recvonly);
        assertEquals(0, growthOverASecond(sent), "nothing sent to a browser that only sends");
        assertTrue(growthOverASecond(received) > 20, "its media still reaches us");

        String inactive = endpoint.processOffer(chrome.call("setDirection", "inactive"));
        assertEquals(2, occurrences(inactive, "a=inactive"), inactive);
        chrome.call("acceptAnswer", inactive);
        assertEquals(0, growthOverASecond(sent), "nothing sent on an inactive session");
        assertEquals(0, growthOverASecond(received), "nothing received on an inactive session");

        String resumed = endpoint.processOffer(chrome.call("setDirection", "sendrecv"));
        assertEquals(2, occurrences(resumed, "a=sendrecv"), resumed);
        chrome.call("acceptAnswer", resumed);
        int framesBefore = chrome.pollJson("inbound()", s -> true, BrowserBed.MEDIA_WAIT).path("videoFrames").asInt();
        JsonNode after = chrome.pollJson("inbound()", s -> s.path("videoFrames").asInt() > framesBefore + 30,
                BrowserBed.MEDIA_WAIT);
        assertTrue(after.path("videoFrames").asInt() > framesBefore + 30, "video again after resuming: " + after);
    }

    static int occurrences(String sdp, String line) {
        return sdp.split(java.util.regex.Pattern.quote(line + "\r\n"), -1).length - 1;
    }

    /** How much a counter grows over one second, once what was in flight at a renegotiation has landed. */
    static long growthOverASecond(LongSupplier counter) throws InterruptedException {
        Thread.sleep(700);
        long before = counter.getAsLong();
        Thread.sleep(1000);
        return counter.getAsLong() - before;
    }

    @Test
    void browserAnsweringOurOfferGetsItsMediaBack() throws Exception {
        endpoint.connect(endpoint);
        String answer = chrome.call("answerOffer", endpoint.generateOffer(), true, true);
        endpoint.processAnswer(answer);
        awaitEvent(DtlsConnectionStateChange.class, e -> e.state() == DtlsSession.State.CONNECTED);
        JsonNode stats = chrome.pollJson("inbound()", WebRtcEndpointBrowserTest::flowing, BrowserBed.MEDIA_WAIT);
        assertTrue(flowing(stats), "audio and video back after our offer: " + stats);
        assertTrue(endpoint.sourcePad(MediaType.VIDEO).counters().packets() > 20);
    }
}
