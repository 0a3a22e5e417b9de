package org.webims.media.endpoint.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.webims.media.pipeline.MediaPipeline;
import org.webims.media.pipeline.MediaType;
import org.webims.media.rtp.RtcpCompound;
import org.webims.media.rtp.RtcpPacketType;
import org.webims.media.rtp.RtcpWriter;
import org.webims.media.sdp.bandwidth.SdpBandwidths;
import org.webims.media.transcode.CodecFormatAdapterFactory;

/**
 * What remains of a far end's SDP bandwidth on an RtpEndpoint, with real UDP peers: a session-level
 * b=AS shared between audio and video (RFC 8866 §5.8), a=maxprate in the AS-to-media conversion
 * (RFC 3890 §6.4), b=RS:0/b=RR:0 and other RTCP bandwidths (RFC 3556 §2), and Kurento's
 * minVideoSendBandwidth as the floor under a receiver's limit. Expected figures are worked out here
 * from the rules' sources: 40 bytes of IPv4/UDP/RTP a packet, 1200-byte video payloads and at least
 * 30 packets a second where no maxprate says otherwise, 10 % kept for the sender's rate control.
 */
class RtpEndpointSessionBandwidthTest {

    static final int IPV4_UDP_RTP = 20 + 8 + 12;
    /** RFC 4867 §4.4 octet-aligned AMR-WB 23.85 (no mode-set): CMR, ToC and 477 speech bits in 60 bytes. */
    static final long AMR_WB_2385_OA_WIRE_BPS = (1 + 1 + (477 + 7) / 8 + IPV4_UDP_RTP) * 8L * 50;
    static final String[] PHONE_AMR_WB = {"rtpmap:97 AMR-WB/16000", "fmtp:97 octet-align=1"};

    final CodecFormatAdapterFactory adapters = new CodecFormatAdapterFactory();
    final MediaFixture fx;

    RtpEndpointSessionBandwidthTest() throws Exception {
        fx = new MediaFixture(adapters);
    }

    @AfterEach
    void close() throws Exception {
        fx.close();
        adapters.close();
    }

    /** A far end's video at {@code wireBps} as our media ceiling: less 40 bytes a packet, less 10 %. */
    static long videoCeiling(long wireBps, double packetsPerSecond) {
        return (wireBps - (long) Math.ceil(packetsPerSecond * IPV4_UDP_RTP * 8)) * 90 / 100;
    }

    static long assumedPackets(long wireBps) {
        return Math.max(30, (wireBps + 9599) / 9600);
    }

    /**
     * One offer from two UDP peers: audio from {@code audio}, video from {@code video}, with
     * {@code sessionLine} at the session level and {@code videoLine} on the video m-line (either null).
     */
    static String offer(UdpPeer audio, UdpPeer video, String sessionLine, String videoLine, String... videoAttributes) {
        String a = audio.sdp("audio", "RTP/AVP", "97", PHONE_AMR_WB);
        String v = video.sdp("video", "RTP/AVPF", "96", videoAttributes);
        v = v.substring(v.indexOf("m=video"));
        if (videoLine != null) {
            v = v.replace("a=rtcp:", videoLine + "\r\na=rtcp:");
        }
        String sdp = a + v;
        return sessionLine == null ? sdp : sdp.replace("t=0 0\r\n", sessionLine + "\r\nt=0 0\r\n");
    }

    /** A relayed source and a viewer that answered {@code viewerOffer}; returns the REMB the source's peer got. */
    private long rembToTheSourceFor(java.util.function.Function<RtpEndpoint, String> viewerOffer) throws Exception {
        MediaPipeline pipeline = fx.pipeline();
        RtpEndpoint source = fx.endpoint(pipeline, RtpEndpointSettings.defaults());
        UdpPeer sender = fx.peer();
        source.processOffer(sender.sdp("video", "RTP/AVPF", "96", RtpEndpointFanOutFeedbackTest.SENDER_VP8));
        RtpEndpoint viewer = fx.endpoint(pipeline, RtpEndpointSettings.defaults());
        viewer.processOffer(viewerOffer.apply(viewer));
        source.connect(viewer, MediaType.VIDEO);
        return RtpEndpointFanOutFeedbackTest.nextRemb(sender.rtcp);
    }

