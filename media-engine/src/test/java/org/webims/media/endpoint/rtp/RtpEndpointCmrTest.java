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
import org.webims.media.transcode.CodecFormatAdapterFactory;

/**
 * CMR honoured end to end (RFC 4867 §4.3.1): a phone receiving our transcoded AMR-WB asks for
 * mode 2 in the CMR field of a packet it sends, and the frames it then receives are mode 2.
 */
class RtpEndpointCmrTest {

    final CodecFormatAdapterFactory adapters = new CodecFormatAdapterFactory();
    final MediaFixture fx;

    RtpEndpointCmrTest() throws Exception {
        fx = new MediaFixture(adapters);
    }

    @AfterEach
    void close() throws Exception {
        fx.close();
        adapters.close();
    }

    @Test
    void aPhonesCodecModeRequestSetsTheModeOfTheTranscodedAmrWbItReceives() throws Exception {
        MediaPipeline pipeline = fx.pipeline();
        RtpEndpoint ims = fx.endpoint(pipeline, RtpEndpointMediaTest.AUDIO_ONLY);
        TestSource pcm = new TestSource(pipeline);
        pcm.connect(ims, MediaType.AUDIO);
        UdpPeer phone = fx.peer();
        ims.processOffer(phone.sdp("audio", "RTP/AVP", "97", "rtpmap:97 AMR-WB/16000", "fmtp:97 octet-align=1;dtx=0"));
        MediaFormat l16 = MediaFormat.pcm(16000);
        byte[] frame = TestSource.l16Ramp();
        int frames = 60;
        for (int n = 0; n < frames; n++) { // paced as a live source is
            pcm.send(l16, frame, n, 320L * n, 5);
            if (n == 20) {
                // octet-aligned: CMR 2 in the first four bits, then a ToC of NO_DATA (15) with Q set
                phone.sendRtp(ims.localRtpPort(MediaType.AUDIO), 97, 1, 0, 9, new byte[] {(byte) (2 << 4), (byte) (15 << 3 | 0x04)});
            }
            Thread.sleep(20);
        }
        List<Integer> modes = frameTypes(phone);
        assertTrue(modes.size() > 40, "AMR-WB reached the phone: " + modes);
        assertEquals(8, (int) modes.get(0), "before the request, the highest mode: " + modes);
        assertEquals(List.of(2, 2, 2, 2, 2), modes.subList(modes.size() - 5, modes.size()),
                "after CMR 2, 12.65 kbit/s: " + modes);
    }

    /** The frame type of the first ToC of each octet-aligned AMR-WB packet reaching {@code phone}, until 500 ms pass quiet. */
    static List<Integer> frameTypes(UdpPeer phone) throws Exception {
        phone.rtp.setSoTimeout(500);
        List<Integer> modes = new ArrayList<>();
        byte[] d;
        while ((d = UdpPeer.receive(phone.rtp)) != null) {
            RtpPacket p = new RtpPacket();
            assertTrue(p.wrap(d, 0, d.length));
            modes.add((d[p.payloadOffset() + 1] >> 3) & 0x0F); // the first ToC's frame type
        }
        return modes;
    }
}
