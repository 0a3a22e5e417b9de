package org.webims.media.sdp.negotiation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.webims.media.sdp.Crypto;
import org.webims.media.sdp.Direction;
import org.webims.media.sdp.MediaDescription;
import org.webims.media.sdp.Origin;
import org.webims.media.sdp.SdpParseException;
import org.webims.media.sdp.SdpWarning;
import org.webims.media.sdp.SessionDescription;

/** Our offers carry our capabilities; answers to them are checked against what we offered. */
class OffererTest {

    private static final Origin ORIGIN = new Origin("-", "7", "1", "IN", "IP4", "192.0.2.2");
    private static final MediaCapabilities AUDIO = MediaCapabilities.of("audio", List.of(
            CodecCapability.of("AMR-WB", 16000).withParameter("mode-change-capability", "2"),
            CodecCapability.of("AMR-WB", 16000).withParameter("octet-align", "1"),
            CodecCapability.of("PCMA", 8000),
            CodecCapability.of("telephone-event", 16000).withParameter("0-15", ""),
            CodecCapability.of("telephone-event", 8000).withParameter("0-15", "")))
            .withPacketization(20, 240);
    private static final MediaCapabilities VIDEO = MediaCapabilities.of("video", List.of(
            CodecCapability.of("H264", 90000).withParameter("profile-level-id", "42e01f")
                    .withParameter("packetization-mode", "1").withFeedback("nack", "nack pli"),
            CodecCapability.of("rtx", 90000))).withProtocols("RTP/AVPF");

    private static SessionDescription offer(MediaCapabilities... streams) {
        List<MediaDescription> media = new Offerer().createOffer(List.of(streams),
                LocalTransport.fixed("192.0.2.2", 7000));
        SessionDescription.Builder b = SessionDescription.builder(ORIGIN);
        media.forEach(b::media);
        return b.build();
    }

    private static SessionDescription parse(String text) throws SdpParseException {
        return SessionDescription.parse(text);
    }

    private static String answerHead() {
        return "v=0\r\no=- 9 1 IN IP4 198.51.100.5\r\ns=-\r\nc=IN IP4 198.51.100.5\r\nt=0 0\r\n";
    }

    @Test
    void offerAssignsDynamicAndStaticPayloadTypesAndRtxPerVideoCodec() {
        SessionDescription offer = offer(AUDIO, VIDEO);
        MediaDescription audio = offer.media().get(0);
        assertEquals("m=audio 7000 RTP/AVP 96 97 8 98 99", audio.toString());
        assertEquals("octet-align=1", audio.fmtp(97).orElseThrow().parameters());
        assertEquals("0-15", audio.fmtp(98).orElseThrow().parameters());
        assertEquals(OptionalInt.of(240), audio.maxptime());
        MediaDescription video = offer.media().get(1);
        assertEquals(List.of("96", "97"), video.formats());
        assertEquals("apt=96", video.fmtp(97).orElseThrow().parameters());
        assertEquals(2, video.rtcpFeedback(96).size());
        assertEquals(Direction.SENDRECV, video.direction().orElseThrow());
    }

    @Test
    void offerAnsweredByOurOwnAnswererAgreesOnBothSides() throws Exception {
        SessionDescription offer = parse(offer(AUDIO, VIDEO).toString());
        LocalCapabilities remoteCaps = LocalCapabilities.of(MediaCapabilities.of("audio", List.of(
                CodecCapability.of("AMR-WB", 16000).withParameter("octet-align", "1"),
                CodecCapability.of("telephone-event", 16000))), VIDEO).withSingleCodec(true);
        Answer answer = new Answerer().answer(offer, remoteCaps, LocalTransport.fixed("198.51.100.5", 9000));
        SessionDescription answerSdp = parse(answer.toSessionDescription(ORIGIN).toString());

        List<NegotiatedMedia> ours = new Offerer().processAnswer(offer, answerSdp);
        NegotiatedMedia audio = ours.get(0);
        assertEquals(97, audio.sendCodec().orElseThrow().payloadType());
        assertEquals("1", audio.sendCodec().orElseThrow().parameter("octet-align"));
        assertEquals(OptionalInt.of(98), audio.telephoneEvent());
        assertEquals("198.51.100.5", audio.remoteAddress());
        assertEquals(9000, audio.remotePort());
        assertEquals(9001, audio.remoteRtcpPort());
        NegotiatedMedia video = ours.get(1);
        assertEquals(96, video.sendCodec().orElseThrow().payloadType());
        assertEquals(List.of("nack", "nack pli"), video.sendCodec().orElseThrow().rtcpFeedback());
        assertTrue(video.receiveCodec(97).orElseThrow().is("rtx"));
    }

    @Test
    void answerPickingAPayloadTypeWeDidNotOfferIsRejected() throws SdpParseException {
        SessionDescription offer = offer(AUDIO);
        SessionDescription answer = parse(answerHead() + "m=audio 9000 RTP/AVP 0\r\n");
        OfferAnswerException e = assertThrows(OfferAnswerException.class,
                () -> new Offerer().processAnswer(offer, answer));
        assertEquals(SdpWarning.INCOMPATIBLE_MEDIA_FORMAT, e.warnCode());
        assertEquals(0, e.mediaIndex());
        assertEquals("m-line 1: answer picks payload type 0, which the offer does not have", e.getMessage());
        assertEquals("305 gw \"m-line 1: answer picks payload type 0, which the offer does not have\"",
                e.warning("gw"));
    }

