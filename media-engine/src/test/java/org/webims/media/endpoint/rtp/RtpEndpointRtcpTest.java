package org.webims.media.endpoint.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.webims.media.pipeline.MediaFormat;
import org.webims.media.pipeline.MediaPipeline;
import org.webims.media.pipeline.MediaType;
import org.webims.media.rtp.ReportBlock;
import org.webims.media.rtp.RtcpCompound;
import org.webims.media.rtp.RtcpPacketType;
import org.webims.media.rtp.RtcpRemb;
import org.webims.media.rtp.RtcpSenderReport;
import org.webims.media.rtp.RtcpWriter;
import org.webims.media.rtp.RtpPacket;
import org.webims.media.rtp.RtpReceptionStats;

class RtpEndpointRtcpTest {

    static final String[] VP8 = {"rtpmap:96 VP8/90000", "rtcp-fb:96 nack pli", "rtcp-fb:96 goog-remb"};

    final MediaFixture fx;

    RtpEndpointRtcpTest() throws Exception {
        fx = new MediaFixture();
    }

    @AfterEach
    void close() throws Exception {
        fx.close();
    }

    @Test
    void pliFromThePeerReachesTheUpstreamSourceAsAKeyframeRequest() throws Exception {
        MediaPipeline pipeline = fx.pipeline();
        RtpEndpoint endpoint = fx.endpoint(pipeline, RtpEndpointSettings.defaults());
        TestSource source = new TestSource(pipeline);
        source.connect(endpoint, MediaType.VIDEO);
        UdpPeer peer = fx.peer();
        endpoint.processOffer(peer.sdp("video", "RTP/AVPF", "96", VP8));
        byte[] pli = new byte[12];
        RtcpWriter.writePli(pli, 0, 1234, 0);
        UdpPeer.send(peer.rtcp, pli, pli.length, endpoint.localRtpPort(MediaType.VIDEO) + 1);
        MediaFixture.await("keyframe request upstream", () -> source.keyframeRequests.get() == 1);
        assertEquals(1L, endpoint.getStats().get("video.keyframeRequestsReceived"));
    }

    /** RFC 5104 §4.3.1 and §4.2.1: a FIR and a TMMBR naming our video stream reach its source. */
    @Test
    void firAndTmmbrFromThePeerBecomeAKeyframeRequestAndABitrateLimitUpstream() throws Exception {
        MediaPipeline pipeline = fx.pipeline();
        RtpEndpoint endpoint = fx.endpoint(pipeline, RtpEndpointSettings.defaults());
        TestSource source = new TestSource(pipeline);
        source.connect(endpoint, MediaType.VIDEO);
        UdpPeer peer = fx.peer();
        endpoint.processOffer(peer.sdp("video", "RTP/AVPF", "96", "rtpmap:96 VP8/90000", "rtcp-fb:96 ccm fir",
                "rtcp-fb:96 ccm tmmbr"));
        source.send(MediaFormat.video("VP8"), new byte[] {0x10, 0, 1}, 1, 0, 77);
        byte[] ours = UdpPeer.receive(peer.rtp);
        RtpPacket rtp = new RtpPacket();
        assertTrue(rtp.wrap(ours, 0, ours.length));
        int rtcpPort = endpoint.localRtpPort(MediaType.VIDEO) + 1;

        byte[] fir = new byte[20];
        int n = RtcpWriter.writeFir(fir, 0, 1234, new int[] {rtp.ssrc()}, new int[] {1}, 1);
        UdpPeer.send(peer.rtcp, fir, n, rtcpPort);
        MediaFixture.await("keyframe request upstream", () -> source.keyframeRequests.get() == 1);

        byte[] tmmbr = new byte[20];
        n = RtcpWriter.writeTmmbr(tmmbr, 0, 1234, new int[] {rtp.ssrc()}, new long[] {256_000}, new int[] {40}, 1);
        UdpPeer.send(peer.rtcp, tmmbr, n, rtcpPort);
        // RFC 5104 §4.2.1.1: MxTBR counts 40 bytes on each of the 30 packets a second a 256k video stream has
        MediaFixture.await("bitrate limit upstream", () -> source.bitrateLimit.get() == 256_000 - 8 * 40 * 30);
    }

