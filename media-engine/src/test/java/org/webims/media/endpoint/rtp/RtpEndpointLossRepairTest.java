package org.webims.media.endpoint.rtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.webims.media.pipeline.MediaType;
import org.webims.media.endpoint.rtp.path.RtcpFeedbackReader;
import org.webims.media.rtp.RtpHeaderWriter;
import org.webims.media.rtp.RtpPacket;
import org.webims.media.rtp.payload.Depacketizer;
import org.webims.media.rtp.payload.FrameFlags;
import org.webims.media.rtp.payload.ResequencingDepacketizer;
import org.webims.media.rtp.payload.h264.H264Depacketizer;
import org.webims.media.rtp.payload.vp8.Vp8Depacketizer;
import org.webims.media.rtp.session.NackRequests;
import org.webims.media.srtp.SrtpMasterKey;
import org.webims.media.srtp.SrtpProfile;
import org.webims.media.srtp.SrtpReceiver;
import org.webims.media.srtp.SrtpResult;
import org.webims.media.srtp.SrtpSender;
import org.webims.media.srtp.SrtpSettings;

/**
 * The peer is a plain UDP peer that sends us H.264 or VP8 under RTP/AVPF with generic NACK
 * (RFC 4585 §4.2) and loses chosen packets on purpose: what our receive path asks it for (RFC 4585
 * §6.2.1), what becomes of its answers (the originals again, or RTX, RFC 4588 §4), and where the
 * asking gives up (a PLI, §6.3.1). What reaches the endpoint's sink is put through the
 * resequencing depacketizer every decoding or recording consumer uses.
 */
class RtpEndpointLossRepairTest {

    static final int PEER_SSRC = 0x5eed1234;
    static final int PEER_RTX_SSRC = 0x0badcafe;
    /** Just below the wrap: a loss and its repair cross it. */
    static final int FIRST_SEQ = 65530;
    static final int PER_FRAME = 3;
    static final String[] H264_NACK = {"rtpmap:97 H264/90000", "fmtp:97 profile-level-id=42e01f;packetization-mode=1",
        "rtcp-fb:97 nack", "rtcp-fb:97 nack pli"};
    static final String[] VP8_NACK = {"rtpmap:96 VP8/90000", "rtcp-fb:96 nack", "rtcp-fb:96 nack pli"};
    static final String[] VP8_NACK_RTX_FID = {"rtpmap:96 VP8/90000", "rtcp-fb:96 nack", "rtcp-fb:96 nack pli",
        "rtpmap:97 rtx/90000", "fmtp:97 apt=96", "ssrc-group:FID " + Integer.toUnsignedString(PEER_SSRC) + " "
            + Integer.toUnsignedString(PEER_RTX_SSRC),
        "ssrc:" + Integer.toUnsignedString(PEER_SSRC) + " cname:peer",
        "ssrc:" + Integer.toUnsignedString(PEER_RTX_SSRC) + " cname:peer"};

    enum Answer { ORIGINAL, RTX, NONE }

    final MediaFixture fx;

    RtpEndpointLossRepairTest() throws Exception {
        fx = new MediaFixture();
    }

    @AfterEach
    void close() throws Exception {
        fx.close();
    }

    @Test
    void h264PacketsThePeerLostAreNackedAndItsResentOriginalsCompleteEveryFrameWithoutAPli() throws Exception {
        LossyPeer peer = offer("97", "RTP/AVPF", H264_NACK);
        peer.h264 = true;
        peer.drop(5, 6, 17); // 5 and 6 straddle the wrap
        peer.answer = Answer.ORIGINAL;
        peer.streamUntilRepairedAndFollowedBy(30);

        assertEquals(Set.of(5, 6, 17), peer.nackedIndices(), "our NACKs asked for exactly the lost packets");
        peer.assertEveryFrameReachedTheSinkWhole(new H264Depacketizer(4096));
        assertEquals(0, peer.plis, "no PLI reached the peer");
        RtpEndpoint endpoint = peer.endpoint;
        assertEquals(0L, stat(endpoint, "video.pliSent"));
        assertEquals(3L, stat(endpoint, "video.nackedPackets"));
        assertEquals(3L, stat(endpoint, "video.repairedPackets"));
        assertEquals(0L, stat(endpoint, "video.lossGivenUp"));
        assertInboundStatsShowTheRepair(peer);
    }

