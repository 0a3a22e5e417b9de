package org.webims.media.endpoint.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.webims.media.pipeline.MediaFormat;
import org.webims.media.pipeline.MediaPipeline;
import org.webims.media.pipeline.MediaType;
import org.webims.media.rtp.RtpPacket;
import org.webims.media.rtp.payload.dtmf.TelephoneEvent;
import org.webims.media.transcode.CodecFormatAdapterFactory;

/**
 * sendDtmf while a transcoder (on its own worker thread) feeds the endpoint AMR-WB: the event's
 * packets take the audio's place and the phone sees one unbroken run of sequence numbers. The
 * phone's AMR-WB has DTX off ({@code dtx=0}): with it, the source's end would be followed by SID
 * frames for as long as the call lasts (decision 0019), and the phone reads until the stream stops.
 */
class RtpEndpointDtmfTranscodedTest {

    final CodecFormatAdapterFactory adapters = new CodecFormatAdapterFactory();
    final MediaFixture fx;

    RtpEndpointDtmfTranscodedTest() throws Exception {
        fx = new MediaFixture(adapters);
    }

    @AfterEach
    void close() throws Exception {
        fx.close();
        adapters.close();
    }

    @Test
    void eventsReplaceTranscodedAudioWithoutAGapInTheSequence() throws Exception {
        MediaPipeline pipeline = fx.pipeline();
        RtpEndpoint ims = fx.endpoint(pipeline, RtpEndpointDtmfTest.AUDIO_ONLY);
        TestSource pcm = new TestSource(pipeline);
        pcm.connect(ims, MediaType.AUDIO);
        UdpPeer phone = fx.peer();
        ims.processOffer(phone.sdp("audio", "RTP/AVP", "97 100", "rtpmap:97 AMR-WB/16000", "fmtp:97 octet-align=1;dtx=0",
                "rtpmap:100 telephone-event/16000", "fmtp:100 0-15"));
        MediaFormat l16 = MediaFormat.pcm(16000);
        byte[] frame = TestSource.l16Ramp();
        List<Integer> seqs = new ArrayList<>();
        List<Integer> eventDurations = new ArrayList<>();
        int frames = 60;
        for (int n = 0; n < frames; n++) { // paced as a live source is, so the transcoder's clock takes it
            pcm.send(l16, frame, n, 320L * n, 5);
            if (n == 15) {
                assertTrue(ims.sendDtmf('1', 100));
            }
            Thread.sleep(20);
        }
        phone.rtp.setSoTimeout(500);
        byte[] d;
        while ((d = UdpPeer.receive(phone.rtp)) != null) {
            RtpPacket p = new RtpPacket();
            assertTrue(p.wrap(d, 0, d.length));
            seqs.add(p.sequenceNumber());
            if (p.payloadType() == 100) {
                assertEquals(1, TelephoneEvent.event(d, p.payloadOffset()));
                eventDurations.add(TelephoneEvent.duration(d, p.payloadOffset()));
            } else {
                assertEquals(97, p.payloadType());
            }
        }
        assertEquals(List.of(320, 640, 960, 1280, 1600, 1600, 1600, 1600), eventDurations,
                "the whole train, 100 ms at 16 kHz");
        assertTrue(seqs.size() > eventDurations.size() + 10, "audio around the event: " + seqs.size());
        for (int i = 1; i < seqs.size(); i++) {
            assertEquals((seqs.get(i - 1) + 1) & 0xFFFF, (int) seqs.get(i), "no gap at packet " + i + ": " + seqs);
        }
        assertTrue(ims.getStats().get("audio.audioReplacedByDtmf") > 0, "audio packets gave way to the event");
    }
}
