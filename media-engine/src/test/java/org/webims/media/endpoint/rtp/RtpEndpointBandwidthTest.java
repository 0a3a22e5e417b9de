package org.webims.media.endpoint.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.webims.media.pipeline.MediaFormat;
import org.webims.media.pipeline.MediaPipeline;
import org.webims.media.pipeline.MediaType;
import org.webims.media.rtp.RtpPacket;
import org.webims.media.sdp.MediaDescription;
import org.webims.media.sdp.SdpParser;
import org.webims.media.sdp.bandwidth.SdpBandwidths;
import org.webims.media.sdp.negotiation.CodecCapability;
import org.webims.media.transcode.CodecFormatAdapterFactory;
import org.webims.media.transcode.LiveVideoSender;

/**
 * SDP bandwidth on an RtpEndpoint with real UDP peers: the b= lines of an MTSI leg's offer and
 * answer (TS 26.114 §6.2.5), and a far end's b=AS honoured as the most we send it, transcoded
 * (our encoder) or relayed (the source asked for less by REMB). Expected figures are derived here
 * from the rules' sources, not taken from the code under test.
 */
class RtpEndpointBandwidthTest {

    static final int IPV4_UDP_RTP = 20 + 8 + 12;
    static final int VIDEO_KBPS = 2000;

    final CodecFormatAdapterFactory adapters = new CodecFormatAdapterFactory();
    final MediaFixture fx;

    RtpEndpointBandwidthTest() throws Exception {
        fx = new MediaFixture(adapters);
    }

    @AfterEach
    void close() throws Exception {
        fx.close();
        adapters.close();
    }

    /** An IMS leg as TS 26.114 profiles it, AMR-WB limited to 6.60-12.65 kbit/s by its mode-set. */
    static RtpEndpointSettings mtsi() {
        return RtpEndpointSettings.defaults().withAudioCodecs(List.of(
                CodecCapability.of("AMR-WB", 16000).withParameter("mode-set", "0,1,2"),
                CodecCapability.of("AMR-WB", 16000).withParameter("mode-set", "0,1,2").withParameter("octet-align", "1"),
                CodecCapability.of("telephone-event", 16000).withParameter("0-15", "")))
                .withVideoCodecs(List.of(CodecCapability.of("H264", 90000).withParameter("profile-level-id", "42e01f")
                        .withParameter("packetization-mode", "1").withFeedback("nack", "nack pli", "ccm tmmbr")))
                .withProfile(RtpEndpointSettings.RtpProfile.AVP).withRtcpMux(false)
                .withCodecChoice(org.webims.media.sdp.negotiation.CodecPreference.OFFERER, true)
                .withBandwidths(SdpBandwidths.mtsi(VIDEO_KBPS));
    }

    private static MediaDescription line(String sdp, String media) throws Exception {
        return new SdpParser().parse(sdp).media().stream().filter(m -> m.media().equals(media)).findFirst().orElseThrow();
    }

    /** 12.65 kbit/s: 253 speech bits a 20 ms frame (TS 26.201), in one packet every 20 ms. */
    static final int SPEECH_BITS_1265 = 12_650 * 20 / 1000;

