package org.webims.webrtc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webims.media.endpoint.recorder.RecorderEndpoint;
import org.webims.media.endpoint.recorder.Recording;
import org.webims.media.endpoint.recorder.RecordingProfile;
import org.webims.media.pipeline.FormatAdapterFactory;
import org.webims.media.pipeline.MediaPipeline;
import org.webims.media.pipeline.MediaType;
import org.webims.webrtc.browser.HeadlessChromium;
import org.webims.webrtc.media.VideoRepairStats;

/**
 * The browser's video crosses a lossy network (every 25th VP8 packet lost on the way to us) into
 * a WebRtcEndpoint that records it: our NACKs (RFC 4585 §6.2.1) get the browser to retransmit
 * each lost packet by RTX (RFC 4588), which we restore and record in its place, so the picture
 * needs no key frame for the loss.
 */
class WebRtcEndpointLossRepairTest {

    static final int LOSE_EVERY = 25;
    static final Duration RECORDING = Duration.ofSeconds(8);
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path out;
    BrowserBed bed;
    LossyNetwork network;

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(HeadlessChromium.installed(), "bin/setup installs Debian's chromium");
        bed = new BrowserBed(FormatAdapterFactory.NONE);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (bed != null) {
            bed.close();
        }
        if (network != null) {
            network.close();
        }
    }

    @Test
    void videoPacketsLostOnTheWayAreNackedRetransmittedAndRecordedWithoutKeyFrameRequests() throws Exception {
        MediaPipeline pipeline = bed.pipeline();
        WebRtcEndpoint endpoint = bed.webRtcEndpoint(pipeline);
        Path file = out.resolve("lossy.webm");
        RecorderEndpoint recorder = new RecorderEndpoint(pipeline, file, RecordingProfile.WEBM);
        endpoint.connect(recorder);

        String answer = endpoint.processOffer(bed.chrome().call("makeOffer", true, true, "VP8"));
        int vp8 = Integer.parseInt(find(answer, "a=rtpmap:(\\d+) VP8/90000"));
        find(answer, "a=rtcp-fb:" + vp8 + " (nack)\\r?\\n"); // the browser may be NACKed (RFC 4585 §4.2)
        find(answer, "a=fmtp:(\\d+) apt=" + vp8 + "\\r?\\n"); // and answers by RTX (RFC 4588 §8.1)
        // the browser's only remote candidate is the lossy network's end
        network = LossyNetwork.between(bed, endpoint, answer, vp8, LOSE_EVERY);
        assertTrue(BrowserBed.eventually(() -> endpoint.sourcePad(MediaType.VIDEO).counters().packets() > 50),
                "the browser's video arrives");

        recorder.record();
        bed.awaitEvent(Recording.class, e -> e.element() == recorder);
        BrowserBed.sleep(RECORDING);
        network.stopDropping(); // the last ones lost can still be repaired
        assertTrue(BrowserBed.eventually(() -> endpoint.videoRepair().repaired() + endpoint.videoRepair().givenUp()
                >= network.dropped()), () -> "every loss repaired or given up: dropped " + network.dropped() + ", "
                + endpoint.videoRepair() + ", " + endpoint.mediaStats() + " " + network.droppedSequence);
        assertTrue(recorder.stopAndWait(Duration.ofSeconds(60)), "the file was finalized");

        long dropped = network.dropped();
        VideoRepairStats repair = endpoint.videoRepair();
        JsonNode browser = JSON.readTree(bed.chrome().call("videoSent"));
        long plis = endpoint.mediaStats().plisSent();
        DecodedMedia decoded = DecodedMedia.of(file);
        String figures = "dropped " + dropped + " of " + network.lossyTypeSeen() + ", " + repair + ", PLIs " + plis
                + ", browser " + browser + ", " + decoded;
        System.out.println("loss repair: " + figures);

        assertTrue(dropped >= 8, "the network lost enough to tell: " + figures);
        assertTrue(repair.nacksSent() > 0, figures);
        assertTrue(browser.path("nack").asLong() > 0, "the browser's sender counted our NACKs: " + figures);
        assertTrue(browser.path("retransmitted").asLong() > 0, "and retransmitted: " + figures);
        assertEquals(dropped, repair.repaired(), 2, "each lost packet came back by RTX: " + figures);
        // before, each loss asked for a key frame (at most one a second); now only the recording's start does
        assertTrue(plis <= 2 && plis * 4 < dropped, "PLIs far below the losses: " + figures);
        assertTrue(decoded.videoFrames() >= 25, "frames decode: " + figures);
        // the browser still sends, so a NACK may go out between two reads: the two must agree at one moment
        assertTrue(BrowserBed.eventually(() -> endpoint.videoRepair().nacksSent() == videoNackCount(endpoint)),
                () -> "RTCInboundRTPStreamStats nackCount " + videoNackCount(endpoint) + ": " + endpoint.videoRepair());
    }

    private static long videoNackCount(WebRtcEndpoint endpoint) {
        return endpoint.inboundStreams().stream().filter(s -> s.mediaType() == MediaType.VIDEO)
                .findFirst().orElseThrow().nackCount();
    }

    private static String find(String sdp, String regex) {
        Matcher m = Pattern.compile(regex).matcher(sdp);
        assertTrue(m.find(), regex + " in:\n" + sdp);
        return m.group(1);
    }
}