    @Test
    void vp8PacketsThePeerLostComeBackAsRtxAndAreRestoredBeforeTheDepacketizer() throws Exception {
        LossyPeer peer = offer("96 97", "RTP/AVPF", VP8_NACK_RTX_FID);
        assertTrue(peer.answerSdp.contains("a=rtpmap:97 rtx/90000") && peer.answerSdp.contains("a=fmtp:97 apt=96"),
                peer.answerSdp);
        peer.drop(4, 6, 20);
        peer.answer = Answer.RTX;
        peer.streamUntilRepairedAndFollowedBy(30);
        // what a sender's bandwidth probing sends too: an RTX of a packet we have, and one of padding only
        peer.sendRtx(peer.rtxOf(10));
        peer.sendRtx(peer.paddingOnlyRtx());
        peer.sendNextFrames(2); // after the probes, so that they were read before the frames are counted

        assertEquals(Set.of(4, 6, 20), peer.nackedIndices());
        peer.assertEveryFrameReachedTheSinkWhole(new Vp8Depacketizer(4096));
        RtpEndpoint endpoint = peer.endpoint;
        MediaFixture.await("the probes counted", () -> stat(endpoint, "video.rtxPaddingOnly") == 1);
        assertEquals(3L, stat(endpoint, "video.rtxRestored"));
        assertEquals(1L, stat(endpoint, "video.rtxDuplicates"), "the RTX of a packet we had is dropped");
        assertEquals(0L, stat(endpoint, "video.rtxNotRestored"));
        assertEquals(0, peer.plis);
        assertEquals(0L, stat(endpoint, "video.pliSent"));
        assertInboundStatsShowTheRepair(peer);
    }

    @Test
    void withoutAFidGroupTheRtxStreamIsTiedToTheVideoSourceWeReceive() throws Exception {
        String[] noFid = Arrays.copyOf(VP8_NACK_RTX_FID, 5);
        LossyPeer peer = offer("96 97", "RTP/AVPF", noFid);
        peer.drop(8);
        peer.answer = Answer.RTX;
        peer.streamUntilRepairedAndFollowedBy(15);
        peer.assertEveryFrameReachedTheSinkWhole(new Vp8Depacketizer(4096));
        assertEquals(1L, stat(peer.endpoint, "video.rtxRestored"));
        assertEquals(0, peer.plis);
    }

    /**
     * A packet that never comes back is asked for {@link NackRequests#MAX_ASKS} times; then it is
     * given up, and that loss becomes one PLI. The peer keeps its video going (our check runs as packets come).
     */
    @Test
    void aLostPacketThePeerNeverResendsBecomesAPliAfterTheLastAsk() throws Exception {
        LossyPeer peer = offer("96", "RTP/AVPF", VP8_NACK);
        peer.drop(7);
        peer.answer = Answer.NONE;
        peer.streamUntil(() -> peer.plis > 0, 3000);

        assertEquals(1, peer.plis, "one PLI");
        assertEquals(List.of(7, 7, 7), peer.nacked, "three asks for the lost packet, nothing else");
        assertEquals(NackRequests.MAX_ASKS, peer.nacked.size());
        RtpEndpoint endpoint = peer.endpoint;
        MediaFixture.await("counted", () -> stat(endpoint, "video.pliSent") == 1);
        assertEquals(1L, stat(endpoint, "video.lossGivenUp"));
        assertEquals(3L, stat(endpoint, "video.nackSent"));
        assertEquals(1, endpoint.inboundStreams().get(0).packetsLost(), "a packet never repaired stays lost");
    }