    @Test
    void anMtsiOfferAndAnswerCarryBandwidthFromTheModeSetWithHeadersAndRtcpAtRfc3556Shares() throws Exception {
        RtpEndpoint ims = fx.endpoint(fx.pipeline(), mtsi());
        MediaDescription audio = line(ims.generateOffer(), "audio");
        // TS 26.114 Annex K counts a packet's payload and its IPv4/UDP/RTP headers: octet-aligned 12.65 is the
        // larger payload (CMR and ToC bytes + 32 bytes of speech, RFC 4867 §4.4) = 74 bytes a packet, 29.6 kbit/s
        long oaBits = (1 + 1 + (SPEECH_BITS_1265 + 7) / 8 + IPV4_UDP_RTP) * 8L * 50;
        long as = (oaBits + 999) / 1000;
        assertEquals(30, as);
        assertEquals(as, audio.bandwidth("AS").orElse(-1), audio.toString());
        assertEquals(as * 1000 / 80, audio.bandwidth("RS").orElse(-1), "RFC 3556 §2: 1.25 % of AS");
        assertEquals(as * 1000 * 3 / 80, audio.bandwidth("RR").orElse(-1), "RFC 3556 §2: 3.75 % of AS");
        MediaDescription video = line(ims.getLocalSessionDescriptor(), "video");
        assertEquals(VIDEO_KBPS, video.bandwidth("AS").orElse(-1));
        long packets = Math.max(30, (VIDEO_KBPS * 1000L + 9599) / 9600); // 1200-byte payloads, at least one a frame
        assertEquals(VIDEO_KBPS * 1000L - packets * IPV4_UDP_RTP * 8, video.bandwidth("TIAS").orElse(-1));
        assertEquals(VIDEO_KBPS * 1000L / 80, video.bandwidth("RS").orElse(-1));

        // answering a phone's offer of bandwidth-efficient AMR-WB only: 4 + 6 + 253 bits in 33 bytes, 29.2 kbit/s
        RtpEndpoint answerer = fx.endpoint(fx.pipeline(), mtsi());
        UdpPeer phone = fx.peer();
        MediaDescription answered = line(answerer.processOffer(phone.sdp("audio", "RTP/AVP", "97",
                "rtpmap:97 AMR-WB/16000", "fmtp:97 mode-set=0,1,2")), "audio");
        long beBits = ((4 + 6 + SPEECH_BITS_1265 + 7) / 8 + IPV4_UDP_RTP) * 8L * 50;
        assertEquals((beBits + 999) / 1000, answered.bandwidth("AS").orElse(-1), answered.toString());
    }

    @Test
    void noBandwidthIsWrittenByDefaultAndKurentosSettingTakesEffectOnTheNextOffer() throws Exception {
        RtpEndpoint endpoint = fx.endpoint(fx.pipeline(), RtpEndpointSettings.defaults());
        String first = endpoint.generateOffer();
        assertTrue(!first.contains("b="), first);
        endpoint.setBandwidths(endpoint.bandwidths().withMaxVideoRecvKbps(300));
        MediaDescription video = line(endpoint.generateOffer(), "video");
        assertEquals(300, video.bandwidth("AS").orElse(-1));
        assertTrue(line(endpoint.getLocalSessionDescriptor(), "audio").bandwidths().isEmpty(), "audio has none");
    }

    /** The H.264 packets a phone received, after it answered (or offered) with {@code bandwidthLine} on video. */
    private List<byte[]> phoneReceives(String bandwidthLine, int frames) throws Exception {
        MediaPipeline pipeline = fx.pipeline();
        RtpEndpoint ims = fx.endpoint(pipeline, RtpEndpointSettings.defaults());
        TestSource camera = new TestSource(pipeline);
        camera.connect(ims, MediaType.VIDEO);
        UdpPeer phone = fx.peer();
        String offer = phone.sdp("video", "RTP/AVPF", "96", "rtpmap:96 H264/90000",
                "fmtp:96 packetization-mode=1;profile-level-id=42e01f", "rtcp-fb:96 nack pli");
        ims.processOffer(bandwidthLine == null ? offer : offer.replace("a=rtcp:", bandwidthLine + "\r\na=rtcp:"));
        List<byte[]> received = cameraToPhone(camera, phone, frames);
        assertTrue(ims.isMediaTranscoding(MediaType.VIDEO) || camera.isMediaTranscoding(MediaType.VIDEO),
                "VP8 to H.264 is transcoded");
        return received;
    }

    /** The packets {@code phone} received while {@code camera} sent {@code frames} of 360p VP8, live-encoded and paced. */
    static List<byte[]> cameraToPhone(TestSource camera, UdpPeer phone, int frames) throws Exception {
        List<byte[]> received = new CopyOnWriteArrayList<>();
        AtomicBoolean done = new AtomicBoolean();
        phone.rtp.setSoTimeout(300);
        Thread reader = RtpEndpointTmmbrVideoTest.reader(phone.rtp, received, done, "phone");
        MediaFormat vp8 = MediaFormat.video("VP8");
        LiveVideoSender.send(vp8, 640, 360, frames, camera.keyframeRequests::get, (n, k) -> false, n -> { },
                (payload, len, ts, seq, marker) -> camera.send(vp8, payload, len, seq, ts, 5, marker));
        done.set(true);
        reader.join(5000);
        return received;
    }

