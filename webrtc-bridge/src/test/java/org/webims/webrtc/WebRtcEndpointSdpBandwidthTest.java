package org.webims.webrtc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.webims.media.pipeline.MediaPipeline;
import org.webims.media.sdp.MediaDescription;
import org.webims.media.sdp.SdpParser;
import org.webims.media.sdp.bandwidth.SdpBandwidths;
import org.webims.webrtc.dtls.DtlsSession;
import org.webims.webrtc.event.DtlsConnectionStateChange;

/**
 * SDP bandwidth with headless Chromium (RFC 8866 §5.8 b=AS, RFC 3890 b=TIAS): Chromium holds what it
 * sends under our answer's b=AS (Kurento's maxVideoRecvBandwidth), and its own b=AS holds what our
 * encoder sends it. Rates are read from the browser's getStats (bytes over a measured span); each
 * bound is the rule's, the spans generous, nothing timed.
 */
class WebRtcEndpointSdpBandwidthTest extends TranscodingBrowserTest {

    static final ObjectMapper JSON = new ObjectMapper();

    private JsonNode videoBytes() throws Exception {
        return JSON.readTree(bed.chrome().call("videoBytes"));
    }

    /** Bits/s of {@code field} (sent or received video bytes) over {@code span}, from the browser's own clock. */
    private double rate(String field, Duration span) throws Exception {
        JsonNode a = videoBytes();
        BrowserBed.sleep(span);
        JsonNode b = videoBytes();
        return (b.path(field).asLong() - a.path(field).asLong()) * 8 * 1000.0
                / (b.path("at").asDouble() - a.path("at").asDouble());
    }

    private void connect(WebRtcEndpoint endpoint, String offer) throws Exception {
        bed.chrome().call("acceptAnswer", endpoint.processOffer(offer));
        bed.awaitEvent(DtlsConnectionStateChange.class,
                e -> e.element() == endpoint && e.state() == DtlsSession.State.CONNECTED);
    }

    private static MediaDescription video(String sdp) throws Exception {
        return new SdpParser().parse(sdp).media().stream().filter(m -> m.media().equals("video")).findFirst()
                .orElseThrow();
    }

    @Test
    void withMaxVideoRecvBandwidth300OurAnswerSaysBAs300AndChromiumSendsUnderItThenMoreOnceLifted() throws Exception {
        MediaPipeline pipeline = bed.pipeline();
        WebRtcEndpoint endpoint = bed.webRtcEndpoint(pipeline);
        endpoint.connect(endpoint); // what the browser sends comes back relayed
        endpoint.setBandwidths(SdpBandwidths.NONE_WRITTEN.withMaxVideoRecvKbps(300));
        String offer = bed.chrome().call("makeOffer", true, true, "VP8");
        connect(endpoint, offer);
        MediaDescription ours = video(endpoint.getLocalSessionDescriptor());
        assertEquals(300, ours.bandwidth("AS").orElse(-1), ours.toString());
        assertTrue(ours.bandwidth("TIAS").orElse(-1) < 300_000, ours.toString());
        assertTrue(BrowserBed.eventually(() -> {
            try {
                return videoBytes().path("sent").asLong() > 100_000;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }), "the browser sends video");
        BrowserBed.sleep(Duration.ofSeconds(4)); // past the start-up ramp
        double capped = rate("sent", Duration.ofSeconds(6));
        long cappedTarget = videoBytes().path("target").asLong();
        System.out.printf("Chromium under our b=AS:300: %.0f bit/s sent, target %d%n", capped, cappedTarget);
        assertTrue(capped <= 300_000, "sent " + capped);
        assertTrue(cappedTarget <= 300_000, "targetBitrate " + cappedTarget);

        // the property cleared: the next answer has no b= line, and the browser may send more (our REMB ceiling 2.5M)
        endpoint.setBandwidths(SdpBandwidths.NONE_WRITTEN);
        bed.chrome().call("acceptAnswer", endpoint.processOffer(bed.chrome().call("setDirection", "sendrecv")));
        assertTrue(video(endpoint.getLocalSessionDescriptor()).bandwidth("AS").isEmpty());
        assertTrue(BrowserBed.eventually(() -> {
            try {
                return videoBytes().path("target").asLong() > 400_000;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }), "the browser's target grows once the cap is gone: " + videoBytes());
    }

    @Test
    void theBrowsersBAs250HoldsWhatOurEncoderSendsIt() throws Exception {
        MediaPipeline pipeline = bed.pipeline();
        WebRtcEndpoint endpoint = bed.webRtcEndpoint(pipeline);
        bed.echoThroughIms(pipeline, endpoint); // what the browser receives is made by our own VP8 encoder
        String offer = bed.chrome().call("makeOffer", true, true, "VP8");
        // the browser's offer munged as a page would: b=AS:250 on its video m-line, after its c= line
        int video = offer.indexOf("m=video");
        int afterC = offer.indexOf("\r\n", offer.indexOf("c=", video)) + 2;
        String munged = offer.substring(0, afterC) + "b=AS:250\r\n" + offer.substring(afterC);
        connect(endpoint, munged);
        bed.pollBrowser(s -> s.path("videoFrames").asInt() > 30);
        BrowserBed.sleep(Duration.ofSeconds(3));
        double received = rate("received", Duration.ofSeconds(6));
        long target = bed.transcoders().to("VP8").getOrDefault("encode.targetBitrate", 0L);
        System.out.printf("our VP8 under the browser's b=AS:250: %.0f bit/s received, encoder target %d%n",
                received, target);
        assertTrue(received <= 250_000, "received " + received);
        assertTrue(target > 0 && target <= 250_000, "encoder target " + target);
        assertTrue(bed.pollBrowser(s -> s.path("videoFrames").asInt() > 60).path("videoFrames").asInt() > 60,
                "the browser keeps decoding");
    }
}
