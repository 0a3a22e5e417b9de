package org.webims.media.sdp.negotiation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.webims.media.sdp.Crypto;
import org.webims.media.sdp.Direction;
import org.webims.media.sdp.MediaDescription;
import org.webims.media.sdp.Origin;
import org.webims.media.sdp.SdpFixtures;
import org.webims.media.sdp.SdpParseException;
import org.webims.media.sdp.SdpWarning;
import org.webims.media.sdp.SessionDescription;

/** Answers to real offers follow RFC 3264 §6 and the codec rules our capabilities name. */
class AnswererTest {

    private static final LocalTransport LOCAL = LocalTransport.fixed("192.0.2.2", 6000);
    private static final CodecCapability AMR_WB = CodecCapability.of("AMR-WB", 16000)
            .withParameter("mode-change-capability", "2").withParameter("max-red", "0");
    private static final CodecCapability AMR_WB_OCTET = CodecCapability.of("AMR-WB", 16000)
            .withParameter("octet-align", "1");
    private static final CodecCapability DTMF_16K = CodecCapability.of("telephone-event", 16000)
            .withParameter("0-15", "");
    private static final CodecCapability DTMF_8K = CodecCapability.of("telephone-event", 8000);
    private static final CodecCapability DTMF_48K = CodecCapability.of("telephone-event", 48000);

    private static SessionDescription audioOffer(String formats, String attributes) throws SdpParseException {
        return SessionDescription.parse("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n"
                + "m=audio 5000 RTP/AVP " + formats + "\r\n" + attributes);
    }

    private static Answer answer(SessionDescription offer, MediaCapabilities... media) {
        return new Answerer().answer(offer, LocalCapabilities.of(media), LOCAL);
    }

    @Test
    void volteOfferPicksTheBandwidthEfficientAmrWbWhenWeSupportOnlyThat() {
        SessionDescription offer = SdpFixtures.parse(SdpFixtures.MTSI_VOLTE_OFFER);
        MediaCapabilities audio = MediaCapabilities.of("audio", List.of(AMR_WB, DTMF_16K)).withPacketization(20, 240);
        Answer a = new Answerer().answer(offer, LocalCapabilities.of(audio).withSingleCodec(true), LOCAL);
        NegotiatedMedia n = a.negotiated().get(0);
        NegotiatedCodec send = n.sendCodec().orElseThrow();
        assertEquals(116, send.payloadType());
        assertEquals("220", send.parameter("max-red"), "we send to the remote's declared parameters");
        assertEquals(OptionalInt.of(111), n.telephoneEvent());
        assertEquals(List.of(116, 111), n.receiveCodecs().stream().map(NegotiatedCodec::payloadType).toList());
        assertEquals("2001:db8:80:1::2a", n.remoteAddress());
        assertEquals(1234, n.remotePort());
        assertEquals(1235, n.remoteRtcpPort());
        assertEquals(OptionalInt.of(20), n.remotePtime());
        String m = a.media().get(0).toString();
        assertEquals("m=audio 6000 RTP/AVP 116 111", m);
        assertEquals("mode-change-capability=2;max-red=0", a.media().get(0).fmtp(116).orElseThrow().parameters());
        assertEquals(OptionalInt.of(240), a.media().get(0).maxptime());
    }

    @Test
    void volteOfferPicksTheOctetAlignedAmrWbWhenWeSupportOnlyThat() {
        SessionDescription offer = SdpFixtures.parse(SdpFixtures.MTSI_VOLTE_OFFER);
        Answer a = answer(offer, MediaCapabilities.of("audio", List.of(AMR_WB_OCTET, DTMF_16K)));
        NegotiatedMedia n = a.negotiated().get(0);
        assertEquals(107, n.sendCodec().orElseThrow().payloadType());
        Map<String, String> ours = n.receiveCodec().orElseThrow().parameters();
        assertEquals("1", ours.get("octet-align"));
        assertEquals("2", ours.get("mode-change-capability"), "passed through from the offer");
        assertEquals("220", ours.get("max-red"), "passed through from the offer");
    }

