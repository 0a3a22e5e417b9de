package org.webims.media.endpoint.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.webims.media.pipeline.KeyframeCoalescer;
import org.webims.media.pipeline.MediaPipeline;
import org.webims.media.pipeline.MediaType;
import org.webims.media.rtp.RtcpCompound;
import org.webims.media.rtp.RtcpPacketType;
import org.webims.media.rtp.RtcpRemb;
import org.webims.media.rtp.RtcpTmmb;
import org.webims.media.rtp.RtcpWriter;

/**
 * One RtpEndpoint's video relayed to two RtpEndpoints, each with a real UDP peer: what the two
 * viewers' peers ask (TMMBR, PLI) reaches the sending peer as one pipeline would want it, the
 * lower ceiling and one key frame request.
 */
class RtpEndpointFanOutFeedbackTest {

    static final String[] SENDER_VP8 = {"rtpmap:96 VP8/90000", "rtcp-fb:96 nack pli", "rtcp-fb:96 goog-remb"};
    static final String[] VIEWER_VP8 = {"rtpmap:96 VP8/90000", "rtcp-fb:96 nack pli", "rtcp-fb:96 ccm tmmbr"};

    final MediaFixture fx;
    RtpEndpoint source;
    UdpPeer sender;
    RtpEndpoint viewerA;
    UdpPeer peerA;
    RtpEndpoint viewerB;
    UdpPeer peerB;

    RtpEndpointFanOutFeedbackTest() throws Exception {
        fx = new MediaFixture();
    }

    @AfterEach
    void close() throws Exception {
        fx.close();
    }

    /**
     * The sender's endpoint has no key frame rate limit of its own here, so what throttles its
     * PLIs is the source pad's coalescing alone.
     */
    private void relayToTwoViewers() throws Exception {
        relayToTwoViewers(RtpEndpointSettings.defaults(), SENDER_VP8);
    }

    private void relayToTwoViewers(RtpEndpointSettings sourceSettings, String... senderVp8) throws Exception {
        MediaPipeline pipeline = fx.pipeline();
        source = fx.endpoint(pipeline, sourceSettings.withKeyframeRequestInterval(Duration.ZERO));
        sender = fx.peer();
        source.processOffer(sender.sdp("video", "RTP/AVPF", "96", senderVp8));
        viewerA = fx.endpoint(pipeline, RtpEndpointSettings.defaults());
        peerA = fx.peer();
        viewerA.processOffer(peerA.sdp("video", "RTP/AVPF", "96", VIEWER_VP8));
        viewerB = fx.endpoint(pipeline, RtpEndpointSettings.defaults());
        peerB = fx.peer();
        viewerB.processOffer(peerB.sdp("video", "RTP/AVPF", "96", VIEWER_VP8));
        source.connect(viewerA, MediaType.VIDEO);
        source.connect(viewerB, MediaType.VIDEO);
        sender.sendRtp(source.localRtpPort(MediaType.VIDEO), 96, 1, 0, 777, new byte[] {0x10, 0, 0});
        assertTrue(UdpPeer.receive(peerA.rtp) != null && UdpPeer.receive(peerB.rtp) != null, "relayed to both viewers");
        assertTrue(!source.isMediaTranscoding(MediaType.VIDEO), "relayed, not transcoded");
    }

    private static void sendTmmbr(UdpPeer peer, RtpEndpoint to, long bitsPerSecond) throws Exception {
        byte[] b = new byte[64];
        int n = RtcpWriter.writeTmmbr(b, 0, 0x5EE, new int[] {0}, new long[] {bitsPerSecond}, new int[] {0}, 1);
        UdpPeer.send(peer.rtcp, b, n, to.localRtpPort(MediaType.VIDEO) + 1);
    }

    private static void sendPli(UdpPeer peer, RtpEndpoint to) throws Exception {
        byte[] b = new byte[12];
        RtcpWriter.writePli(b, 0, 0x5EE, 0);
        UdpPeer.send(peer.rtcp, b, b.length, to.localRtpPort(MediaType.VIDEO) + 1);
    }

