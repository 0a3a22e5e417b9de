package org.webims.testims.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webims.testims.ua.ImsCall;
import org.webims.testims.ua.ImsUaOptions;
import org.webims.testims.ua.ImsUserAgent;
import org.webims.testims.ua.media.ReceivedAudio;
import org.webims.testims.ua.media.ToneSource;
import org.webims.webrtc.browser.HeadlessChromium;

/**
 * Web -> IMS with a real browser: stock JsSIP in headless Chromium registers over the SIP
 * WebSocket (digest) and calls IMS users of the test IMS core through the gateway. The IMS UA
 * decodes the AMR-WB it receives and finds Chromium's fake microphone beep in it (a 400 Hz
 * square wave, 20 ms every 500 ms: Chromium's media/audio/fake_audio_input_stream.cc); its own
 * 1 kHz tone, sent as AMR-WB, plays in the browser; with video, the IMS UA decodes H.264 pictures
 * of the fake camera's size.
 */
class JsSipWebToImsCallTest {
    private static final int RATE = Beep.RATE;
    private static final double UA_TONE_HZ = 1000;

    @TempDir
    static Path dir;
    private static JsSipBed bed;
    private static ImsUserAgent bob;
    private static ImsUserAgent carol;
    private static HeadlessChromium browser;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(HeadlessChromium.installed(), "needs Debian's chromium (bin/setup)");
        bed = new JsSipBed(dir, "bob", "carol");
        bob = bed.imsUser("bob", ImsUaOptions.defaults());
        carol = bed.imsUser("carol", ImsUaOptions.defaults().withVideo(true));
        browser = bed.registeredBrowser();
    }

    @AfterAll
    static void stop() {
        if (bed != null) {
            bed.close();
        }
    }

    @Test
    void browserBeepReachesTheImsUaAsAmrWbAndItsToneReachesTheBrowser() throws Exception {
        browser.call("webims.call", "sip:bob@" + JsSipBed.DOMAIN, false, JsSipBed.UNPROCESSED_AUDIO);
        ImsCall call = bob.awaitIncomingCall(JsSipBed.WAIT);
        assertNotNull(call, "the IMS UA got no INVITE");
        call.awaitAck(JsSipBed.WAIT); // answered (200 with our SDP) and confirmed
        assertTrue(call.localSdp().contains("AMR-WB/16000"), call.localSdp());
        call.media().start(new ToneSource(UA_TONE_HZ, -6, RATE));

        JsonNode page = bed.page(s -> "confirmed".equals(s.path("call").asText()) && s.path("peak").asDouble() > 0.1
                && s.path("audioEnergy").asDouble() > 0 && s.path("dominantHz").asDouble() > 0);
        assertEquals("confirmed", page.path("call").asText(), page.toString());
        assertTrue(page.path("audioPackets").asLong() > 0 && page.path("audioEnergy").asDouble() > 0
                && page.path("peak").asDouble() > 0.1, "the UA's AMR-WB, transcoded to Opus, plays in the browser: " + page);
        assertEquals("audio/opus", page.path("audioCodec").asText().toLowerCase(), page.toString());
        // the analyser's bins are 48000/2048 ≈ 23 Hz wide
        assertEquals(UA_TONE_HZ, page.path("dominantHz").asDouble(), 50, "the UA's 1 kHz tone is what plays: " + page);

        ReceivedAudio received = call.media().receivedAudio();
        assertTrue(JsSipBed.eventually(() -> received.totalSamples() >= 3 * RATE), "the UA decoded under 3 s of audio");
        short[] pcm = received.samples();
        Beep beep = Beep.strongest(pcm);
        assertTrue(beep.amplitude() > 5000 && beep.share() > 0.5,
                "Chromium's 400 Hz beep is in the AMR-WB the UA decoded: " + beep);
        assertTrue(Beep.count(pcm, 5000) >= 4, "a beep every 500 ms: " + Beep.count(pcm, 5000) + " in "
                + pcm.length / RATE + " s");

        browser.call("webims.hangup");
        call.awaitEnded(JsSipBed.WAIT);
        assertEquals("ended", bed.page(s -> "ended".equals(s.path("call").asText())).path("call").asText());
        assertTrue(bed.mediaReleased(), "the gateway released the call's media pipeline");
    }

    @Test
    void browserCameraReachesTheImsUaAsH264PicturesOfItsSize() throws Exception {
        browser.call("webims.call", "sip:carol@" + JsSipBed.DOMAIN, true, JsSipBed.UNPROCESSED_AUDIO);
        ImsCall call = carol.awaitIncomingCall(JsSipBed.WAIT);
        assertNotNull(call, "the IMS UA got no INVITE");
        call.awaitAck(JsSipBed.WAIT); // answered (200 with our SDP) and confirmed
        assertTrue(call.localSdp().contains("H264/90000") && call.localSdp().contains("AMR-WB/16000"), call.localSdp());
        call.media().start(new ToneSource(UA_TONE_HZ, -6, RATE));

        JsonNode page = bed.page(s -> "confirmed".equals(s.path("call").asText()) && s.path("peak").asDouble() > 0.1);
        assertTrue(page.path("peak").asDouble() > 0.1, "the UA's tone plays in the browser: " + page);
        var video = call.media().receivedVideo();
        assertTrue(JsSipBed.eventually(() -> video.picturesBySize().getOrDefault("640x480", 0L) >= 25),
                "the UA decoded H.264 pictures of the fake camera's 640x480: " + video.picturesBySize()
                        + ", PLIs sent " + video.keyframeRequests());
        assertTrue(Beep.strongest(call.media().receivedAudio().samples()).amplitude() > 5000,
                "the beep reaches the UA beside the video");

        browser.call("webims.hangup");
        call.awaitEnded(JsSipBed.WAIT);
        assertTrue(bed.mediaReleased(), "the gateway released the call's media pipeline");
    }
}
