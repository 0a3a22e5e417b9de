package org.webims.testims.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webims.testims.ua.ImsCall;
import org.webims.testims.ua.ImsUaOptions;
import org.webims.testims.ua.ImsUserAgent;
import org.webims.testims.ua.media.ReceivedVideo;
import org.webims.testims.ua.media.ToneSource;
import org.webims.webrtc.browser.HeadlessChromium;

/**
 * Video added to and dropped from an audio call with a real browser: stock JsSIP in headless
 * Chromium calls an IMS UA with audio only; the UA adds H.264 video by re-INVITE, which the
 * gateway turns into a re-INVITE with a video m-line for the browser; the browser's fake camera
 * then reaches the UA as H.264 pictures, and the UA's echo of them plays in the browser. The UA
 * then drops video (its m-line with port 0, RFC 3264 §8.2); the browser stops its video
 * transceiver and the call goes on with audio both ways. The other way, the browser adds its
 * camera by re-INVITE (JsSIP's renegotiate) and the gateway's re-INVITE to a video-capable UA
 * carries video. After each call the gateway is back to its idle state ({@link CallLeakCheck}).
 */
class JsSipMidCallVideoTest {
    private static final double UA_TONE_HZ = 1000;
    private static final Pattern VIDEO_LINE = Pattern.compile("(?m)^m=video (\\d+) ");