    @Test
    void amrWbModeSetIsTheIntersection() throws SdpParseException {
        SessionDescription offer = audioOffer("97", "a=rtpmap:97 AMR-WB/16000\r\na=fmtp:97 mode-set=0,1,2,8\r\n");
        Answer a = answer(offer, MediaCapabilities.of("audio", List.of(AMR_WB.withParameter("mode-set", "2,8,6"))));
        assertEquals("2,8", a.negotiated().get(0).receiveCodec().orElseThrow().parameter("mode-set"));
        Answer none = answer(offer, MediaCapabilities.of("audio", List.of(AMR_WB.withParameter("mode-set", "5"))));
        assertFalse(none.anyAccepted());
    }

    @Test
    void telephoneEventIsTakenAtTheChosenCodecsClockRate() {
        SessionDescription chrome = SdpFixtures.parse(SdpFixtures.CHROME_OFFER);
        MediaCapabilities audio = MediaCapabilities.of("audio", List.of(CodecCapability.of("PCMA", 8000), DTMF_8K,
                DTMF_48K)).withProtocols("UDP/TLS/RTP/SAVPF");
        Answer a = answer(chrome, audio);
        NegotiatedMedia n = a.negotiated().get(0);
        assertEquals(8, n.sendCodec().orElseThrow().payloadType());
        assertEquals(OptionalInt.of(126), n.telephoneEvent(), "telephone-event/8000, not /48000");
        assertEquals(List.of("8", "126"), a.media().get(0).formats());
    }

    @Test
    void telephoneEventAtAnotherClockRateIsLeftOut() throws SdpParseException {
        SessionDescription offer = audioOffer("97 101",
                "a=rtpmap:97 AMR-WB/16000\r\na=rtpmap:101 telephone-event/8000\r\n");
        Answer a = answer(offer, MediaCapabilities.of("audio", List.of(AMR_WB, DTMF_8K, DTMF_16K)));
        assertEquals(OptionalInt.empty(), a.negotiated().get(0).telephoneEvent());
        assertEquals(List.of("97"), a.media().get(0).formats());
    }

    @ParameterizedTest(name = "offer {0} -> answer {2} when we want {1}")
    @CsvSource({"sendrecv,sendrecv,sendrecv", "sendonly,sendrecv,recvonly", "recvonly,sendrecv,sendonly",
        "inactive,sendrecv,inactive", "sendrecv,recvonly,recvonly", "sendonly,sendonly,inactive",
        "recvonly,recvonly,inactive"})
    void directionIsTheOfferReversedAndNarrowedToOurs(String offered, String wanted, String answered)
            throws SdpParseException {
        SessionDescription offer = audioOffer("0", "a=" + offered + "\r\n");
        Answer a = answer(offer, MediaCapabilities.of("audio", List.of(CodecCapability.of("PCMU", 8000)))
                .withDirection(Direction.fromAttributeName(wanted)));
        assertEquals(Direction.fromAttributeName(answered), a.negotiated().get(0).direction());
        assertEquals(Direction.fromAttributeName(answered), a.media().get(0).direction().orElseThrow());
    }

    @Test
    void sessionLevelDirectionApplies() throws SdpParseException {
        SessionDescription offer = SessionDescription.parse("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\n"
                + "c=IN IP4 192.0.2.1\r\nt=0 0\r\na=sendonly\r\nm=audio 5000 RTP/AVP 0\r\n");
        Answer a = answer(offer, MediaCapabilities.of("audio", List.of(CodecCapability.of("PCMU", 8000))));
        assertEquals(Direction.RECVONLY, a.negotiated().get(0).direction());
    }