    @Test
    void amrWbModeRequestFromThePeerBecomesABitrateLimitUpstream() throws Exception {
        MediaPipeline pipeline = fx.pipeline();
        RtpEndpoint endpoint = fx.endpoint(pipeline, RtpEndpointMediaTest.AUDIO_ONLY);
        TestSource source = new TestSource(pipeline);
        source.connect(endpoint, MediaType.AUDIO);
        UdpPeer peer = fx.peer();
        String answer = endpoint.processOffer(peer.sdp("audio", "RTP/AVP", "100",
                "rtpmap:100 AMR-WB/16000", "fmtp:100 octet-align=1"));
        assertTrue(answer.contains("AMR-WB/16000"), answer);
        // RFC 4867 §4.4.1: CMR 2 (12.65 kbit/s) in the first four bits, then a ToC of mode 8
        byte[] payload = new byte[2 + 60];
        payload[0] = (byte) (2 << 4);
        payload[1] = (byte) ((8 << 3) | 0x04);
        peer.sendRtp(endpoint.localRtpPort(MediaType.AUDIO), 100, 1, 0, 9, payload);
        MediaFixture.await("bitrate limit upstream", () -> source.bitrateLimit.get() == 12_650);
    }

    @Test
    void sendsSenderReportsWithCnameAndReadsTheReceiverReportsOfThePeer() throws Exception {
        OpusCall call = opusCallReportingEvery100Ms();
        RtpEndpoint endpoint = call.endpoint();
        TestSource source = call.source();
        UdpPeer peer = call.peer();
        for (int i = 0; i < 5; i++) {
            source.send(RtpEndpointMediaTest.OPUS, new byte[] {1, 2, 3}, i, 960L * i, 1);
        }
        byte[] rtp = UdpPeer.receive(peer.rtp);
        RtpPacket packet = new RtpPacket();
        assertTrue(packet.wrap(rtp, 0, rtp.length));
        int ourSsrc = packet.ssrc();

        RtcpCompound compound = new RtcpCompound();
        RtcpSenderReport sr = new RtcpSenderReport();
        boolean sawSr = false;
        boolean sawCname = false;
        for (int tries = 0; tries < 20 && !(sawSr && sawCname); tries++) {
            byte[] rtcp = UdpPeer.receive(peer.rtcp);
            assertNotNull(rtcp, "RTCP reports arrive on the announced RTCP port");
            assertTrue(compound.wrap(rtcp, 0, rtcp.length), "a valid compound packet");
            while (compound.next()) {
                if (compound.packetType() == RtcpPacketType.SR) {
                    assertTrue(sr.wrap(rtcp, compound.packetOffset(), compound.packetLength()));
                    assertEquals(ourSsrc, sr.ssrc());
                    sawSr = sr.packetCount() == 5;
                } else if (compound.packetType() == RtcpPacketType.SDES) {
                    int item = compound.packetOffset() + 8; // RFC 3550 §6.5: SSRC, then items
                    sawCname |= rtcp[item] == RtcpPacketType.SDES_CNAME && rtcp[item + 1] > 0;
                }
            }
        }
        assertTrue(sawSr, "an SR counting the 5 packets sent");
        assertTrue(sawCname, "SDES with a CNAME");

        ReportBlock block = new ReportBlock();
        block.ssrc = ourSsrc;
        block.fractionLost = 64;
        block.cumulativeLost = 5;
        block.extendedHighestSequence = 100;
        block.jitter = 33;
        byte[] rr = new byte[64];
        int n = RtcpWriter.writeReceiverReport(rr, 0, 4321, new ReportBlock[] {block}, 1);
        UdpPeer.send(peer.rtcp, rr, n, endpoint.localRtpPort(MediaType.AUDIO) + 1);
        MediaFixture.await("receiver report read", () -> endpoint.getStats().get("audio.remoteFractionLost") == 64);
        assertEquals(5L, endpoint.getStats().get("audio.remotePacketsLost"));
        assertEquals(33L, endpoint.getStats().get("audio.remoteJitter"));
    }

