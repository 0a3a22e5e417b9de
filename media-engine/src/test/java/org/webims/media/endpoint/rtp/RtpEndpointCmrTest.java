package org.webims.media.endpoint.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.webims.media.pipeline.MediaFormat;
import org.webims.media.pipeline.MediaPipeline;
import org.webims.media.pipeline.MediaType;
import org.webims.media.rtp.RtpPacket;
import org.webims.media.transcode.CodecFormatAdapterFactory;

/**
 * CMR honoured end to end (RFC 4867 §4.3.1): a phone receiving our transcoded AMR-WB asks for
 * mode 2 in the CMR field of a packet it sends, and the frames it then receives are mode 2. A
 * relayed viewer's CMR limits the phone it views, and is lifted when that viewer goes.
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

    /**
     * Phone A's AMR-WB is relayed to viewer B, and phone C's to A. B's phone asks for mode 2 (CMR 2):
     * the packets A's phone receives carry CMR 2. B goes: no link holds a limit any more, and A's
     * phone is asked for the top of its mode-set (4) for a while, then nothing (CMR 15, the CMR C's
     * own packets carry), as before any limit (decision 0087). Relayed, not transcoded.
     */
    @Test
    void whenTheViewerWhoseCmrLimitedARelayedPhoneGoesThePhoneIsAskedForItsTopModeThenNothing() throws Exception {
        MediaPipeline pipeline = fx.pipeline();
        String[] amrWb = {"rtpmap:97 AMR-WB/16000", "fmtp:97 mode-set=0,1,2,3,4;octet-align=1"};
        RtpEndpoint a = fx.endpoint(pipeline, RtpEndpointMediaTest.AUDIO_ONLY);
        RtpEndpoint b = fx.endpoint(pipeline, RtpEndpointMediaTest.AUDIO_ONLY);
        RtpEndpoint c = fx.endpoint(pipeline, RtpEndpointMediaTest.AUDIO_ONLY);
        UdpPeer phoneA = fx.peer();
        UdpPeer phoneB = fx.peer();
        UdpPeer phoneC = fx.peer();
        a.processOffer(phoneA.sdp("audio", "RTP/AVP", "97", amrWb));
        b.processOffer(phoneB.sdp("audio", "RTP/AVP", "97", amrWb));
        c.processOffer(phoneC.sdp("audio", "RTP/AVP", "97", amrWb));
        a.connect(b, MediaType.AUDIO);
        c.connect(a, MediaType.AUDIO);
        // phone A's socket both sends (on the phones' thread) and receives (here): short receive
        // timeouts, so that a send never waits long behind a receive
        phoneA.rtp.setSoTimeout(20);
        int[] ports = {a.localRtpPort(MediaType.AUDIO), b.localRtpPort(MediaType.AUDIO), c.localRtpPort(MediaType.AUDIO)};
        AtomicBoolean talking = new AtomicBoolean(true);
        Thread phones = new Thread(() -> {
            try {
                for (int n = 0; talking.get(); n++) { // 20 ms frames of mode 0, paced
                    phoneA.sendRtp(ports[0], 97, n, 320L * n, 0xA, amrWbFrame(15));
                    phoneB.sendRtp(ports[1], 97, n, 320L * n, 0xB, amrWbFrame(2));
                    phoneC.sendRtp(ports[2], 97, n, 320L * n, 0xC, amrWbFrame(15));
                    Thread.sleep(20);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        phones.start();
        try {
            assertEquals(2, nextCmr(phoneA, cmr -> cmr != 15), "B's CMR 2 reached A's phone");
            assertTrue(!a.isMediaTranscoding(MediaType.AUDIO) && !c.isMediaTranscoding(MediaType.AUDIO), "relayed");
            b.release();
            assertEquals(4, nextCmr(phoneA, cmr -> cmr != 2), "lifted: the top of the mode-set first");
            int asked = 1;
            int cmr;
            while ((cmr = nextCmr(phoneA, x -> true)) == 4) {
                asked++;
            }
            assertEquals(15, cmr, "then no request");
            assertTrue(asked >= 10, "the top mode asked in more than a packet or two: " + asked);
            for (int i = 0; i < 50; i++) {
                assertEquals(15, nextCmr(phoneA, x -> true), "no request from then on");
            }
        } finally {
            talking.set(false);
            phones.join();
        }
    }

    /** An octet-aligned AMR-WB payload (RFC 4867 §4.4): CMR, a ToC of one mode 0 frame (Q set), its 17 octets. */
    private static byte[] amrWbFrame(int cmr) {
        byte[] p = new byte[2 + 17];
        p[0] = (byte) (cmr << 4);
        p[1] = (byte) 0x04;
        return p;
    }

    /** The CMR of the next AMR-WB packet reaching {@code phone} that {@code wanted} accepts. */
    private static int nextCmr(UdpPeer phone, java.util.function.IntPredicate wanted) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        for (int i = 0; i < 500; i++) {
            byte[] d;
            while ((d = UdpPeer.receive(phone.rtp)) == null) {
                assertTrue(System.nanoTime() < deadline, "AMR-WB reaches the phone");
            }
            RtpPacket p = new RtpPacket();
            assertTrue(p.wrap(d, 0, d.length));
            int cmr = (d[p.payloadOffset()] >> 4) & 0x0F;
            if (wanted.test(cmr)) {
                return cmr;
            }
        }
        throw new AssertionError("no such CMR in 500 packets");
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