    @Test
    void aSessionLevelBAsLeavesVideoWhatTheAudioCodecDoesNotNeed() throws Exception {
        UdpPeer phoneAudio = fx.peer();
        UdpPeer phoneVideo = fx.peer();
        long remb = rembToTheSourceFor(v -> offer(phoneAudio, phoneVideo, "b=AS:500", null,
                RtpEndpointFanOutFeedbackTest.VIEWER_VP8));
        // 500 kbit/s for the session, AMR-WB 23.85 octet-aligned takes 40.8 of it on the wire, video the rest
        long videoWire = 500_000 - AMR_WB_2385_OA_WIRE_BPS;
        long expected = videoCeiling(videoWire, assumedPackets(videoWire));
        assertEquals(expected, remb, expected * 0.005, "the REMB the source's peer got");
        long videoAlone = videoCeiling(500_000, assumedPackets(500_000));
        assertTrue(remb < videoAlone * 0.95, "the audio's share is not the video's: " + remb + " vs " + videoAlone);
    }

    @Test
    void aMediaLevelBAsLowerThanTheSessionsShareWins() throws Exception {
        UdpPeer phoneAudio = fx.peer();
        UdpPeer phoneVideo = fx.peer();
        long remb = rembToTheSourceFor(v -> offer(phoneAudio, phoneVideo, "b=AS:500", "b=AS:300",
                RtpEndpointFanOutFeedbackTest.VIEWER_VP8));
        long expected = videoCeiling(300_000, assumedPackets(300_000));
        assertEquals(expected, remb, expected * 0.005);
    }

    @Test
    void aFarEndsMaxprateIsThePacketRateOfItsBAs() throws Exception {
        UdpPeer viewerPeer = fx.peer();
        long remb = rembToTheSourceFor(v -> viewerPeer.sdp("video", "RTP/AVPF", "96",
                RtpEndpointFanOutFeedbackTest.VIEWER_VP8).replace("a=rtcp:", "b=AS:500\r\na=maxprate:20\r\na=rtcp:"));
        long expected = videoCeiling(500_000, 20); // RFC 3890 §6.4: 20 packets' headers, not 53
        assertEquals(expected, remb, expected * 0.005);
        assertTrue(Math.abs(remb - videoCeiling(500_000, assumedPackets(500_000))) > expected * 0.015,
                "distinguishable from the assumed packet rate");
    }

    @Test
    void ourVideoBTiasHasTheMaxprateItAssumedBesideIt() throws Exception {
        RtpEndpoint endpoint = fx.endpoint(fx.pipeline(), RtpEndpointSettings.defaults()
                .withBandwidths(SdpBandwidths.NONE_WRITTEN.withMaxVideoRecvKbps(2000)));
        var video = new org.webims.media.sdp.SdpParser().parse(endpoint.generateOffer()).media().stream()
                .filter(m -> m.media().equals("video")).findFirst().orElseThrow();
        long packets = assumedPackets(2_000_000);
        assertEquals(2_000_000 - packets * IPV4_UDP_RTP * 8, video.bandwidth("TIAS").orElse(-1));
        assertEquals(packets, video.maxprate().orElse(-1), 0.0, video.toString());
        var audio = new org.webims.media.sdp.SdpParser().parse(endpoint.getLocalSessionDescriptor()).media().get(0);
        assertTrue(audio.maxprate().isEmpty(), "no TIAS on audio, no maxprate");
    }

    @Test
    void aPhoneWithASessionBAsReceivesTranscodedVideoWithinWhatTheAudioLeaves() throws Exception {
        MediaPipeline pipeline = fx.pipeline();
        RtpEndpoint ims = fx.endpoint(pipeline, RtpEndpointSettings.defaults());
        TestSource camera = new TestSource(pipeline);
        camera.connect(ims, MediaType.VIDEO);
        UdpPeer phoneAudio = fx.peer();
        UdpPeer phone = fx.peer();
        ims.processOffer(offer(phoneAudio, phone, "b=AS:200", null, "rtpmap:96 H264/90000",
                "fmtp:96 packetization-mode=1;profile-level-id=42e01f", "rtcp-fb:96 nack pli"));
        List<byte[]> received = RtpEndpointBandwidthTest.cameraToPhone(camera, phone, 240);
        double bps = RtpEndpointBandwidthTest.wireBitsPerSecond(received, 60, 240);
        long share = 200_000 - AMR_WB_2385_OA_WIRE_BPS; // the session's total less the audio's packets
        String report = String.format("session b=AS:200 with AMR-WB 23.85: video %.0f bit/s on the wire, its share %d",
                bps, share);
        System.out.println("transcoded video under a session-level b=AS: " + report);
        assertTrue(bps <= share, report);
        assertTrue(bps >= 0.3 * share, "the bandwidth is used: " + report);
    }

    // --- RTCP bandwidth (RFC 3556 §2) ---------------------------------------------------------------

    static final RtpEndpointSettings REPORTING_EVERY_100_MS = RtpEndpointMediaTest.AUDIO_ONLY
            .withRtcpInterval(Duration.ofMillis(100));