    /** The bitrate of the next REMB reaching {@code socket}. */
    static long nextRemb(DatagramSocket socket) throws Exception {
        return nextLimit(socket, false);
    }

    /** The bitrate of the next TMMBR reaching {@code socket} (its first entry). */
    static long nextTmmbr(DatagramSocket socket) throws Exception {
        return nextLimit(socket, true);
    }

    private static long nextLimit(DatagramSocket socket, boolean tmmbr) throws Exception {
        int type = tmmbr ? RtcpPacketType.RTPFB : RtcpPacketType.PSFB;
        int fmt = tmmbr ? RtcpPacketType.FMT_TMMBR : RtcpPacketType.FMT_AFB;
        byte[] rtcp = RtpEndpointRtcpTest.nextFeedback(socket, type, fmt);
        RtcpCompound compound = new RtcpCompound(true);
        compound.wrap(rtcp, 0, rtcp.length);
        while (compound.next()) {
            if (compound.packetType() == type && compound.count() == fmt) {
                if (tmmbr) {
                    RtcpTmmb entry = new RtcpTmmb();
                    assertTrue(entry.wrap(rtcp, compound.packetOffset(), compound.packetLength()));
                    return entry.bitrate(0);
                }
                RtcpRemb remb = new RtcpRemb();
                assertTrue(remb.wrap(rtcp, compound.packetOffset(), compound.packetLength()));
                return remb.bitrate();
            }
        }
        throw new AssertionError("unreachable");
    }

