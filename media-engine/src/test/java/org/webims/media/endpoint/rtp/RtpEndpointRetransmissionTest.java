package org.webims.media.endpoint.rtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.webims.media.pipeline.MediaFormat;
import org.webims.media.pipeline.MediaPipeline;
import org.webims.media.pipeline.MediaType;
import org.webims.media.rtp.NtpTime;
import org.webims.media.rtp.ReportBlock;
import org.webims.media.rtp.RtcpWriter;
import org.webims.media.rtp.RtpPacket;
import org.webims.media.rtp.session.RetransmissionBudget;
import org.webims.media.srtp.SrtpMasterKey;
import org.webims.media.srtp.SrtpProfile;
import org.webims.media.srtp.SrtpReceiver;
import org.webims.media.srtp.SrtpResult;
import org.webims.media.srtp.SrtpSender;
import org.webims.media.srtp.SrtpSettings;

/**
 * The peer is a plain UDP peer that negotiates RTP/AVPF video with generic NACK (RFC 4585
 * §4.2), with and without rtx (RFC 4588), receives our video, pretends to have lost some of it
 * and NACKs it (RFC 4585 §6.2.1): what comes back, and what does not.
 */
class RtpEndpointRetransmissionTest {

    static final MediaFormat VP8 = MediaFormat.video("VP8");
    static final MediaFormat H264 = MediaFormat.video("H264").with("packetization-mode", "1");
    /** H.264 with generic NACK for every payload type of the m-line ("*", RFC 4585 §4.2). */
    static final String[] H264_NACK = {"rtpmap:97 H264/90000", "fmtp:97 profile-level-id=42e01f;packetization-mode=1",
        "rtcp-fb:* nack", "rtcp-fb:97 nack pli"};
    static final String[] VP8_NACK = {"rtpmap:96 VP8/90000", "rtcp-fb:96 nack", "rtcp-fb:96 nack pli"};
    static final String[] VP8_NACK_RTX = {"rtpmap:96 VP8/90000", "rtcp-fb:96 nack", "rtcp-fb:96 nack pli",
        "rtpmap:97 rtx/90000", "fmtp:97 apt=96"};
    static final int PEER_SSRC = 4321;

    final MediaFixture fx;

    RtpEndpointRetransmissionTest() throws Exception {
        fx = new MediaFixture();
    }

    @AfterEach
    void close() throws Exception {
        fx.close();
    }

    @Test
    void nackedPacketsComeBackUnchangedInTheOriginalStreamWhenNoRtxWasNegotiated() throws Exception {
        Call call = videoCall("97", H264_NACK);
        call.format = H264;
        assertFalse(call.answer.contains("rtx"), call.answer);
        Map<Integer, byte[]> sent = call.sendAndReceive(30, 200);
        int first = call.firstSeq;
        call.nack(call.peer.rtcp, first + 5, first + 6, first + 20);
        for (int want : new int[] {first + 5, first + 6, first + 20}) {
            byte[] again = UdpPeer.receive(call.peer.rtp);
            assertNotNull(again, "retransmission of " + want);
            assertArrayEquals(sent.get(want), again, "packet " + want + " again, byte for byte");
        }
        MediaFixture.await("counted", () -> stat(call, "video.retransmitted") == 3);
        assertEquals(1L, stat(call, "video.nackReceived"));
        assertEquals(30L, stat(call, "video.rtpPacketsSent"), "retransmissions are not new packets");
    }

