package org.webims.webrtc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.webims.media.pipeline.MediaPipeline;
import org.webims.media.pipeline.MediaType;

/**
 * Our Opus toward a real browser follows the network (decision 0070). Headless Chromium's fake
 * microphone (and camera) go to our endpoint, to an IMS leg that takes AMR-WB and H.264 only (an
 * RtpEndpoint whose far terminal sends back what it gets) and back to the browser as Opus (and VP8)
 * from our own encoders. A UDP relay between us and the browser stands in for the network.
 * <ul>
 * <li>Loss: the relay first loses nothing, then every 7th of our audio packets (14 %, isolated
 * losses). The browser's receiver reports about our audio (RFC 3550 §6.4.1), smoothed, set our
 * encoder's expected loss; libopus then adds LBRR, since the browser's offer asked for in-band FEC
 * (useinbandfec=1), and the browser's inbound-rtp stats count the FEC packets it received.
 * <li>Bandwidth: a 90 kbit/s bottleneck toward the browser brings our send-side estimate under
 * what video's minimum and our audio need; the audio's target falls toward its floor, and comes
 * back once the bottleneck is gone.
 * </ul>
 * Polled with the bed's generous bound, never timed.
 */
class WebRtcEndpointAudioAdaptationTest extends TranscodingBrowserTest {

    static final int EVERY_NTH = 7;
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theBrowsersReportedLossTurnsOurOpusFecOnAndTheBrowserReceivesFecPackets() throws Exception {
        MediaPipeline pipeline = bed.pipeline();
        WebRtcEndpoint endpoint = bed.webRtcEndpoint(pipeline);
        bed.echoThroughIms(pipeline, endpoint);

        String offer = bed.chrome().call("makeOffer", true, false, "VP8");
        assertTrue(offer.contains("useinbandfec=1"), offer);
        String answer = endpoint.processOffer(offer);
        Matcher opus = Pattern.compile("a=rtpmap:(\\d+) opus/48000").matcher(answer);
        assertTrue(opus.find(), answer);
        int opusType = Integer.parseInt(opus.group(1));
        network = LossyNetwork.between(bed, endpoint, answer, -1, 1); // loses nothing on the way to us
        bed.pollBrowser(s -> s.path("audioPackets").asInt() > 100);
        assertTrue(BrowserBed.eventually(() -> !encoder().isEmpty()), "our Opus encoder toward the browser");

        // No loss: FEC is on (the browser asked for it) but with 0 % expected loss libopus adds no LBRR.
        // The browser's audio receiver reports about every 5 s: wait for one (a round trip measured from it).
        assertTrue(BrowserBed.eventually(() -> audioRoundTrip(endpoint) > 0), "the browser reports on our audio");
        Map<String, Long> clean = encoder();
        JsonNode cleanBrowser = browserAudio();
        System.out.println("audio FEC, no loss: encoder " + clean + "; browser " + cleanBrowser);
        assertEquals(1L, clean.get("encode.fec"), clean.toString());
        assertEquals(0L, clean.get("encode.lossPercent"), clean.toString());
        assertEquals(0L, clean.get("encode.fecPackets"), clean.toString());
        assertEquals(0L, cleanBrowser.path("fecPacketsReceived").asLong(), cleanBrowser.toString());

        // Every 7th of our audio packets lost: the reports say so, the encoder expects loss, sends LBRR,
        // and the browser counts FEC packets received.
        network.loseToBrowser(opusType, EVERY_NTH);
        assertTrue(BrowserBed.eventually(() -> encoder().get("encode.lossPercent") > 0),
                "the reported loss reaches our encoder: " + encoder());
        assertTrue(BrowserBed.eventually(() -> browserAudio().path("fecPacketsReceived").asLong() > 0),
                "the browser receives FEC: " + browserAudio() + "; encoder " + encoder());
        Map<String, Long> lossy = encoder();
        JsonNode lossyBrowser = browserAudio();
        System.out.println("audio FEC, every " + EVERY_NTH + "th lost (" + network.lostToBrowser() + " lost): encoder "
                + lossy + "; browser " + lossyBrowser + "; our outbound audio "
                + endpoint.outboundStreams());
        assertTrue(lossy.get("encode.fecPackets") > 0, lossy.toString());
        assertTrue(lossy.get("encode.lossPercent") <= 20, lossy.toString());
    }

    @Test
    void aLowEstimateLowersOurOpusTargetTowardItsFloorAndItComesBackWhenTheEstimateRecovers() throws Exception {
        MediaPipeline pipeline = bed.pipeline();
        WebRtcEndpoint endpoint = bed.webRtcEndpoint(pipeline,
                WebRtcEndpointSettings.defaults().withSendBitrate(WebRtcEndpointBandwidthTest.BOUNDS));
        bed.echoThroughIms(pipeline, endpoint);
        String answer = endpoint.processOffer(bed.chrome().call("makeOffer", true, true, "VP8"));
        network = LossyNetwork.between(bed, endpoint, answer, -1, 1);
        bed.pollBrowser(s -> s.path("audioPackets").asInt() > 50 && s.path("videoFrames").asInt() > 30);
        assertTrue(BrowserBed.eventually(() -> endpoint.bandwidth().audioTarget() == 32_000
                        && encoder().getOrDefault("encode.targetBitrate", 0L) == 32_000),
                "on an open path the audio keeps all it wants: " + endpoint.bandwidth() + "; encoder " + encoder());

        network.limitToBrowser(90_000, 10_000);
        assertTrue(BrowserBed.eventually(() -> encoder().getOrDefault("encode.targetBitrate", 0L) < 28_000),
                "under a 90 kbit/s bottleneck the audio gives way: " + endpoint.bandwidth() + "; encoder " + encoder());
        long low = encoder().get("encode.targetBitrate");
        String limited = endpoint.bandwidth() + "; encoder " + encoder();
        assertTrue(low >= 20_000, "never under the floor: " + limited);

        network.limitToBrowser(0, 10_000);
        assertTrue(BrowserBed.eventually(() -> encoder().getOrDefault("encode.targetBitrate", 0L) == 32_000),
                "the audio's target comes back with the estimate: " + endpoint.bandwidth() + "; encoder " + encoder());
        System.out.println("audio share: limited " + limited + "; recovered " + endpoint.bandwidth()
                + "; encoder " + encoder());
    }

    private static double audioRoundTrip(WebRtcEndpoint endpoint) {
        return endpoint.outboundStreams().stream().filter(s -> s.mediaType() == MediaType.AUDIO)
                .mapToDouble(s -> s.roundTripSeconds()).max().orElse(0);
    }

    private Map<String, Long> encoder() {
        return bed.transcoders().to("opus");
    }

    private JsonNode browserAudio() {
        try {
            return JSON.readTree(bed.chrome().call("audioInbound"));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
