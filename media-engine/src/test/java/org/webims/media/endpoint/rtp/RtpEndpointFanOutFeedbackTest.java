package org.webims.media.endpoint.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.webims.media.pipeline.KeyframeCoalescer;
import org.webims.media.pipeline.MediaPipeline;
import org.webims.media.pipeline.MediaType;
import org.webims.media.rtp.RtcpCompound;
import org.webims.media.rtp.RtcpPacketType;
import org.webims.media.rtp.RtcpRemb;
import org.webims.media.rtp.RtcpTmmb;
import org.webims.media.rtp.ReportBlock;
import org.webims.media.rtp.RtcpWriter;

/**
 * One RtpEndpoint's video relayed to two RtpEndpoints, each with a real UDP peer: what the two
 * viewers' peers ask (TMMBR, PLI) reaches the sending peer as one pipeline would want it, the
 * lower ceiling and one key frame request. Per viewer, several requesters' TMMBRs form a bounding
 * set (RFC 5104 §3.5.4.2) that its TMMBNs list, and a limit whose sender goes silent expires.
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
    RtpEndpointSettings viewerSettings = RtpEndpointSettings.defaults();

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
        viewerA = fx.endpoint(pipeline, viewerSettings);
        peerA = fx.peer();
        viewerA.processOffer(peerA.sdp("video", "RTP/AVPF", "96", VIEWER_VP8));
        viewerB = fx.endpoint(pipeline, viewerSettings);
        peerB = fx.peer();
        viewerB.processOffer(peerB.sdp("video", "RTP/AVPF", "96", VIEWER_VP8));
        source.connect(viewerA, MediaType.VIDEO);
        source.connect(viewerB, MediaType.VIDEO);
        sender.sendRtp(source.localRtpPort(MediaType.VIDEO), 96, 1, 0, 777, new byte[] {0x10, 0, 0});
        assertTrue(UdpPeer.receive(peerA.rtp) != null && UdpPeer.receive(peerB.rtp) != null, "relayed to both viewers");
        assertTrue(!source.isMediaTranscoding(MediaType.VIDEO), "relayed, not transcoded");
    }

    private static void sendTmmbr(UdpPeer peer, RtpEndpoint to, long bitsPerSecond) throws Exception {
        sendTmmbr(peer, to, 0x5EE, bitsPerSecond, 0);
    }

    /** A TMMBR from the peer's source {@code requester}: one entry, MxTBR and measured overhead. */
    private static void sendTmmbr(UdpPeer peer, RtpEndpoint to, int requester, long bitsPerSecond, int overhead)
            throws Exception {
        byte[] b = new byte[64];
        int n = RtcpWriter.writeTmmbr(b, 0, requester, new int[] {0}, new long[] {bitsPerSecond},
                new int[] {overhead}, 1);
        UdpPeer.send(peer.rtcp, b, n, to.localRtpPort(MediaType.VIDEO) + 1);
    }

    /**
     * The media rate a TMMBR tuple leaves a relayed video stream, worked out here from RFC 5104: MxTBR
     * counts every packet's measured overhead (§4.2.1.1), so the payload keeps to MxTBR - 8 x overhead x
     * packet rate (§3.5.4.2's line), at the packets a second a video stream has at the set's lowest
     * MxTBR: 1200-byte payloads, at least 30 a second (decision 0078's model of a stream).
     */
    static long mediaRate(long maxTotalBps, int overhead, long lowestMaxTotalBps) {
        long packets = Math.max(30, (lowestMaxTotalBps + 1200 * 8 - 1) / (1200 * 8));
        return maxTotalBps - 8L * overhead * packets;
    }

    /** An empty receiver report from the peer's source {@code ssrc}: it is still there. */
    private static void sendReceiverReport(UdpPeer peer, RtpEndpoint to, int ssrc) throws Exception {
        byte[] b = new byte[8];
        int n = RtcpWriter.writeReceiverReport(b, 0, ssrc, new ReportBlock[0], 0);
        UdpPeer.send(peer.rtcp, b, n, to.localRtpPort(MediaType.VIDEO) + 1);
    }

    /** Starts a thread sending an RR from the peer's source {@code ssrc} every 200 ms while {@code on} holds. */
    private static Thread reportEvery200Millis(UdpPeer peer, RtpEndpoint to, int ssrc, AtomicBoolean on) {
        Thread reporter = new Thread(() -> {
            try {
                while (on.get()) {
                    sendReceiverReport(peer, to, ssrc);
                    Thread.sleep(200);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        reporter.start();
        return reporter;
    }

    /** The SSRCs the next TMMBN reaching {@code socket} lists (RFC 5104 §4.2.2.1), in its order. */
    static List<Integer> nextTmmbnOwners(DatagramSocket socket) throws Exception {
        byte[] rtcp = RtpEndpointRtcpTest.nextFeedback(socket, RtcpPacketType.RTPFB, RtcpPacketType.FMT_TMMBN);
        RtcpCompound compound = new RtcpCompound(true);
        compound.wrap(rtcp, 0, rtcp.length);
        List<Integer> owners = new ArrayList<>();
        while (compound.next()) {
            if (compound.packetType() == RtcpPacketType.RTPFB && compound.count() == RtcpPacketType.FMT_TMMBN) {
                RtcpTmmb tmmbn = new RtcpTmmb();
                assertTrue(tmmbn.wrap(rtcp, compound.packetOffset(), compound.packetLength()));
                for (int i = 0; i < tmmbn.entryCount(); i++) {
                    owners.add(tmmbn.ssrc(i));
                }
            }
        }
        return owners;
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

    /**
     * One viewer's peer asks through three of its sources (RFC 5104 §3.5.4.2: tuples of MxTBR and
     * measured overhead). 0xA1 (300k, 40 bytes) bounds at low packet rates; 0xA2 (400k, 200 bytes)
     * falls below it above 100k / (8 x 160) = 78 packets/s, so it bounds too; 0xA3 (500k, 40 bytes)
     * lies above 0xA1 at every rate. Each TMMBR is answered with a TMMBN listing both owners, not
     * the last requester, and the limit obeyed stays 0xA1's line at our packet rate (32 a second at
     * 300k: 0xA2's line is 348 800 there).
     */
    @Test
    void tmmbnListsEveryBoundingSetOwner() throws Exception {
        relayToTwoViewers();
        long limit = mediaRate(300_000, 40, 300_000);
        sendTmmbr(peerA, viewerA, 0xA1, 300_000, 40);
        assertEquals(List.of(0xA1), nextTmmbnOwners(peerA.rtcp));
        assertEquals(limit, nextRemb(sender.rtcp));

        sendTmmbr(peerA, viewerA, 0xA2, 400_000, 200);
        assertEquals(List.of(0xA1, 0xA2), nextTmmbnOwners(peerA.rtcp), "both bound at some packet rate");
        sendTmmbr(peerA, viewerA, 0xA3, 500_000, 40);
        assertEquals(List.of(0xA1, 0xA2), nextTmmbnOwners(peerA.rtcp), "0xA3 bounds at no packet rate");
        assertTrue(noFeedbackWithin(sender.rtcp, RtcpPacketType.PSFB, RtcpPacketType.FMT_AFB, 500),
                "the minimum did not move");
        assertEquals(limit, stat(source, "source.VIDEO.bitrateLimit"));
        MediaFixture.await("a TMMBN per TMMBR", () -> stat(viewerA, "video.tmmbnSent") == 3);
    }

    /**
     * A requester lifts its own tuple with a TMMBR at our maximum: the others' limits stay in force
     * (the sender is told the next lowest, not the lift), and the TMMBN names the remaining owner. A
     * TMMBR of MxTBR 0 is no tuple (libwebrtc ignores one too): it neither limits nor lifts.
     */
    @Test
    void aRequesterLiftingItsTupleLeavesTheOthersLimitInForce() throws Exception {
        relayToTwoViewers();
        sendTmmbr(peerA, viewerA, 0xA1, 300_000, 40);
        assertEquals(mediaRate(300_000, 40, 300_000), nextRemb(sender.rtcp));
        assertEquals(List.of(0xA1), nextTmmbnOwners(peerA.rtcp));
        sendTmmbr(peerA, viewerA, 0xA2, 500_000, 40);
        assertEquals(List.of(0xA1), nextTmmbnOwners(peerA.rtcp));

        long a2 = mediaRate(500_000, 40, 500_000);
        sendTmmbr(peerA, viewerA, 0xA1, RtpEndpointSettings.DEFAULT_MAX_VIDEO_BITRATE, 40);
        assertEquals(a2, nextRemb(sender.rtcp), "0xA2's limit holds once 0xA1 lifted its own");
        assertEquals(List.of(0xA2), nextTmmbnOwners(peerA.rtcp));

        sendTmmbr(peerA, viewerA, 0xA2, 0, 40);
        assertEquals(List.of(0xA2), nextTmmbnOwners(peerA.rtcp), "MxTBR 0 leaves 0xA2's tuple as it was");
        assertTrue(noFeedbackWithin(sender.rtcp, RtcpPacketType.PSFB, RtcpPacketType.FMT_AFB, 500), "nor lifts");
        assertEquals(a2, stat(source, "source.VIDEO.bitrateLimit"));
        assertEquals(0, stat(source, "source.VIDEO.bitrateLimitsLifted"));
    }

    /**
     * RFC 5104 §4.2.1.1: a TMMBR's MxTBR includes the overhead the requester measured on each
     * packet, so what the relayed source is asked for is MxTBR less those headers at the stream's
     * packet rate: 300k with 200 bytes of overhead at 32 packets a second leaves 248 800, and the
     * same requester's 300k with none leaves 300 000. The TMMBN states the tuple as it came.
     */
    @Test
    void aTmmbrsMeasuredOverheadComesOffWhatTheRelayedSourceIsAsked() throws Exception {
        relayToTwoViewers();
        sendTmmbr(peerA, viewerA, 0xA1, 300_000, 200);
        assertEquals(List.of(0xA1), nextTmmbnOwners(peerA.rtcp));
        assertEquals(300_000 - 8 * 200 * 32, mediaRate(300_000, 200, 300_000), "32 packets a second at 300k");
        assertEquals(mediaRate(300_000, 200, 300_000), nextRemb(sender.rtcp));
        sendTmmbr(peerA, viewerA, 0xA1, 300_000, 0);
        assertEquals(300_000, nextRemb(sender.rtcp), "no overhead stated: MxTBR is the media rate");
        assertEquals(300_000, stat(source, "source.VIDEO.bitrateLimit"));
    }

    /**
     * Viewer A's peer limits to 200k and then sends no RTCP at all; viewer B's peer limits to 600k
     * and goes on reporting. With a 200 ms report interval the RFC 3550 §6.3.5 timeout is 5 x 200 ms:
     * A's limit expires as if lifted (the sender is told B's 600k, A's endpoint counts it), B's holds
     * while B is heard, and expires in turn once B falls silent (the sender gets the lift).
     */
    @Test
    void limitOfASilentViewerExpires() throws Exception {
        viewerSettings = RtpEndpointSettings.defaults().withRtcpInterval(Duration.ofMillis(200));
        relayToTwoViewers();
        sendTmmbr(peerA, viewerA, 0xA1, 200_000, 0);
        long silentSince = System.nanoTime();
        assertEquals(200_000, nextRemb(sender.rtcp));
        sendTmmbr(peerB, viewerB, 0xB1, 600_000, 0);
        MediaFixture.await("B's TMMBR read", () -> stat(viewerB, "video.bitrateLimitsReceived") == 1);
        AtomicBoolean bReports = new AtomicBoolean(true);
        Thread reporter = reportEvery200Millis(peerB, viewerB, 0xB1, bReports);
        try {
            assertEquals(600_000, nextRemb(sender.rtcp), "A's limit expired; B's holds");
            assertTrue(System.nanoTime() - silentSince >= Duration.ofSeconds(1).toNanos(), "not before the timeout");
            assertEquals(1, stat(viewerA, "video.bitrateLimitsExpired"));
            assertEquals(600_000, stat(source, "source.VIDEO.bitrateLimit"));
            assertTrue(noFeedbackWithin(sender.rtcp, RtcpPacketType.PSFB, RtcpPacketType.FMT_AFB, 1500),
                    "B, still reporting, keeps its limit");
            assertEquals(0, stat(viewerB, "video.bitrateLimitsExpired"));
        } finally {
            bReports.set(false);
            reporter.join();
        }
        assertEquals(RtpEndpointSettings.DEFAULT_MAX_VIDEO_BITRATE, nextRemb(sender.rtcp), "B silent: lifted");
        assertEquals(1, stat(viewerB, "video.bitrateLimitsExpired"));
        assertEquals(1, stat(source, "source.VIDEO.bitrateLimitsLifted"));
    }
    /**
     * One viewer's peer asks from two sources, 0xA1 200k and 0xA2 600k (equal overheads: only 0xA1
     * bounds). 0xA1 falls silent while 0xA2 reports every 200 ms: once 0xA1's tuple expires the
     * bounding set is [0xA2], and the peer is told so unasked, by a TMMBN (RFC 5104 §4.2.2: the media
     * sender notifies its bounding set when it changes); the sender's limit becomes 600k. When 0xA2
     * falls silent too, the set is empty, the TMMBN lists no one (§4.2.2.1) and the sender is lifted.
     */
    @Test
    void whenASilentRequestersTupleExpiresTheOthersAreToldTheNewBoundingSet() throws Exception {
        viewerSettings = RtpEndpointSettings.defaults().withRtcpInterval(Duration.ofMillis(200));
        relayToTwoViewers();
        sendTmmbr(peerA, viewerA, 0xA1, 200_000, 0);
        assertEquals(List.of(0xA1), nextTmmbnOwners(peerA.rtcp));
        assertEquals(200_000, nextRemb(sender.rtcp));
        sendTmmbr(peerA, viewerA, 0xA2, 600_000, 0);
        assertEquals(List.of(0xA1), nextTmmbnOwners(peerA.rtcp), "0xA2 bounds at no packet rate");
        AtomicBoolean a2Reports = new AtomicBoolean(true);
        Thread reporter = reportEvery200Millis(peerA, viewerA, 0xA2, a2Reports);
        try {
            assertEquals(List.of(0xA2), nextTmmbnOwners(peerA.rtcp), "0xA1 expired: told unasked");
            assertEquals(1, stat(viewerA, "video.bitrateLimitsExpired"));
            MediaFixture.await("two answers and one notification", () -> stat(viewerA, "video.tmmbnSent") == 3);
            assertEquals(600_000, nextRemb(sender.rtcp), "0xA2's limit holds");
        } finally {
            a2Reports.set(false);
            reporter.join();
        }
        assertEquals(List.of(), nextTmmbnOwners(peerA.rtcp), "0xA2 expired: the set is empty");
        assertEquals(RtpEndpointSettings.DEFAULT_MAX_VIDEO_BITRATE, nextRemb(sender.rtcp), "lifted");
        MediaFixture.await("and one more notification", () -> stat(viewerA, "video.tmmbnSent") == 4);
    }
}