    /**
     * The peer loses a packet and then sends nothing at all, RTP or RTCP (no rtcp-mux either): the
     * endpoint's timer still asks {@link NackRequests#MAX_ASKS} times and then gives up into one PLI.
     * The test reads our RTCP until that PLI, and waits for no time.
     */
    @Test
    void aPeerThatFallsSilentAfterALossIsStillAskedThreeTimesAndThenForAKeyframe() throws Exception {
        LossyPeer peer = offer("97", "RTP/AVPF", H264_NACK);
        assertFalse(peer.answerSdp.contains("a=rtcp-mux"), peer.answerSdp);
        peer.h264 = true;
        peer.drop(4);
        peer.answer = Answer.NONE;
        peer.sendNextFrames(2); // packets 0 to 5: the one after the loss shows the gap; then silence
        MediaFixture.await("the PLI after the asks", () -> {
            try {
                peer.readRtcp();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            return peer.plis > 0;
        });

        assertEquals(List.of(4, 4, 4), peer.nacked, "three asks for the lost packet, nothing else");
        assertEquals(1, peer.plis, "one PLI");
        assertEquals(6, peer.sentCount(), "nothing sent after the silence began");
        RtpEndpoint endpoint = peer.endpoint;
        MediaFixture.await("counted", () -> stat(endpoint, "video.lossGivenUp") == 1);
        assertEquals(3L, stat(endpoint, "video.nackSent"));
    }

    @Test
    void videoWithoutNackStillAsksForAKeyframeAtOnce() throws Exception {
        LossyPeer peer = offer("96", "RTP/AVPF", "rtpmap:96 VP8/90000", "rtcp-fb:96 nack pli");
        peer.drop(3);
        peer.answer = Answer.NONE;
        peer.streamUntil(() -> peer.plis > 0, 500);
        assertEquals(1, peer.plis);
        assertTrue(peer.nacked.isEmpty(), "no NACK where the peer did not take it");
        assertEquals(-1L, stat(peer.endpoint, "video.nackedPackets"), "no repair state made");
    }

    /**
     * Over SDES-SRTP our NACK goes in SRTCP (RFC 3711 §3.4): the peer decrypts it with our key. Its
     * answer is the protected original it kept, which our SRTP receiver takes: that index never came.
     */
    @Test
    void overSrtpOurNackIsSrtcpThatThePeerDecrypts() throws Exception {
        byte[] peerKey = new byte[30];
        new SecureRandom().nextBytes(peerKey);
        String[] attrs = Arrays.copyOf(H264_NACK, H264_NACK.length + 1);
        attrs[attrs.length - 1] = "crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + Base64.getEncoder().encodeToString(peerKey);
        LossyPeer peer = offer("97", "RTP/SAVPF", attrs);
        peer.h264 = true;
        Matcher key = Pattern.compile("a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:(\\S+)").matcher(peer.answerSdp);
        assertTrue(key.find(), peer.answerSdp);
        peer.srtp = new SrtpSender(masterKey(peerKey), SrtpSettings.DEFAULTS);
        peer.ourSrtcp = new SrtpReceiver(masterKey(Base64.getDecoder().decode(key.group(1))), SrtpSettings.DEFAULTS);
        peer.drop(9);
        peer.answer = Answer.ORIGINAL;
        peer.streamUntilRepairedAndFollowedBy(15);

        assertEquals(Set.of(9), peer.nackedIndices(), "the NACK decrypted and named the lost packet");
        assertTrue(peer.srtcpDecrypted > 0);
        assertEquals(0, peer.srtcpFailed);
        peer.assertEveryFrameReachedTheSinkWhole(new H264Depacketizer(4096));
        assertEquals(0L, stat(peer.endpoint, "video.srtpUnprotectFailures"));
        assertEquals(0, peer.plis);
    }

    private void assertInboundStatsShowTheRepair(LossyPeer peer) throws Exception {
        RtpEndpoint endpoint = peer.endpoint;
        var in = endpoint.inboundStreams().stream().filter(s -> s.mediaType() == MediaType.VIDEO).findFirst()
                .orElseThrow();
        assertEquals(PEER_SSRC, in.ssrc());
        assertEquals(stat(endpoint, "video.nackSent"), in.nackCount(), "RTCInboundRTPStreamStats nackCount");
        assertTrue(in.nackCount() > 0);
        assertEquals(0, in.packetsLost(), "a repaired packet counts as received (RFC 3550 A.3)");
        assertEquals(peer.sentCount(), in.packetsReceived());
        assertEquals(0L, in.pliCount());
    }

    // --- the peer -------------------------------------------------------------------------------

    private LossyPeer offer(String formats, String proto, String... attributes) throws Exception {
        TestSink[] sink = new TestSink[1];
        MediaFixture.Answered a = fx.answerOffer(e -> {
            sink[0] = new TestSink(e.pipeline());
            e.connect(sink[0], MediaType.VIDEO);
        }, "video", proto, formats, attributes);
        return new LossyPeer(a.endpoint(), sink[0], a.peer(), a.answer(), Integer.parseInt(formats.split(" ")[0]));
    }

    private static long stat(RtpEndpoint endpoint, String name) {
        Long v = endpoint.getStats().get(name);
        return v == null ? -1 : v;
    }

    private static SrtpMasterKey masterKey(byte[] keySalt) throws Exception {
        return SrtpMasterKey.of(SrtpProfile.AES_CM_128_HMAC_SHA1_80, Arrays.copyOf(keySalt, 16),
                Arrays.copyOfRange(keySalt, 16, 30));
    }

    /**
     * Sends frames of {@link #PER_FRAME} packets, paced, leaves out the packets at the indices
     * {@link #drop} names, reads our RTCP between packets and answers each NACKed packet once as
     * {@link #answer} says.
     */
    private static final class LossyPeer implements RtcpFeedbackReader.Listener {
        final RtpEndpoint endpoint;
        final TestSink sink;
        final UdpPeer udp;
        final String answerSdp;
        final int pt;
        final int port;
        final RtpHeaderWriter header = new RtpHeaderWriter();
        final RtcpFeedbackReader reader = new RtcpFeedbackReader(this);
        final Set<Integer> dropped = new TreeSet<>();
        final Map<Integer, byte[]> plain = new HashMap<>();
        final Map<Integer, byte[]> wire = new HashMap<>();
        final Set<Integer> answered = new LinkedHashSet<>();
        final List<Integer> nacked = new ArrayList<>();
        boolean h264;
        Answer answer = Answer.ORIGINAL;
        SrtpSender srtp;
        SrtpReceiver ourSrtcp;
        int next;
        int rtxSeq = 100;
        int plis;
        int srtcpDecrypted;
        int srtcpFailed;
        int lastAnswerAt = -1;

        LossyPeer(RtpEndpoint endpoint, TestSink sink, UdpPeer udp, String answerSdp, int pt) throws Exception {
            this.endpoint = endpoint;
            this.sink = sink;
            this.udp = udp;
            this.answerSdp = answerSdp;
            this.pt = pt;
            this.port = endpoint.localRtpPort(MediaType.VIDEO);
            udp.rtcp.setSoTimeout(1);
        }

        void drop(int... indices) {
            for (int i : indices) {
                dropped.add(i);
            }
        }

        int sentCount() {
            return next;
        }

        Set<Integer> nackedIndices() {
            return new TreeSet<>(nacked);
        }

        /** Streams until every dropped packet was answered and {@code after} more followed, ending on a whole frame. */
        void streamUntilRepairedAndFollowedBy(int after) throws Exception {
            streamUntil(() -> answered.size() == dropped.size() && lastAnswerAt >= 0 && next - lastAnswerAt >= after,
                    3000);
        }

        void streamUntil(java.util.function.BooleanSupplier done, int maxPackets) throws Exception {
            while (next < maxPackets && !(done.getAsBoolean() && next % PER_FRAME == 0)) {
                int i = next++;
                byte[] p = packet(i);
                plain.put(i, p);
                byte[] w = protect(p);
                wire.put(i, w);
                if (!dropped.contains(i)) {
                    UdpPeer.send(udp.rtp, w, w.length, port);
                }
                readRtcp(); // paces the stream too: a millisecond's wait for our RTCP
            }
            assertTrue(done.getAsBoolean(), "reached its end within " + maxPackets + " packets: nacked " + nacked
                    + ", answered " + answered + ", PLIs " + plis + ", " + endpoint.getStats());
        }

        void sendNextFrames(int frames) throws Exception {
            int end = next + frames * PER_FRAME;
            streamUntil(() -> next >= end, end);
        }

        void readRtcp() throws Exception {
            byte[] b;
            while ((b = UdpPeer.receive(udp.rtcp)) != null) {
                int len = b.length;
                if (ourSrtcp != null) {
                    if (ourSrtcp.unprotectRtcp(b, 0, len) != SrtpResult.OK) {
                        srtcpFailed++;
                        continue;
                    }
                    srtcpDecrypted++;
                    len -= SrtpProfile.AES_CM_128_HMAC_SHA1_80.srtcpOverhead();
                }
                assertTrue(reader.read(b, 0, len, PEER_SSRC), "our RTCP parses");
            }
        }

        @Override
        public void nack(int mediaSsrc, int[] lost, int count) {
            assertEquals(PEER_SSRC, mediaSsrc, "a NACK names the peer's media source");
            for (int k = 0; k < count; k++) {
                int index = (lost[k] - FIRST_SEQ) & 0xffff;
                nacked.add(index);
                if (answer != Answer.NONE && answered.add(index)) {
                    try {
                        if (answer == Answer.ORIGINAL) {
                            byte[] w = wire.get(index);
                            UdpPeer.send(udp.rtp, w, w.length, port);
                        } else {
                            sendRtx(rtxOf(index));
                        }
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                    lastAnswerAt = next;
                }
            }
        }

        @Override
        public void keyframeRequested(int mediaSsrc, boolean fullIntraRequest) {
            assertFalse(fullIntraRequest);
            plis++;
        }

        void sendRtx(byte[] p) throws Exception {
            UdpPeer.send(udp.rtp, p, p.length, port);
        }

        /** RFC 4588 §4: our rtx SSRC and sequence, payload type 97, the original's timestamp and marker; OSN, then its payload. */
        byte[] rtxOf(int index) {
            byte[] o = plain.get(index);
            RtpPacket original = new RtpPacket();
            assertTrue(original.wrap(o, 0, o.length));
            byte[] payload = new byte[2 + original.payloadLength()];
            payload[0] = (byte) (original.sequenceNumber() >>> 8);
            payload[1] = (byte) original.sequenceNumber();
            System.arraycopy(o, original.payloadOffset(), payload, 2, original.payloadLength());
            return UdpPeer.rtpPacket(header, 97, rtxSeq++, original.timestamp(), PEER_RTX_SSRC, original.marker(),
                    payload, 0);
        }

        /** An rtx packet of padding only (RFC 3550 §5.1 P bit, four bytes of padding): no OSN. */
        byte[] paddingOnlyRtx() {
            byte[] p = UdpPeer.rtpPacket(header, 97, rtxSeq++, 0, PEER_RTX_SSRC, false, new byte[] {0, 0, 0, 4}, 0);
            p[0] |= 0x20;
            return p;
        }

        /** Packet {@code i}: frame i / 3, an IDR or VP8 key frame first; H.264 as FU-A fragments (RFC 6184 §5.8). */
        byte[] packet(int i) {
            int frame = i / PER_FRAME;
            int part = i % PER_FRAME;
            byte[] payload = new byte[40];
            for (int k = 0; k < payload.length; k++) {
                payload[k] = (byte) (i * 7 + k);
            }
            if (h264) {
                int type = frame == 0 ? 5 : 1;
                payload[0] = 0x7C; // FU indicator: NRI 3, type 28
                payload[1] = (byte) ((part == 0 ? 0x80 : part == PER_FRAME - 1 ? 0x40 : 0) | type);
            } else {
                payload[0] = (byte) (part == 0 ? 0x10 : 0x00); // VP8 descriptor: S bit on a frame's first packet
                if (part == 0) {
                    payload[1] = (byte) (frame == 0 ? 0x00 : 0x01); // frame tag: P bit clear on the key frame
                }
            }
            header.payloadType(pt);
            return UdpPeer.rtpPacket(header, pt, (FIRST_SEQ + i) & 0xffff, 3000L * frame, PEER_SSRC,
                    part == PER_FRAME - 1, payload, srtp == null ? 0 : 10);
        }

        byte[] protect(byte[] p) {
            if (srtp == null) {
                return p;
            }
            byte[] b = p.clone();
            int len = p.length - 10;
            assertEquals(SrtpResult.OK, srtp.protectRtp(b, 0, len));
            return Arrays.copyOf(b, len + SrtpProfile.AES_CM_128_HMAC_SHA1_80.srtpOverhead());
        }

        /**
         * Every packet sent reached the sink once, with its payload; through a resequencing
         * depacketizer (with no wall-clock limit: it is fed after the fact) they make every frame,
         * none flagged as after a loss.
         */
        void assertEveryFrameReachedTheSinkWhole(Depacketizer inner) throws Exception {
            MediaFixture.await("every packet at the sink", () -> sink.received.size() >= next);
            Map<Integer, TestSink.Received> bySeq = new HashMap<>();
            List<TestSink.Received> inOrder = new ArrayList<>(sink.received);
            for (TestSink.Received r : inOrder) {
                assertEquals(null, bySeq.put(r.seq(), r), "packet " + r.seq() + " reached the sink once");
                assertEquals(PEER_SSRC, r.ssrc());
            }
            assertEquals(next, bySeq.size());
            RtpPacket original = new RtpPacket();
            for (int i = 0; i < next; i++) {
                TestSink.Received r = bySeq.get((FIRST_SEQ + i) & 0xffff);
                assertNotNull(r, "packet " + i);
                byte[] o = plain.get(i);
                assertTrue(original.wrap(o, 0, o.length - (srtp == null ? 0 : 10)));
                assertArrayEquals(Arrays.copyOfRange(o, original.payloadOffset(), original.payloadOffset()
                        + original.payloadLength()), r.payload(), "payload of packet " + i);
            }
            ResequencingDepacketizer frames = new ResequencingDepacketizer(inner, Long.MAX_VALUE / 4);
            RtpHeaderWriter h = new RtpHeaderWriter();
            RtpPacket p = new RtpPacket();
            int[] count = new int[2];
            for (TestSink.Received r : inOrder) {
                byte[] b = UdpPeer.rtpPacket(h, pt, r.seq(), r.timestamp(), r.ssrc(), r.marker(), r.payload(), 0);
                assertTrue(p.wrap(b, 0, b.length));
                frames.push(p, (buf, off, len, ts, flags) -> {
                    count[0]++;
                    if (FrameFlags.isAfterLoss(flags)) {
                        count[1]++;
                    }
                });
            }
            assertEquals(next / PER_FRAME, count[0], "every frame");
            assertEquals(0, count[1], "none after a loss");
        }
    }
}