    @Test
    void answerRemappingAnOfferedPayloadTypeIsRejected() throws SdpParseException {
        SessionDescription offer = offer(AUDIO);
        SessionDescription answer = parse(answerHead() + "m=audio 9000 RTP/AVP 96\r\na=rtpmap:96 opus/48000/2\r\n");
        OfferAnswerException e = assertThrows(OfferAnswerException.class,
                () -> new Offerer().processAnswer(offer, answer));
        assertTrue(e.getMessage().contains("maps payload type 96 to opus/48000/2"), e.getMessage());
    }

    @Test
    void answerWithIncompatibleFmtpIsRejected() throws SdpParseException {
        SessionDescription offer = offer(VIDEO);
        SessionDescription answer = parse(answerHead() + "m=video 9000 RTP/AVPF 96\r\na=rtpmap:96 H264/90000\r\n"
                + "a=fmtp:96 profile-level-id=42e01f;packetization-mode=0\r\n");
        OfferAnswerException e = assertThrows(OfferAnswerException.class,
                () -> new Offerer().processAnswer(offer, answer));
        assertEquals(SdpWarning.INCOMPATIBLE_MEDIA_FORMAT, e.warnCode());
    }

    @Test
    void answerDirectionMustFitTheOffer() throws Exception {
        SessionDescription offer = offer(AUDIO.withDirection(Direction.SENDONLY));
        SessionDescription ok = parse(answerHead() + "m=audio 9000 RTP/AVP 8\r\na=recvonly\r\n");
        assertEquals(Direction.SENDONLY, new Offerer().processAnswer(offer, ok).get(0).direction());
        SessionDescription bad = parse(answerHead() + "m=audio 9000 RTP/AVP 8\r\na=sendrecv\r\n");
        assertThrows(OfferAnswerException.class, () -> new Offerer().processAnswer(offer, bad));
    }

    @Test
    void answerWithAnotherNumberOfMediaLinesIsRejected() throws SdpParseException {
        SessionDescription offer = offer(AUDIO, VIDEO);
        SessionDescription answer = parse(answerHead() + "m=audio 9000 RTP/AVP 8\r\n");
        OfferAnswerException e = assertThrows(OfferAnswerException.class,
                () -> new Offerer().processAnswer(offer, answer));
        assertEquals(-1, e.mediaIndex());
    }

    @Test
    void refusedMediaLineInTheAnswerIsReportedAsRejected() throws Exception {
        SessionDescription offer = offer(AUDIO, VIDEO);
        SessionDescription answer = parse(answerHead() + "m=audio 9000 RTP/AVP 8\r\nm=video 0 RTP/AVPF 96 97\r\n");
        List<NegotiatedMedia> n = new Offerer().processAnswer(offer, answer);
        assertTrue(n.get(0).accepted());
        assertFalse(n.get(1).accepted());
    }

    @Test
    void sdesOfferGetsOneKeyPerSuiteAndTheAnswerPicksOneTag() throws Exception {
        MediaCapabilities srtp = AUDIO.withProtocols("RTP/SAVP")
                .withCryptoSuites(Crypto.AES_CM_128_HMAC_SHA1_80, Crypto.AES_CM_128_HMAC_SHA1_32);
        SessionDescription offer = offer(srtp);
        List<Crypto> offered = offer.media().get(0).cryptos();
        assertEquals(2, offered.size());
        assertEquals(List.of(1, 2), offered.stream().map(Crypto::tag).toList());

        Answer answer = new Answerer().answer(parse(offer.toString()), LocalCapabilities.of(
                MediaCapabilities.of("audio", List.of(CodecCapability.of("PCMA", 8000))).withProtocols("RTP/SAVP")
                        .withCryptoSuites(Crypto.AES_CM_128_HMAC_SHA1_32)),
                LocalTransport.fixed("198.51.100.5", 9000));
        SessionDescription answerSdp = parse(answer.toSessionDescription(ORIGIN).toString());
        NegotiatedCrypto crypto = new Offerer().processAnswer(offer, answerSdp).get(0).crypto().orElseThrow();
        assertEquals(2, crypto.tag());
        assertArrayEquals(offered.get(1).key().keySalt(), crypto.localKeySalt());
        assertArrayEquals(answerSdp.media().get(0).cryptos().get(0).key().keySalt(), crypto.remoteKeySalt());
        // the answerer's view mirrors ours
        NegotiatedCrypto theirs = answer.negotiated().get(0).crypto().orElseThrow();
        assertArrayEquals(crypto.localKeySalt(), theirs.remoteKeySalt());
        assertArrayEquals(crypto.remoteKeySalt(), theirs.localKeySalt());
    }

    @Test
    void answerCryptoWithAnUnofferedTagIsRejected() throws SdpParseException {
        MediaCapabilities srtp = AUDIO.withProtocols("RTP/SAVP").withCryptoSuites(Crypto.AES_CM_128_HMAC_SHA1_80);
        SessionDescription offer = offer(srtp);
        SessionDescription answer = parse(answerHead() + "m=audio 9000 RTP/SAVP 8\r\n"
                + "a=crypto:7 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz\r\n");
        OfferAnswerException e = assertThrows(OfferAnswerException.class,
                () -> new Offerer().processAnswer(offer, answer));
        assertTrue(e.getMessage().contains("crypto tag 7 was not offered"), e.getMessage());
    }
}