    /** Bits per second on the wire (RTP packets with their IPv4 and UDP headers) over frames [from, to) at 30 fps. */
    static double wireBitsPerSecond(List<byte[]> packets, int from, int to) {
        RtpPacket rtp = new RtpPacket();
        long ts0 = -1;
        long bytes = 0;
        for (byte[] p : packets) {
            assertTrue(rtp.wrap(p, 0, p.length));
            ts0 = ts0 < 0 ? rtp.timestamp() : ts0;
            long n = ((rtp.timestamp() - ts0) & 0xFFFFFFFFL) / 3000;
            if (n >= from && n < to) {
                bytes += p.length + 20 + 8;
            }
        }
        return bytes * 8 * 30.0 / (to - from);
    }

    @Test
    void aPhoneSayingBAs200ReceivesTranscodedVideoAtOrUnderItAndOneWithoutGetsTheConfiguredRate() throws Exception {
        List<byte[]> capped = phoneReceives("b=AS:200", 240);
        double cappedBps = wireBitsPerSecond(capped, 60, 240);
        List<byte[]> free = phoneReceives(null, 240);
        double freeBps = wireBitsPerSecond(free, 60, 240);
        String report = String.format("b=AS:200 %.0f bit/s, no b= %.0f bit/s (IP/UDP/RTP included)", cappedBps, freeBps);
        System.out.println("transcoded video under a far end's b=AS: " + report);
        assertTrue(cappedBps <= 200_000, report);
        assertTrue(cappedBps >= 0.3 * 200_000, "the bandwidth is used: " + report);
        // 360p's configured 800 kbit/s (decision 0077), well above the capped phone's
        assertTrue(freeBps >= 500_000, report);
    }

    /** An RtpEndpoint with its peer on UDP, answering the peer's offer of {@code attributes} with {@code bandwidthLine}. */
    private record Leg(RtpEndpoint endpoint, UdpPeer peer) {
        static Leg of(MediaFixture fx, MediaPipeline pipeline, String bandwidthLine, String... attributes)
                throws Exception {
            RtpEndpoint endpoint = fx.endpoint(pipeline, RtpEndpointSettings.defaults());
            UdpPeer peer = fx.peer();
            String offer = peer.sdp("video", "RTP/AVPF", "96", attributes);
            endpoint.processOffer(bandwidthLine == null ? offer : offer.replace("a=rtcp:", bandwidthLine + "\r\na=rtcp:"));
            return new Leg(endpoint, peer);
        }
    }

    @Test
    void aRelayedViewersBAsAsksTheSourcesPeerForAboutThatByRemb() throws Exception {
        MediaPipeline pipeline = fx.pipeline();
        Leg source = Leg.of(fx, pipeline, null, RtpEndpointFanOutFeedbackTest.SENDER_VP8);
        Leg viewer = Leg.of(fx, pipeline, "b=AS:500", RtpEndpointFanOutFeedbackTest.VIEWER_VP8);
        source.endpoint().connect(viewer.endpoint(), MediaType.VIDEO);
        // RFC 3890: 500 kbit/s less 40 header bytes a packet at 53 packets/s (1200-byte payloads), less 10 %
        // kept for the sender's rate control
        long packets = Math.max(30, (500_000 + 9599) / 9600);
        long expected = (500_000 - packets * IPV4_UDP_RTP * 8) * 90 / 100;
        long remb = RtpEndpointFanOutFeedbackTest.nextRemb(source.peer().rtcp);
        assertEquals(expected, remb, expected * 0.01, "the REMB the source's peer got");
        source.peer().sendRtp(source.endpoint().localRtpPort(MediaType.VIDEO), 96, 1, 0, 777, new byte[] {0x10, 0, 0});
        assertTrue(UdpPeer.receive(viewer.peer().rtp) != null, "relayed");
        assertTrue(!source.endpoint().isMediaTranscoding(MediaType.VIDEO), "relayed, not transcoded");
        // a peer REMB/TMMBR above the negotiated ceiling does not raise it
        byte[] b = new byte[64];
        int n = org.webims.media.rtp.RtcpWriter.writeTmmbr(b, 0, 0x5EE, new int[] {0}, new long[] {2_000_000},
                new int[] {0}, 1);
        UdpPeer.send(viewer.peer().rtcp, b, n, viewer.endpoint().localRtpPort(MediaType.VIDEO) + 1);
        Thread.sleep(300);
        Map<String, Long> stats = source.endpoint().getStats();
        assertEquals(expected, stats.getOrDefault("source.VIDEO.bitrateLimit", -1L).doubleValue(), expected * 0.01,
                "still the b=AS ceiling: " + stats);
    }