    /** Reads what reaches {@code socket} for {@code millis}: true if no feedback of this type and FMT came. */
    private static boolean noFeedbackWithin(DatagramSocket socket, int type, int fmt, int millis) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMillis(millis).toNanos();
        int timeout = socket.getSoTimeout();
        RtcpCompound compound = new RtcpCompound(true);
        try {
            while (System.nanoTime() < deadline) {
                socket.setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                byte[] rtcp = UdpPeer.receive(socket);
                if (rtcp == null || !compound.wrap(rtcp, 0, rtcp.length)) {
                    continue;
                }
                while (compound.next()) {
                    if (compound.packetType() == type && compound.count() == fmt) {
                        return false;
                    }
                }
            }
            return true;
        } finally {
            socket.setSoTimeout(timeout);
        }
    }

    private static long stat(RtpEndpoint endpoint, String key) {
        return endpoint.getStats().getOrDefault(key, -1L);
    }

    @Test
    void theSenderIsLimitedToThePoorerViewerUntilThatViewerLeaves() throws Exception {
        relayToTwoViewers();
        sendTmmbr(peerA, viewerA, 200_000);
        assertEquals(200_000, nextRemb(sender.rtcp));

        sendTmmbr(peerB, viewerB, 1_000_000);
        sendTmmbr(peerB, viewerB, 1_000_000);
        MediaFixture.await("B's two TMMBRs read", () -> stat(viewerB, "video.bitrateLimitsReceived") == 2);
        assertTrue(noFeedbackWithin(sender.rtcp, RtcpPacketType.PSFB, RtcpPacketType.FMT_AFB, 500),
                "the better viewer's TMMBRs change nothing upstream");
        assertEquals(200_000, stat(source, "source.VIDEO.bitrateLimit"));

        viewerA.release();
        assertEquals(1_000_000, nextRemb(sender.rtcp), "the poorer viewer gone, the other's ceiling holds");
        MediaFixture.await("two limits sent", () -> stat(source, "video.bitrateLimitsSent") == 2);
        assertEquals(2, stat(source, "source.VIDEO.bitrateLimitsPassed"));
    }

    @Test
    void twoViewersPlisWithinTheIntervalReachTheSenderAsOne() throws Exception {
        relayToTwoViewers();
        sendPli(peerA, viewerA);
        sendPli(peerB, viewerB);
        assertEquals(777, RtpEndpointRtcpTest.feedbackMediaSsrc(sender.rtcp, RtcpPacketType.PSFB, RtcpPacketType.FMT_PLI));
        MediaFixture.await("both PLIs reached the source pad", () -> stat(source, "source.VIDEO.keyframeRequestsPassed")
                + stat(source, "source.VIDEO.keyframeRequestsCoalesced") == 2);
        assertEquals(1, stat(source, "source.VIDEO.keyframeRequestsCoalesced"));
        MediaFixture.await("one PLI sent", () -> stat(source, "video.pliSent") == 1);

        Thread.sleep(Duration.ofNanos(KeyframeCoalescer.DEFAULT_INTERVAL_NANOS).toMillis() + 50);
        sendPli(peerB, viewerB);
        assertEquals(777, RtpEndpointRtcpTest.feedbackMediaSsrc(sender.rtcp, RtcpPacketType.PSFB, RtcpPacketType.FMT_PLI),
                "a PLI after the interval goes through");
        MediaFixture.await("a second PLI sent", () -> stat(source, "video.pliSent") == 2);
        assertEquals(2, stat(source, "source.VIDEO.keyframeRequestsPassed"));
        assertEquals(1, stat(source, "source.VIDEO.keyframeRequestsCoalesced"));
    }

    /**
     * Both limited viewers go: no link holds a limit, and the sender, a browser-like peer that
     * negotiated REMB, is told once the most the source takes (its maxVideoBitrate, 2.5 Mbit/s by
     * default); REMB has no "no limit". Nothing more follows.
     */
    @Test
    void whenBothLimitedViewersLeaveTheSenderGetsOneRembAtTheSourcesMaximum() throws Exception {
        relayToTwoViewers();
        sendTmmbr(peerA, viewerA, 200_000);
        assertEquals(200_000, nextRemb(sender.rtcp));
        sendTmmbr(peerB, viewerB, 500_000);
        MediaFixture.await("B's TMMBR read", () -> stat(viewerB, "video.bitrateLimitsReceived") == 1);
        viewerA.release();
        assertEquals(500_000, nextRemb(sender.rtcp));
        viewerB.release();
        assertEquals(RtpEndpointSettings.DEFAULT_MAX_VIDEO_BITRATE, nextRemb(sender.rtcp), "the limit lifted");
        assertTrue(noFeedbackWithin(sender.rtcp, RtcpPacketType.PSFB, RtcpPacketType.FMT_AFB, 500), "once");
        assertEquals(1, stat(source, "source.VIDEO.bitrateLimitsLifted"));
        assertEquals(0, stat(source, "source.VIDEO.bitrateLimit"));
        MediaFixture.await("three limits sent", () -> stat(source, "video.bitrateLimitsSent") == 3);
    }

    /**
     * An IMS-like sender that negotiated TMMBR only: when the one limited viewer withdraws (its path
     * is released) the sender gets a TMMBR at the source's configured maximum (RFC 5104 §4.2.1.2: a
     * TMMBR never exceeds what was negotiated; we declare no b= line, so the configured maximum is it).
     */
    @Test
    void aTmmbrSenderIsLiftedWithATmmbrAtTheConfiguredMaximum() throws Exception {
        relayToTwoViewers(RtpEndpointSettings.defaults().withMaxVideoBitrate(1_500_000),
                "rtpmap:96 VP8/90000", "rtcp-fb:96 nack pli", "rtcp-fb:96 ccm tmmbr");
        sendTmmbr(peerA, viewerA, 300_000);
        assertEquals(300_000, nextTmmbr(sender.rtcp));
        viewerA.release();
        assertEquals(1_500_000, nextTmmbr(sender.rtcp), "the limit lifted");
        assertEquals(1, stat(source, "source.VIDEO.bitrateLimitsLifted"));
    }
}