    /** RTCP compounds reaching {@code socket} within {@code millis}: [reports alone, with feedback, BYE]. */
    static int[] rtcpWithin(DatagramSocket socket, int millis) throws Exception {
        int[] counts = new int[3];
        RtcpCompound compound = new RtcpCompound(true);
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (System.nanoTime() < deadline) {
            socket.setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            byte[] b = UdpPeer.receive(socket);
            if (b == null || !compound.wrap(b, 0, b.length)) {
                continue;
            }
            boolean feedback = false;
            boolean bye = false;
            while (compound.next()) {
                int type = compound.packetType();
                feedback |= type == RtcpPacketType.PSFB || type == RtcpPacketType.RTPFB;
                bye |= type == RtcpPacketType.BYE;
            }
            counts[bye ? 2 : feedback ? 1 : 0]++;
        }
        return counts;
    }

    private record AudioLeg(RtpEndpoint endpoint, UdpPeer peer) {
    }

    /** An audio endpoint reporting every 100 ms, answering a phone whose AMR-WB m-line carries {@code lines}. */
    private AudioLeg audioLeg(MediaPipeline pipeline, String lines) throws Exception {
        RtpEndpoint endpoint = fx.endpoint(pipeline, REPORTING_EVERY_100_MS);
        UdpPeer peer = fx.peer();
        endpoint.processOffer(peer.sdp("audio", "RTP/AVP", "97", PHONE_AMR_WB).replace("a=rtcp:", lines + "a=rtcp:"));
        return new AudioLeg(endpoint, peer);
    }

    @Test
    void aPeerSayingBRs0AndBRr0GetsNoReportsAndNoByeWhileAnotherGetsThem() throws Exception {
        MediaPipeline pipeline = fx.pipeline();
        AudioLeg quietLeg = audioLeg(pipeline, "b=RS:0\r\nb=RR:0\r\n");
        AudioLeg usualLeg = audioLeg(pipeline, "");
        RtpEndpoint quiet = quietLeg.endpoint();
        RtpEndpoint usual = usualLeg.endpoint();
        UdpPeer quietPeer = quietLeg.peer();
        UdpPeer usualPeer = usualLeg.peer();

        int[] none = rtcpWithin(quietPeer.rtcp, 1000);
        int[] some = rtcpWithin(usualPeer.rtcp, 500);
        assertEquals(0, none[0] + none[1] + none[2], "RFC 3556 §2: no RTCP to the peer that wants none");
        assertTrue(some[0] >= 2, "the other peer gets its reports: " + some[0]);
        assertTrue(quiet.getStats().get("audio.rtcpReportsWithheld") >= 3, quiet.getStats().toString());
        quiet.release();
        usual.release();
        assertEquals(0, rtcpWithin(quietPeer.rtcp, 300)[2], "no BYE either");
        assertTrue(rtcpWithin(usualPeer.rtcp, 300)[2] >= 1, "the other peer gets its BYE");
    }

    @Test
    void feedbackAPeerNegotiatedStillGoesWithBRs0AndBRr0() throws Exception {
        MediaPipeline pipeline = fx.pipeline();
        RtpEndpoint endpoint = fx.endpoint(pipeline, RtpEndpointSettings.defaults().withRtcpInterval(Duration.ofMillis(100)));
        TestSink sink = new TestSink(pipeline);
        endpoint.connect(sink, MediaType.VIDEO);
        UdpPeer peer = fx.peer();
        endpoint.processOffer(peer.sdp("video", "RTP/AVPF", "96", "rtpmap:96 VP8/90000", "rtcp-fb:96 nack pli")
                .replace("a=rtcp:", "b=RS:0\r\nb=RR:0\r\na=rtcp:"));
        peer.sendRtp(endpoint.localRtpPort(MediaType.VIDEO), 96, 1, 0, 555, new byte[] {0x10, 0, 0});
        sink.next();
        sink.sinkPad(MediaType.VIDEO).requestKeyframe();
        int[] seen = rtcpWithin(peer.rtcp, 800);
        assertTrue(seen[1] >= 1, "the PLI (RFC 4585 §6.3.1), in its compound packet: " + seen[1]);
        assertEquals(0, seen[0], "and no report alone");
    }

    @Test
    void aPeersSmallRsAndRrLengthenOurReportInterval() throws Exception {
        MediaPipeline pipeline = fx.pipeline();
        UdpPeer slowPeer = audioLeg(pipeline, "b=RS:200\r\nb=RR:200\r\n").peer();
        UdpPeer usualPeer = audioLeg(pipeline, "").peer();
        // RFC 3550 §6.3.1 for 2 members: 2 x a report of some 80 bytes with UDP/IP over 400 bit/s is about
        // 3 s, randomised over [0.5, 1.5] and divided by e - 3/2: 1.3 s at the least after the first
        int slowCount = rtcpWithin(slowPeer.rtcp, 2500)[0];
        int usualCount = rtcpWithin(usualPeer.rtcp, 2500)[0];
        assertTrue(slowCount <= 3, "RS + RR of 400 bit/s: " + slowCount + " reports in 2.5 s");
        assertTrue(usualCount >= 10, "the configured 100 ms: " + usualCount + " reports in 2.5 s");
    }