    @TempDir
    static Path dir;
    private static JsSipBed bed;
    private static ImsUserAgent bob;
    private static ImsUserAgent carol;
    private static CallLeakCheck leaks;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(HeadlessChromium.installed(), "needs Debian's chromium (bin/setup)");
        bed = new JsSipBed(dir, "bob", "carol");
        bob = bed.imsUser("bob", ImsUaOptions.defaults());
        carol = bed.imsUser("carol", ImsUaOptions.defaults().withVideo(true));
        bed.registeredBrowser();
        leaks = new CallLeakCheck(bed);
    }

    @AfterAll
    static void stop() {
        if (bed != null) {
            bed.close();
        }
    }

    @BeforeEach
    void idleBefore() throws Exception {
        leaks.before();
    }

    @AfterEach
    void gatewayBackToIdleAfterTheCall() throws Exception {
        leaks.after();
    }

    /** The port of the video m-line of {@code sdp}, -1 without one. */
    private static int videoPort(String sdp) {
        Matcher m = VIDEO_LINE.matcher(sdp);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    private static JsonNode videoTransceiver(JsonNode transceivers) {
        for (JsonNode t : transceivers) {
            if ("video".equals(t.path("kind").asText())) {
                return t;
            }
        }
        return null;
    }

    /**
     * The browser calls {@code user} with audio only; the UA answers and plays its tone, which the
     * browser hears before any video is added, and the gateway shows the call up.
     */
    private static ImsCall audioCallTo(String user, ImsUserAgent ua) throws Exception {
        bed.browserCalls("sip:" + user + "@" + JsSipBed.DOMAIN);
        ImsCall call = ua.awaitIncomingCall(JsSipBed.WAIT);
        assertNotNull(call, "the IMS UA got no INVITE");
        call.awaitAck(JsSipBed.WAIT);
        assertEquals(-1, videoPort(call.remoteSdp()), "an audio call: " + call.remoteSdp());
        call.media().start(new ToneSource(UA_TONE_HZ, -6, Beep.RATE));
        JsonNode page = bed.page(s -> "confirmed".equals(s.path("call").asText()) && s.path("peak").asDouble() > 0.1);
        assertTrue(page.path("peak").asDouble() > 0.1, "the UA's tone plays before video is added: " + page);
        leaks.seesTheCallUp();
        return call;
    }

    @Test
    void imsUaAddsVideoToAnAudioCallByReInviteTheCameraReachesItAndItsEchoPlaysThenVideoIsDroppedAndAudioGoesOn()
            throws Exception {
        ImsCall call = audioCallTo("bob", bob);
        JsonNode page;

        // video added (RFC 3264 §8.1): the browser answers with the camera it now has
        bed.browserAddsCamera();
        assertEquals(200, call.reInviteVideo(true, true, JsSipBed.WAIT).getStatusCode(), "the re-INVITE adding video");
        assertTrue(videoPort(call.remoteSdp()) > 0 && call.remoteSdp().contains("H264/90000")
                && !call.remoteSdp().matches("(?s).*m=video.*a=(inactive|recvonly|sendonly).*"),
                "the gateway's answer takes H.264 video both ways: " + call.remoteSdp());
        JsonNode added = bed.browserTransceivers(ts -> videoTransceiver(ts) != null
                && "sendrecv".equals(videoTransceiver(ts).path("direction").asText()));
        assertEquals("sendrecv", videoTransceiver(added) == null ? "" : videoTransceiver(added).path("direction").asText(),
                "the browser took the video m-line with its camera: " + added);
        ReceivedVideo video = call.media().receivedVideo();
        // the browser's encoder may scale the 640x480 camera down (its bandwidth estimate starts low), never its shape
        assertTrue(JsSipBed.eventually(() -> pictures(video) >= 25),
                "the UA decoded H.264 pictures of the fake camera: " + video.picturesBySize()
                        + ", PLIs sent " + video.keyframeRequests());
        assertTrue(video.picturesBySize().keySet().stream().allMatch(JsSipMidCallVideoTest::fourByThree),
                "pictures of the camera's 4:3 shape: " + video.picturesBySize());
        page = bed.page(s -> s.path("videoFrames").asLong() >= 25);
        assertTrue(page.path("videoFrames").asLong() >= 25, "the UA's echo of the camera is decoded in the browser: " + page);

        // video dropped (RFC 3264 §8.2): port 0 on its m-line, audio goes on
        int droppedAt = call.media().receivedAudio().samples().length;
        assertEquals(200, call.reInviteVideo(false, true, JsSipBed.WAIT).getStatusCode(), "the re-INVITE dropping video");
        assertEquals(0, videoPort(call.remoteSdp()), "the gateway's answer rejects the video m-line too: " + call.remoteSdp());
        // the browser stops the transceiver of a rejected m-line, and once stopped it leaves getTransceivers()
        JsonNode dropped = bed.browserTransceivers(ts -> videoStopped(ts));
        assertTrue(videoStopped(dropped), "the browser stopped its video transceiver: " + dropped);
        assertTrue(JsSipBed.eventually(() -> Beep.count(tail(call.media().receivedAudio().samples(), droppedAt), 5000) >= 3),
                "the browser's beep still reaches the UA after video is dropped");
        JsonNode atDrop = bed.page(s -> true);
        page = bed.page(s -> s.path("audioPackets").asLong() >= atDrop.path("audioPackets").asLong() + 50);
        assertTrue(page.path("audioPackets").asLong() >= atDrop.path("audioPackets").asLong() + 50,
                "the UA's audio still reaches the browser: " + atDrop + " then " + page);
        assertEquals("confirmed", page.path("call").asText(), page.toString());

        assertEquals(200, call.hangUp(JsSipBed.WAIT).getStatusCode(), "the IMS UA's BYE is answered");
        JsonNode ended = bed.session(s -> "ended".equals(s.path("call").asText()));
        assertEquals("ended", ended.path("call").asText(), ended.toString());
    }

    @Test
    void browserAddsItsCameraByReInviteAndTheGatewaysReInviteCarriesVideoToTheImsUa() throws Exception {
        ImsCall call = audioCallTo("carol", carol);
        JsonNode page;

        bed.browserAddsVideoByReInvite();
        assertTrue(JsSipBed.eventually(() -> videoPort(call.remoteSdp()) > 0),
                "the gateway's re-INVITE to the IMS UA offers video: " + call.remoteSdp());
        assertTrue(call.remoteSdp().contains("H264/90000"), call.remoteSdp());
        assertTrue(JsSipBed.eventually(() -> renegotiated()), "JsSIP's re-INVITE got its 200");
        ReceivedVideo video = call.media().receivedVideo();
        assertTrue(JsSipBed.eventually(() -> pictures(video) >= 25),
                "the UA decoded H.264 pictures of the browser's camera: " + video.picturesBySize());
        page = bed.page(s -> s.path("videoFrames").asLong() >= 25);
        assertTrue(page.path("videoFrames").asLong() >= 25, "the UA's echo of the camera is decoded in the browser: " + page);

        assertEquals(200, call.hangUp(JsSipBed.WAIT).getStatusCode(), "the IMS UA's BYE is answered");
        JsonNode ended = bed.session(s -> "ended".equals(s.path("call").asText()));
        assertEquals("ended", ended.path("call").asText(), ended.toString());
    }

    private static boolean renegotiated() {
        try {
            return bed.browserRenegotiated();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean videoStopped(JsonNode transceivers) {
        JsonNode video = videoTransceiver(transceivers);
        return video == null || "stopped".equals(video.path("direction").asText());
    }

    private static long pictures(ReceivedVideo video) {
        return video.picturesBySize().values().stream().mapToLong(Long::longValue).sum();
    }

    private static boolean fourByThree(String size) {
        String[] wh = size.split("x");
        return Integer.parseInt(wh[0]) * 3 == Integer.parseInt(wh[1]) * 4;
    }

    private static short[] tail(short[] pcm, int from) {
        return Arrays.copyOfRange(pcm, Math.min(from, pcm.length), pcm.length);
    }
}