    @Test
    void unsupportedMediaIsRejectedWithPortZeroKeepingFormatsAndMid() {
        SessionDescription chrome = SdpFixtures.parse(SdpFixtures.CHROME_OFFER);
        MediaCapabilities audio = MediaCapabilities.of("audio", List.of(CodecCapability.of("opus", 48000, 2)))
                .withProtocols("UDP/TLS/RTP/SAVPF").withRtcpMux(true, true);
        Answer a = answer(chrome, audio);
        assertTrue(a.negotiated().get(0).accepted());
        assertTrue(a.negotiated().get(0).rtcpMux());
        assertEquals(54321, a.negotiated().get(0).remoteRtcpPort(), "rtcp-mux: RTCP on the RTP port");
        NegotiatedMedia video = a.negotiated().get(1);
        assertFalse(video.accepted());
        assertEquals(SdpWarning.MEDIA_TYPE_NOT_AVAILABLE, video.rejection().orElseThrow().warnCode());
        MediaDescription rejected = a.media().get(1);
        assertEquals(0, rejected.port());
        assertEquals(chrome.media().get(1).formats(), rejected.formats());
        assertEquals("1", rejected.mid().orElseThrow());
        assertTrue(rejected.toString().startsWith("m=video 0 UDP/TLS/RTP/SAVPF 96 97 103 "), rejected.toString());
    }

    @Test
    void streamDisabledInTheOfferStaysDisabled() throws SdpParseException {
        SessionDescription offer = SessionDescription.parse("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\n"
                + "c=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio 0 RTP/AVP 0\r\n");
        Answer a = answer(offer, MediaCapabilities.of("audio", List.of(CodecCapability.of("PCMU", 8000))));
        assertFalse(a.anyAccepted());
        assertEquals("304 gw \"audio stream disabled by the offer\"", a.firstRejection().orElseThrow().warning("gw"));
    }

    @Test
    void unsupportedTransportIsRefusedWith302() {
        SessionDescription chrome = SdpFixtures.parse(SdpFixtures.CHROME_OFFER);
        Answer a = answer(chrome, MediaCapabilities.of("audio", List.of(CodecCapability.of("opus", 48000, 2))));
        assertEquals(SdpWarning.INCOMPATIBLE_TRANSPORT, a.negotiated().get(0).rejection().orElseThrow().warnCode());
    }

    @Test
    void codecOrderIsTheOfferersByDefaultAndOursOnRequest() {
        SessionDescription jssip = SdpFixtures.parse(SdpFixtures.JSSIP_OFFER);
        MediaCapabilities audio = MediaCapabilities.of("audio", List.of(CodecCapability.of("PCMA", 8000),
                CodecCapability.of("opus", 48000, 2), DTMF_8K)).withProtocols("UDP/TLS/RTP/SAVPF");
        Answer theirs = new Answerer().answer(jssip, LocalCapabilities.of(audio), LOCAL);
        assertEquals(List.of("109", "8", "101"), theirs.media().get(0).formats());
        Answer ours = new Answerer().answer(jssip, LocalCapabilities.of(audio).withPreference(CodecPreference.ANSWERER),
                LOCAL);
        assertEquals(List.of("8", "109", "101"), ours.media().get(0).formats());
        NegotiatedCodec opus = theirs.negotiated().get(0).sendCodec().orElseThrow();
        OpusParameters remote = OpusParameters.of(opus.parameters());
        assertTrue(remote.stereo());
        assertTrue(remote.inbandFec());
        assertEquals(48000, remote.maxPlaybackRate());
    }