    // --- Kurento minVideoSendBandwidth ------------------------------------------------------------

    private static void sendTmmbr(UdpPeer peer, RtpEndpoint to, long bitsPerSecond) throws Exception {
        byte[] b = new byte[64];
        int n = RtcpWriter.writeTmmbr(b, 0, 0x5EE, new int[] {0}, new long[] {bitsPerSecond}, new int[] {0}, 1);
        UdpPeer.send(peer.rtcp, b, n, to.localRtpPort(MediaType.VIDEO) + 1);
    }

    @Test
    void minVideoSendBandwidthIsTheFloorUnderAViewersTmmbrButNotAboveItsBAs() throws Exception {
        MediaPipeline pipeline = fx.pipeline();
        RtpEndpoint source = fx.endpoint(pipeline, RtpEndpointSettings.defaults());
        UdpPeer sender = fx.peer();
        source.processOffer(sender.sdp("video", "RTP/AVPF", "96", RtpEndpointFanOutFeedbackTest.SENDER_VP8));
        RtpEndpoint viewer = fx.endpoint(pipeline, RtpEndpointSettings.defaults());
        UdpPeer viewerPeer = fx.peer();
        viewer.processOffer(viewerPeer.sdp("video", "RTP/AVPF", "96", RtpEndpointFanOutFeedbackTest.VIEWER_VP8));
        viewer.setBandwidths(viewer.bandwidths().withVideoSendKbps(300, 0));
        source.connect(viewer, MediaType.VIDEO);
        sendTmmbr(viewerPeer, viewer, 100_000);
        assertEquals(300_000, RtpEndpointFanOutFeedbackTest.nextRemb(sender.rtcp), "the floor, not the TMMBR's 100 000");
        sendTmmbr(viewerPeer, viewer, 700_000);
        assertEquals(700_000, RtpEndpointFanOutFeedbackTest.nextRemb(sender.rtcp), "above the floor the TMMBR holds");

        // the far end's own b=AS is what it can take at all: it wins over the floor (as kms gives remote limits priority)
        RtpEndpoint capped = fx.endpoint(pipeline, RtpEndpointSettings.defaults()
                .withBandwidths(SdpBandwidths.NONE_WRITTEN.withVideoSendKbps(300, 0)));
        UdpPeer cappedPeer = fx.peer();
        capped.processOffer(cappedPeer.sdp("video", "RTP/AVPF", "96", RtpEndpointFanOutFeedbackTest.VIEWER_VP8)
                .replace("a=rtcp:", "b=AS:200\r\na=rtcp:"));
        source.connect(capped, MediaType.VIDEO);
        long expected = videoCeiling(200_000, assumedPackets(200_000));
        assertEquals(expected, RtpEndpointFanOutFeedbackTest.nextRemb(sender.rtcp), expected * 0.005);
    }

    // --- bad input ---------------------------------------------------------------------------------

    @Test
    void anOfferWithABadSessionBandwidthOrMaxprateIsRefusedNamingTheLine() throws Exception {
        RtpEndpoint endpoint = fx.endpoint(fx.pipeline(), RtpEndpointSettings.defaults());
        UdpPeer peer = fx.peer();
        String good = peer.sdp("video", "RTP/AVPF", "96", "rtpmap:96 VP8/90000");
        for (String[] bad : new String[][] {
                {good.replace("t=0 0\r\n", "b=AS:fast\r\nt=0 0\r\n"), "bandwidth"},
                {good.replace("a=rtcp:", "a=maxprate:0\r\na=rtcp:"), "maxprate"},
                {good.replace("a=rtcp:", "a=maxprate:thirty\r\na=rtcp:"), "maxprate"},
                {good.replace("t=0 0\r\n", "t=0 0\r\na=maxprate:-5\r\n"), "maxprate"}}) {
            SdpNegotiationException e = assertThrows(SdpNegotiationException.class, () -> endpoint.processOffer(bad[0]));
            assertTrue(e.getMessage().contains(bad[1]) && e.lineNumber() > 0, e.getMessage());
        }
        assertNull(endpoint.getRemoteSessionDescriptor(), "nothing applied");
        assertTrue(endpoint.processOffer(good).contains("m=video"), "a good offer after them is answered");
    }
}