    @Test
    void nackedPacketsComeBackInTheRtxStreamWithTheirOriginalSequenceNumberFirst() throws Exception {
        Call call = videoCall("96 97", VP8_NACK_RTX);
        assertTrue(call.answer.contains("a=rtpmap:97 rtx/90000") && call.answer.contains("a=fmtp:97 apt=96"),
                call.answer);
        long[] fid = fidGroup(call.answer);
        Map<Integer, byte[]> sent = call.sendAndReceive(30, 200);
        int first = call.firstSeq;
        assertEquals(fid[0], Integer.toUnsignedLong(call.mediaSsrc), "FID names our media SSRC first");
        call.nack(call.peer.rtcp, first + 3, first + 17);
        RtpPacket rtx = new RtpPacket();
        RtpPacket original = new RtpPacket();
        int rtxSeq = -1;
        for (int want : new int[] {first + 3, first + 17}) {
            byte[] b = UdpPeer.receive(call.peer.rtp);
            assertNotNull(b, "retransmission of " + want);
            assertTrue(rtx.wrap(b, 0, b.length));
            byte[] o = sent.get(want);
            assertTrue(original.wrap(o, 0, o.length));
            assertEquals(97, rtx.payloadType());
            assertEquals(fid[1], Integer.toUnsignedLong(rtx.ssrc()), "the rtx SSRC our FID group names");
            assertNotEquals(call.mediaSsrc, rtx.ssrc());
            assertEquals(original.timestamp(), rtx.timestamp());
            assertEquals(original.marker(), rtx.marker());
            if (rtxSeq >= 0) {
                assertEquals((rtxSeq + 1) & 0xffff, rtx.sequenceNumber(), "the rtx stream's own sequence");
            }
            rtxSeq = rtx.sequenceNumber();
            int at = rtx.payloadOffset();
            assertEquals(want & 0xffff, ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff), "OSN (RFC 4588 §4)");
            assertArrayEquals(Arrays.copyOfRange(o, original.payloadOffset(), o.length),
                    Arrays.copyOfRange(b, at + 2, b.length), "the original payload");
        }
        MediaFixture.await("counted", () -> stat(call, "video.retransmitted") == 2);
    }

    @Test
    void ourOfferUnderAvpfCarriesRtxPerVideoCodecAndItsAnswerIsUsed() throws Exception {
        MediaPipeline pipeline = fx.pipeline();
        RtpEndpoint endpoint = fx.endpoint(pipeline, RtpEndpointSettings.defaults().withOfferedMedia(false, true));
        TestSource source = new TestSource(pipeline);
        source.connect(endpoint, MediaType.VIDEO);
        String offer = endpoint.generateOffer();
        Matcher vp8 = Pattern.compile("a=rtpmap:(\\d+) VP8/90000").matcher(offer);
        assertTrue(vp8.find(), offer);
        Matcher rtx = Pattern.compile("a=fmtp:(\\d+) apt=" + vp8.group(1) + "\r\n").matcher(offer);
        assertTrue(rtx.find(), "rtx for VP8: " + offer);
        assertTrue(Pattern.compile("a=fmtp:\\d+ apt=\\d+\r\n").matcher(offer.substring(rtx.end())).find(),
                "and for H.264: " + offer);
        long[] fid = fidGroup(offer);
        String plain = fx.endpoint(pipeline, RtpEndpointSettings.defaults().withOfferedMedia(false, true)
                .withProfile(RtpEndpointSettings.RtpProfile.AVP)).generateOffer();
        assertFalse(plain.contains("rtx"), "no rtx without RFC 4585 feedback: " + plain);

        UdpPeer peer = fx.peer();
        String vp8Pt = vp8.group(1);
        String rtxPt = rtx.group(1);
        endpoint.processAnswer(peer.sdp("video", "RTP/AVPF", vp8Pt + " " + rtxPt, "rtpmap:" + vp8Pt + " VP8/90000",
                "rtcp-fb:" + vp8Pt + " nack", "rtpmap:" + rtxPt + " rtx/90000", "fmtp:" + rtxPt + " apt=" + vp8Pt));
        Call call = new Call(endpoint, source, peer, null);
        call.sendAndReceive(10, 100);
        call.nack(peer.rtcp, call.firstSeq + 4);
        byte[] b = UdpPeer.receive(peer.rtp);
        assertNotNull(b);
        RtpPacket p = new RtpPacket();
        assertTrue(p.wrap(b, 0, b.length));
        assertEquals(Integer.parseInt(rtxPt), p.payloadType());
        assertEquals(fid[1], Integer.toUnsignedLong(p.ssrc()));
    }

    @Test
    void aNackForAPacketSentMoreThanASecondAgoGetsNothing() throws Exception {
        Call call = videoCall("96", VP8_NACK);
        Map<Integer, byte[]> sent = call.sendAndReceive(5, 100);
        Thread.sleep(1100); // RetransmissionCache.MAX_AGE_NANOS: a second
        int fresh = call.firstSeq + 5;
        call.source.send(VP8, payload(5, 100), 5, 3000L * 5, 1);
        sent.put(fresh, UdpPeer.receive(call.peer.rtp));
        call.nack(call.peer.rtcp, call.firstSeq + 1, fresh);
        assertArrayEquals(sent.get(fresh), UdpPeer.receive(call.peer.rtp), "only the fresh one comes back");
        MediaFixture.await("counted", () -> stat(call, "video.retransmitted") == 1);
        assertEquals(1L, stat(call, "video.nackedTooOld"));
    }

    /**
     * A receiver NACKing all 40 packets ten times over gets back what the budget's start and a
     * quarter of the bytes sent buy ({@link RetransmissionBudget}): 26 of the 400 asked for (16 KiB
     * and 40 * 1012 / 4 bytes, in packets of 1012), the rest counted.
     */
    @Test
    void aNackStormGetsOnlyWhatTheRetransmissionBudgetBuys() throws Exception {
        Call call = videoCall("96", VP8_NACK);
        call.sendAndReceive(40, 1000);
        int packet = 12 + 1000; // no CSRC, no extension
        long buys = (RetransmissionBudget.START_BYTES + 40L * packet / RetransmissionBudget.SHARE_DIVISOR) / packet;
        assertEquals(26, buys);
        int[] all = new int[40];
        for (int i = 0; i < 40; i++) {
            all[i] = call.firstSeq + i;
        }
        for (int round = 0; round < 10; round++) {
            call.nack(call.peer.rtcp, all);
        }
        MediaFixture.await("all 400 requests handled", () -> stat(call, "video.retransmitted")
                + stat(call, "video.nackedRateLimited") + stat(call, "video.nackedWithinRoundTrip") == 400);
        assertEquals(buys, stat(call, "video.retransmitted"));
        // a repeat within a round trip of a packet's resend is not resent (nor charged): how many fell
        // within it depends on how fast the NACKs came, never the number resent
        assertEquals(400 - buys, stat(call, "video.nackedRateLimited") + stat(call, "video.nackedWithinRoundTrip"));
        for (int i = 0; i < buys; i++) {
            assertNotNull(UdpPeer.receive(call.peer.rtp), "retransmission " + i);
        }
    }

    /**
     * The peer's receiver reports a round trip of two seconds (its LSR names an SR of ours two seconds
     * back); within it a second NACK for a packet already resent gets nothing (libwebrtc's senders do
     * the same), while a packet not resent yet is. The NACKs are handled in order on one socket, so
     * the next packet the peer receives after the repeat is the other one.
     */
    @Test
    void twoNacksForOnePacketWithinARoundTripGetOneResend() throws Exception {
        Call call = videoCall("96", VP8_NACK);
        Map<Integer, byte[]> sent = call.sendAndReceive(10, 100);
        call.reportRoundTrip(2_000_000_000L);
        MediaFixture.await("the round trip measured", () -> stat(call, "video.roundTripMillis") >= 1900);
        call.nack(call.peer.rtcp, call.firstSeq + 3);
        assertArrayEquals(sent.get(call.firstSeq + 3), UdpPeer.receive(call.peer.rtp), "the first NACK is answered");
        call.nack(call.peer.rtcp, call.firstSeq + 3);
        call.nack(call.peer.rtcp, call.firstSeq + 8);
        assertArrayEquals(sent.get(call.firstSeq + 8), UdpPeer.receive(call.peer.rtp),
                "the repeat within the round trip was not resent, the other packet was");
        MediaFixture.await("counted", () -> stat(call, "video.nackReceived") == 3);
        assertEquals(2L, stat(call, "video.retransmitted"));
        assertEquals(1L, stat(call, "video.nackedWithinRoundTrip"));
    }

    @Test
    void aNackFromAnAddressOtherThanTheNegotiatedPeerIsIgnored() throws Exception {
        Call call = videoCall("96", VP8_NACK);
        Map<Integer, byte[]> sent = call.sendAndReceive(10, 100);
        try (DatagramSocket stranger = new DatagramSocket(new InetSocketAddress(UdpPeer.LOOPBACK, 0))) {
            call.nack(stranger, call.firstSeq + 2);
        }
        call.nack(call.peer.rtcp, call.firstSeq + 7);
        assertArrayEquals(sent.get(call.firstSeq + 7), UdpPeer.receive(call.peer.rtp), "the peer's NACK is answered");
        MediaFixture.await("counted", () -> stat(call, "video.retransmitted") == 1);
        assertEquals(1L, stat(call, "video.nackReceived"), "the stranger's NACK was not even read");
        assertTrue(stat(call, "video.rejectedByPeerFilter") >= 1);
    }

    /**
     * Over SDES-SRTP the rtx stream is its own SSRC and SRTP context, so a retransmission is a new
     * packet index there; the peer decrypts it with our key. Without rtx nothing is resent: the
     * same index protected twice is refused (decision 0063).
     */
    @Test
    void overSrtpNackedPacketsComeBackInTheRtxStreamOnlyAndDecrypt() throws Exception {
        byte[] peerKey = new byte[30];
        new SecureRandom().nextBytes(peerKey);
        String crypto = "crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + Base64.getEncoder().encodeToString(peerKey);
        String[] withRtx = Arrays.copyOf(VP8_NACK_RTX, VP8_NACK_RTX.length + 1);
        withRtx[withRtx.length - 1] = crypto;
        Call call = videoCall("96 97", "RTP/SAVPF", withRtx);
        Matcher key = Pattern.compile("a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:(\\S+)").matcher(call.answer);
        assertTrue(key.find(), call.answer);
        SrtpReceiver ours = new SrtpReceiver(masterKey(Base64.getDecoder().decode(key.group(1))), SrtpSettings.DEFAULTS);
        SrtpSender theirs = new SrtpSender(masterKey(peerKey), SrtpSettings.DEFAULTS);
        call.srtcp = theirs;
        Map<Integer, byte[]> sent = call.sendAndReceive(10, 100);
        byte[] original = sent.get(call.firstSeq + 6);
        assertEquals(SrtpResult.OK, ours.unprotectRtp(original, 0, original.length));
        call.nack(call.peer.rtcp, call.firstSeq + 6);
        byte[] b = UdpPeer.receive(call.peer.rtp);
        assertNotNull(b);
        assertEquals(SrtpResult.OK, ours.unprotectRtp(b, 0, b.length), "the rtx packet decrypts with our key");
        int plain = b.length - SrtpProfile.AES_CM_128_HMAC_SHA1_80.srtpOverhead();
        RtpPacket rtx = new RtpPacket();
        RtpPacket o = new RtpPacket();
        assertTrue(rtx.wrap(b, 0, plain));
        int olen = original.length - SrtpProfile.AES_CM_128_HMAC_SHA1_80.srtpOverhead();
        assertTrue(o.wrap(original, 0, olen));
        assertEquals(97, rtx.payloadType());
        assertEquals((call.firstSeq + 6) & 0xffff, ((b[rtx.payloadOffset()] & 0xff) << 8) | (b[rtx.payloadOffset() + 1] & 0xff));
        assertArrayEquals(Arrays.copyOfRange(original, o.payloadOffset(), olen),
                Arrays.copyOfRange(b, rtx.payloadOffset() + 2, plain));

        String[] noRtx = Arrays.copyOf(VP8_NACK, VP8_NACK.length + 1);
        noRtx[noRtx.length - 1] = crypto;
        Call plainCall = videoCall("96", "RTP/SAVPF", noRtx);
        plainCall.srtcp = new SrtpSender(masterKey(peerKey), SrtpSettings.DEFAULTS);
        plainCall.sendAndReceive(10, 100);
        plainCall.nack(plainCall.peer.rtcp, plainCall.firstSeq + 6);
        MediaFixture.await("the NACK read", () -> stat(plainCall, "video.nackReceived") == 1);
        assertEquals(0L, stat(plainCall, "video.retransmitted"));
    }

    // --- the call -------------------------------------------------------------------------------

    private Call videoCall(String formats, String... attributes) throws Exception {
        return videoCall(formats, "RTP/AVPF", attributes);
    }

    private Call videoCall(String formats, String proto, String... attributes) throws Exception {
        TestSource[] source = new TestSource[1];
        MediaFixture.Answered a = fx.answerOffer(e -> {
            source[0] = new TestSource(e.pipeline());
            source[0].connect(e, MediaType.VIDEO);
        }, "video", proto, formats, attributes);
        return new Call(a.endpoint(), source[0], a.peer(), a.answer());
    }

    private static long stat(Call call, String name) {
        Long v = call.endpoint.getStats().get(name);
        return v == null ? -1 : v;
    }

    /** The ssrc-group:FID of a description: our media SSRC, then our rtx SSRC (RFC 5576 §4.2). */
    private static long[] fidGroup(String sdp) {
        Matcher m = Pattern.compile("a=ssrc-group:FID (\\d+) (\\d+)").matcher(sdp);
        assertTrue(m.find(), sdp);
        return new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))};
    }

    private static SrtpMasterKey masterKey(byte[] keySalt) throws Exception {
        return SrtpMasterKey.of(SrtpProfile.AES_CM_128_HMAC_SHA1_80, Arrays.copyOf(keySalt, 16),
                Arrays.copyOfRange(keySalt, 16, 30));
    }

    static byte[] payload(int i, int size) {
        byte[] p = new byte[size];
        p[0] = 0x10; // VP8 payload descriptor: start of partition (for H.264 a reserved NAL type: bytes all the same here)
        for (int k = 1; k < size; k++) {
            p[k] = (byte) (i * 31 + k);
        }
        return p;
    }

    private static final class Call {
        final RtpEndpoint endpoint;
        final TestSource source;
        final UdpPeer peer;
        final String answer;
        SrtpSender srtcp;
        MediaFormat format = VP8;
        int firstSeq;
        int mediaSsrc;

        Call(RtpEndpoint endpoint, TestSource source, UdpPeer peer, String answer) {
            this.endpoint = endpoint;
            this.source = source;
            this.peer = peer;
            this.answer = answer;
        }

        /** Sends {@code count} video packets; the peer receives each: by our sequence number, as it arrived. */
        Map<Integer, byte[]> sendAndReceive(int count, int size) throws Exception {
            Map<Integer, byte[]> got = new HashMap<>();
            RtpPacket p = new RtpPacket();
            for (int i = 0; i < count; i++) {
                source.send(format, payload(i, size), i, 3000L * i, 1);
                byte[] b = UdpPeer.receive(peer.rtp);
                assertNotNull(b, "packet " + i);
                assertTrue(p.wrap(b, 0, b.length));
                if (i == 0) {
                    firstSeq = p.sequenceNumber();
                    mediaSsrc = p.ssrc();
                }
                got.put(firstSeq + i, b);
            }
            return got;
        }

        /**
         * A receiver report about our stream whose LSR and DLSR make our round trip {@code nanos}
         * (RFC 3550 §6.4.1: A - LSR - DLSR): its LSR names an SR that many nanoseconds before now.
         */
        void reportRoundTrip(long nanos) throws Exception {
            ReportBlock block = new ReportBlock();
            block.ssrc = mediaSsrc;
            block.lastSenderReport = NtpTime.middle32(NtpTime.now()) - NtpTime.toDlsrUnits(nanos);
            block.delaySinceLastSenderReport = 0;
            byte[] b = new byte[64];
            int n = RtcpWriter.writeReceiverReport(b, 0, PEER_SSRC, new ReportBlock[] {block}, 1);
            UdpPeer.send(peer.rtcp, b, n, endpoint.localRtpPort(MediaType.VIDEO) + 1);
        }

        /** One generic NACK (RFC 4585 §6.2.1) for our media SSRC from {@code from}, to our RTCP port. */
        void nack(DatagramSocket from, int... seqs) throws Exception {
            int[] lost = Arrays.stream(seqs).map(s -> s & 0xffff).toArray();
            byte[] b = new byte[16 + 4 * lost.length + 64];
            int n = RtcpWriter.writeNack(b, 0, PEER_SSRC, mediaSsrc, lost, lost.length);
            assertTrue(n > 0);
            if (srtcp != null) {
                assertEquals(SrtpResult.OK, srtcp.protectRtcp(b, 0, n));
                n += SrtpProfile.AES_CM_128_HMAC_SHA1_80.srtcpOverhead();
            }
            UdpPeer.send(from, b, n, endpoint.localRtpPort(MediaType.VIDEO) + 1);
        }
    }
}