    @Test
    void aViewerSayingBAs0GetsNoMediaWhileAnotherStillDoes() throws Exception {
        MediaPipeline pipeline = fx.pipeline();
        Leg source = Leg.of(fx, pipeline, null, RtpEndpointFanOutFeedbackTest.SENDER_VP8);
        Leg silent = Leg.of(fx, pipeline, "b=AS:0", RtpEndpointFanOutFeedbackTest.VIEWER_VP8);
        Leg other = Leg.of(fx, pipeline, null, RtpEndpointFanOutFeedbackTest.VIEWER_VP8);
        source.endpoint().connect(silent.endpoint(), MediaType.VIDEO);
        source.endpoint().connect(other.endpoint(), MediaType.VIDEO);
        source.peer().sendRtp(source.endpoint().localRtpPort(MediaType.VIDEO), 96, 1, 0, 777, new byte[] {0x10, 0, 0});
        assertTrue(UdpPeer.receive(other.peer().rtp) != null, "the viewer without b= gets the video");
        silent.peer().rtp.setSoTimeout(500);
        assertNull(UdpPeer.receive(silent.peer().rtp), "RFC 8866 §5.8: b=AS:0, nothing is sent to it");
    }

    /**
     * A phone whose AMR-WB m-line says b=AS:30 (no mode-set, no CMR): our encoder's mode is the
     * highest whose octet-aligned packet fits. 14.25 kbit/s (285 bits: 2 + 36 + 40 bytes = 31.2 kbit/s)
     * does not, 12.65 (2 + 32 + 40 bytes = 29.6 kbit/s) does: frame type 2 from the first packet.
     */
    @Test
    void amrWbTowardAPhoneSayingBAs30UsesNoModeAboveWhatFits() throws Exception {
        MediaPipeline pipeline = fx.pipeline();
        RtpEndpoint ims = fx.endpoint(pipeline, RtpEndpointMediaTest.AUDIO_ONLY);
        TestSource pcm = new TestSource(pipeline);
        pcm.connect(ims, MediaType.AUDIO);
        UdpPeer phone = fx.peer();
        ims.processOffer(phone.sdp("audio", "RTP/AVP", "97", "rtpmap:97 AMR-WB/16000", "fmtp:97 octet-align=1;dtx=0")
                .replace("a=rtcp:", "b=AS:30\r\na=rtcp:"));
        MediaFormat l16 = MediaFormat.pcm(16000);
        byte[] frame = TestSource.l16Ramp();
        for (int n = 0; n < 30; n++) { // paced as a live source is
            pcm.send(l16, frame, n, 320L * n, 5);
            Thread.sleep(20);
        }
        List<Integer> modes = RtpEndpointCmrTest.frameTypes(phone);
        assertTrue(modes.size() > 20, "AMR-WB reached the phone: " + modes);
        assertEquals(expectedMode(30_000), (int) modes.stream().mapToInt(Integer::intValue).max().orElse(-1),
                "the highest mode whose packets fit 30 kbit/s: " + modes);
    }

    /** TS 26.201's speech bits a frame of modes 0-8; the highest mode whose octet-aligned packets at 50/s fit. */
    private static int expectedMode(long asBps) {
        int[] bits = {132, 177, 253, 285, 317, 365, 397, 461, 477};
        int best = 0;
        for (int m = 0; m < bits.length; m++) {
            long packet = (1 + 1 + (bits[m] + 7) / 8 + IPV4_UDP_RTP) * 8L * 50;
            if (packet <= asBps) {
                best = m;
            }
        }
        assertEquals(2, best, "12.65 kbit/s");
        return best;
    }
}