    /**
     * The peer loses every tenth of our packets (it ignores them) and reports on what it got with
     * the engine's receiver accounting (RFC 3550 A.1, A.3, A.8) and the LSR/DLSR of our sender
     * report: our outbound stream shows that loss, its fraction and jitter, and a round trip.
     */
    @Test
    void theLossThePeersReceiverReportStatesIsOurOutboundStreamsLoss() throws Exception {
        OpusCall call = opusCallReportingEvery100Ms();
        RtpEndpoint endpoint = call.endpoint();
        TestSource source = call.source();
        UdpPeer peer = call.peer();
        RtpPacket packet = new RtpPacket();
        RtpReceptionStats reception = null;
        int got = 0;
        for (int i = 0; i < 200; i++) {
            source.send(RtpEndpointMediaTest.OPUS, new byte[] {1, 2, 3}, i, 960L * i, 1);
            byte[] rtp = UdpPeer.receive(peer.rtp);
            assertNotNull(rtp, "packet " + i + " reaches the peer");
            assertTrue(packet.wrap(rtp, 0, rtp.length));
            if (i % 10 == 4) {
                continue; // lost on the way
            }
            if (reception == null) {
                reception = new RtpReceptionStats(packet.ssrc(), 1);
            }
            reception.update(packet.sequenceNumber(), packet.timestamp(), System.nanoTime() / 1000 * 48 / 1000);
            got++;
        }
        assertEquals(180, got);
        int ourSsrc = reception.ssrc();
        RtcpSenderReport sr = new RtcpSenderReport();
        RtcpCompound compound = new RtcpCompound();
        boolean sawSr = false;
        for (int tries = 0; tries < 20 && !sawSr; tries++) {
            byte[] rtcp = UdpPeer.receive(peer.rtcp);
            assertNotNull(rtcp, "our sender reports arrive");
            assertTrue(compound.wrap(rtcp, 0, rtcp.length));
            while (compound.next()) {
                if (compound.packetType() == RtcpPacketType.SR) {
                    assertTrue(sr.wrap(rtcp, compound.packetOffset(), compound.packetLength()));
                    reception.onSenderReport(sr.ntpTimestamp(), System.nanoTime());
                    sawSr = true;
                }
            }
        }
        assertTrue(sawSr, "an SR to echo as LSR");
        ReportBlock block = new ReportBlock();
        reception.takeReport(block, System.nanoTime());
        assertEquals(20, block.cumulativeLost, "the peer's own count");
        assertEquals(25, block.fractionLost, "20 of 200 in 1/256 (RFC 3550 §6.4.1)");
        byte[] rr = new byte[64];
        int n = RtcpWriter.writeReceiverReport(rr, 0, 4321, new ReportBlock[] {block}, 1);
        UdpPeer.send(peer.rtcp, rr, n, endpoint.localRtpPort(MediaType.AUDIO) + 1);

        MediaFixture.await("the report read", () -> endpoint.outboundStreams().get(0).packetsLost() == 20);
        OutboundRtpStats out = endpoint.outboundStreams().get(0);
        assertEquals(ourSsrc, out.ssrc());
        assertEquals(MediaType.AUDIO, out.mediaType());
        assertEquals(200, out.packetsSent());
        assertEquals(25 / 256.0, out.fractionLost());
        assertEquals(block.jitter / 48000.0, out.jitterSeconds());
        assertTrue(out.roundTripSeconds() > 0 && out.roundTripSeconds() < 1, "round trip " + out.roundTripSeconds());
        assertTrue(endpoint.getStats().get("audio.roundTripMillis") >= 0, "a round trip was measured");
    }

    @Test
    void keyframeRequestsFromThePipelineBecomeRateLimitedPliToThePeer() throws Exception {
        MediaPipeline pipeline = fx.pipeline();
        RtpEndpoint endpoint = fx.endpoint(pipeline,
                RtpEndpointSettings.defaults().withKeyframeRequestInterval(Duration.ofMinutes(1)));
        TestSink sink = new TestSink(pipeline);
        endpoint.connect(sink, MediaType.VIDEO);
        UdpPeer peer = fx.peer();
        endpoint.processOffer(peer.sdp("video", "RTP/AVPF", "96", VP8));
        peer.sendRtp(endpoint.localRtpPort(MediaType.VIDEO), 96, 1, 0, 555, new byte[] {0x10, 0, 0});
        sink.next();
        sink.sinkPad(MediaType.VIDEO).requestKeyframe();
        sink.sinkPad(MediaType.VIDEO).requestKeyframe();
        assertEquals(555, feedbackMediaSsrc(peer.rtcp, RtcpPacketType.PSFB, RtcpPacketType.FMT_PLI));
        assertEquals(1L, endpoint.getStats().get("video.keyframeRequestsSent"));
        assertEquals(1L, endpoint.getStats().get("video.keyframeRequestsSuppressed"), "the second within the interval");
    }