    @Test
    void chromeVideoGetsVp8WithItsRtxFeedbackAndExtensions() {
        SessionDescription chrome = SdpFixtures.parse(SdpFixtures.CHROME_OFFER);
        MediaCapabilities video = MediaCapabilities.of("video", List.of(
                CodecCapability.of("VP8", 90000).withParameter("max-fr", "30").withParameter("max-fs", "3600")
                        .withFeedback("nack", "nack pli", "ccm fir", "transport-cc"),
                CodecCapability.of("rtx", 90000))).withProtocols("UDP/TLS/RTP/SAVPF").withRtcpMux(true, true)
                .withExtensions("urn:ietf:params:rtp-hdrext:sdes:mid",
                        "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01");
        MediaCapabilities audio = MediaCapabilities.of("audio", List.of(CodecCapability.of("opus", 48000, 2)))
                .withProtocols("UDP/TLS/RTP/SAVPF");
        Answer a = answer(chrome, audio, video);
        MediaDescription m = a.media().get(1);
        assertEquals(List.of("96", "97"), m.formats());
        assertEquals("1", m.mid().orElseThrow());
        assertEquals(List.of("transport-cc", "ccm fir", "nack", "nack pli"),
                m.rtcpFeedback(96).stream().map(f -> f.feedback()).toList());
        assertEquals("apt=96", m.fmtp(97).orElseThrow().parameters());
        assertEquals(List.of(3, 4), m.extMaps().stream().map(e -> e.id()).toList());
        assertEquals("max-fr=30;max-fs=3600", m.fmtp(96).orElseThrow().parameters());
        Vp8Parameters theirLimits = Vp8Parameters.of(a.negotiated().get(1).sendCodec().orElseThrow().parameters());
        assertEquals(0, theirLimits.maxFrameRate());
        assertTrue(theirLimits.allowsFrame(1920, 1080));
        // the answer as a whole re-parses
        String text = a.toSessionDescription(new Origin("-", "5", "1", "IN", "IP4", "192.0.2.2")).toString();
        assertEquals(2, assertParses(text).media().size());
    }

    @Test
    void sdesPicksTheFirstOfferedSuiteWeSupportAndAnswersWithAFreshKeyUnderTheSameTag() {
        SessionDescription offer = SdpFixtures.parse(SdpFixtures.SDES_OFFER);
        MediaCapabilities audio = MediaCapabilities.of("audio", List.of(CodecCapability.of("PCMU", 8000)))
                .withProtocols("RTP/SAVP")
                .withCryptoSuites(Crypto.AES_CM_128_HMAC_SHA1_32, Crypto.AES_CM_128_HMAC_SHA1_80);
        Answer a = answer(offer, audio);
        NegotiatedCrypto crypto = a.negotiated().get(0).crypto().orElseThrow();
        assertEquals(2, crypto.tag(), "tag 1 is a suite we lack, tag 3 comes later");
        assertEquals(Crypto.AES_CM_128_HMAC_SHA1_80, crypto.suite());
        Crypto offered = offer.media().get(0).cryptos().get(1);
        assertArrayEquals(offered.key().keySalt(), crypto.remoteKeySalt());
        assertEquals(4, crypto.remoteMkiLength());
        Crypto answered = a.media().get(0).cryptos().get(0);
        assertEquals(2, answered.tag());
        assertEquals(30, answered.key().keySalt().length);
        assertArrayEquals(answered.key().keySalt(), crypto.localKeySalt());
        assertFalse(java.util.Arrays.equals(crypto.localKeySalt(), crypto.remoteKeySalt()));
        assertFalse(crypto.toString().contains(answered.key().keySaltBase64()), "no key in toString");
        Answer again = answer(offer, audio);
        assertNotEquals(answered.key().keySaltBase64(), again.media().get(0).cryptos().get(0).key().keySaltBase64());
    }

    @Test
    void sdesOfferWithoutASuiteWeSupportIsRefused() {
        SessionDescription offer = SdpFixtures.parse(SdpFixtures.SDES_OFFER);
        MediaCapabilities audio = MediaCapabilities.of("audio", List.of(CodecCapability.of("PCMU", 8000)))
                .withProtocols("RTP/SAVP").withCryptoSuites("AES_256_CM_HMAC_SHA1_80");
        Answer a = answer(offer, audio);
        assertEquals("no acceptable a=crypto", a.firstRejection().orElseThrow().reason());
    }

    private static SessionDescription assertParses(String text) {
        try {
            return SessionDescription.parse(text);
        } catch (SdpParseException e) {
            throw new AssertionError(e.getMessage() + "\n" + text, e);
        }
    }
}