    @Test
    void aSequenceGapInReceivedVideoSendsPli() throws Exception {
        MediaPipeline pipeline = fx.pipeline();
        RtpEndpoint endpoint = fx.endpoint(pipeline, RtpEndpointSettings.defaults());
        TestSink sink = new TestSink(pipeline);
        endpoint.connect(sink, MediaType.VIDEO);
        UdpPeer peer = fx.peer();
        endpoint.processOffer(peer.sdp("video", "RTP/AVPF", "96", VP8));
        int port = endpoint.localRtpPort(MediaType.VIDEO);
        peer.sendRtp(port, 96, 10, 0, 556, new byte[] {0x10, 0, 0});
        peer.sendRtp(port, 96, 14, 3000, 556, new byte[] {0x10, 0, 0});
        assertEquals(556, feedbackMediaSsrc(peer.rtcp, RtcpPacketType.PSFB, RtcpPacketType.FMT_PLI));
        assertEquals(1L, endpoint.getStats().get("video.lossEvents"));
    }

    @Test
    void bitrateLimitsFromThePipelineBecomeRembToThePeer() throws Exception {
        MediaPipeline pipeline = fx.pipeline();
        RtpEndpoint endpoint = fx.endpoint(pipeline, RtpEndpointSettings.defaults());
        TestSink sink = new TestSink(pipeline);
        endpoint.connect(sink, MediaType.VIDEO);
        UdpPeer peer = fx.peer();
        endpoint.processOffer(peer.sdp("video", "RTP/AVPF", "96", VP8));
        sink.sinkPad(MediaType.VIDEO).limitBitrate(300_000);
        byte[] rtcp = nextFeedback(peer.rtcp, RtcpPacketType.PSFB, RtcpPacketType.FMT_AFB);
        RtcpCompound compound = new RtcpCompound(true);
        compound.wrap(rtcp, 0, rtcp.length);
        RtcpRemb remb = new RtcpRemb();
        while (compound.next()) {
            if (compound.packetType() == RtcpPacketType.PSFB) {
                assertTrue(remb.wrap(rtcp, compound.packetOffset(), compound.packetLength()));
                assertEquals(300_000, remb.bitrate());
            }
        }
    }

    /** An audio-only endpoint fed by a test source, in an opus call with a UDP peer, reporting every 100 ms. */
    private OpusCall opusCallReportingEvery100Ms() throws Exception {
        MediaPipeline pipeline = fx.pipeline();
        RtpEndpoint endpoint = fx.endpoint(pipeline,
                RtpEndpointMediaTest.AUDIO_ONLY.withRtcpInterval(Duration.ofMillis(100)));
        TestSource source = new TestSource(pipeline);
        source.connect(endpoint, MediaType.AUDIO);
        UdpPeer peer = fx.peer();
        endpoint.processOffer(peer.sdp("audio", "RTP/AVP", "111", "rtpmap:111 opus/48000/2"));
        return new OpusCall(endpoint, source, peer);
    }

    private record OpusCall(RtpEndpoint endpoint, TestSource source, UdpPeer peer) {
    }

    /** Reads RTCP until a feedback message of this type and FMT; returns its media SSRC. */
    static int feedbackMediaSsrc(DatagramSocket socket, int type, int fmt) throws Exception {
        byte[] rtcp = nextFeedback(socket, type, fmt);
        RtcpCompound compound = new RtcpCompound(true);
        compound.wrap(rtcp, 0, rtcp.length);
        while (compound.next()) {
            if (compound.packetType() == type && compound.count() == fmt) {
                int at = compound.packetOffset() + 8;
                return ((rtcp[at] & 0xFF) << 24) | ((rtcp[at + 1] & 0xFF) << 16) | ((rtcp[at + 2] & 0xFF) << 8)
                        | (rtcp[at + 3] & 0xFF);
            }
        }
        throw new AssertionError("unreachable");
    }

    static byte[] nextFeedback(DatagramSocket socket, int type, int fmt) throws Exception {
        RtcpCompound compound = new RtcpCompound(true);
        for (int tries = 0; tries < 20; tries++) {
            byte[] rtcp = UdpPeer.receive(socket);
            assertNotNull(rtcp, "RTCP feedback expected");
            assertTrue(compound.wrap(rtcp, 0, rtcp.length));
            while (compound.next()) {
                if (compound.packetType() == type && compound.count() == fmt) {
                    return rtcp;
                }
            }
        }
        throw new AssertionError("no RTCP " + type + "/" + fmt);
    }
}
