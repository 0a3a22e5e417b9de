package org.webims.media.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Real-world SDPs parse into the typed model and write back byte for byte. */
class SdpRoundTripTest {

    @ParameterizedTest
    @ValueSource(strings = {SdpFixtures.CHROME_OFFER, SdpFixtures.JSSIP_OFFER, SdpFixtures.MTSI_VOLTE_OFFER,
            SdpFixtures.MTSI_VIDEO_OFFER, SdpFixtures.SDES_OFFER})
    void writesBackWhatItParsedByteForByte(String fixture) throws SdpParseException {
        String wire = SdpFixtures.crlf(fixture);
        assertEquals(wire, SdpWriter.write(SessionDescription.parse(wire)));
    }

    @ParameterizedTest
    @ValueSource(strings = {SdpFixtures.CHROME_OFFER, SdpFixtures.MTSI_VOLTE_OFFER})
    void acceptsLfLineEndsAndWritesCrlf(String fixture) throws SdpParseException {
        SessionDescription fromLf = SessionDescription.parse(SdpFixtures.lf(fixture));
        assertEquals(SdpFixtures.crlf(fixture), fromLf.toString());
    }

    @Test
    void parsesUtf8BytesLikeText() throws SdpParseException {
        String wire = SdpFixtures.crlf(SdpFixtures.MTSI_VOLTE_OFFER);
        SessionDescription sd = new SdpParser().parse(wire.getBytes(StandardCharsets.UTF_8));
        assertEquals(wire, sd.toString());
    }

    @Test
    void chromeOfferExposesBundleIceDtlsAndCodecs() {
        SessionDescription sd = SdpFixtures.parse(SdpFixtures.CHROME_OFFER);
        assertEquals(List.of("0", "1"), sd.bundle().orElseThrow().mids());
        assertEquals(" WMS 3f7c2d55-0f4e-4b8a-9d3c-6a1e2b7c9d10", sd.msidSemantic().orElseThrow());
        assertEquals(2, sd.media().size());

        MediaDescription audio = sd.media().get(0);
        assertEquals("UDP/TLS/RTP/SAVPF", audio.proto());
        assertEquals(List.of(111, 63, 9, 0, 8, 13, 110, 126), audio.payloadTypes());
        assertEquals("0", audio.mid().orElseThrow());
        assertEquals(Direction.SENDRECV, sd.directionOf(audio));
        assertTrue(audio.rtcpMux());
        assertTrue(audio.rtcpReducedSize());
        assertEquals(new Rtcp(9, "IN", "IP4", "0.0.0.0"), audio.rtcp().orElseThrow());
        assertEquals("Xk3b", sd.iceUfragOf(audio).orElseThrow());
        assertEquals(List.of("trickle"), audio.iceOptions());
        assertEquals(Setup.ACTPASS, sd.setupOf(audio).orElseThrow());
        Fingerprint fp = sd.fingerprintsOf(audio).get(0);
        assertEquals("sha-256", fp.hashFunction());
        assertEquals(32, fp.digest().length);
        assertEquals(new RtpMap(111, "opus", 48000, "2"), audio.rtpMap(111).orElseThrow());
        assertEquals(2, audio.rtpMap(111).orElseThrow().channels());
        assertEquals(Map.of("minptime", "10", "useinbandfec", "1"), audio.fmtp(111).orElseThrow().parameterMap());
        assertEquals("transport-cc", audio.rtcpFeedback(111).get(0).feedback());
        assertEquals(4, audio.extMaps().size());
        assertEquals("urn:ietf:params:rtp-hdrext:sdes:mid", audio.extMaps().get(3).uri());
        assertEquals(new Msid("3f7c2d55-0f4e-4b8a-9d3c-6a1e2b7c9d10", "9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d"),
                audio.msid().orElseThrow());
        assertEquals("qW3rTy6uIoP9aSdF", audio.ssrcs().get(0).attributeValue());

        List<Candidate> candidates = audio.candidates();
        assertEquals(4, candidates.size());
        Candidate srflx = candidates.get(1);
        assertEquals("2381457394", srflx.foundation());
        assertEquals(1, srflx.component());
        assertEquals("udp", srflx.transport());
        assertEquals(1686052607L, srflx.priority());
        assertEquals("203.0.113.7", srflx.address());
        assertEquals(54321, srflx.port());
        assertEquals("srflx", srflx.type());
        assertEquals("192.168.1.20", srflx.relatedAddress());
        assertEquals(54321, srflx.relatedPort());
        assertEquals(0, srflx.generation());
        assertEquals("10", srflx.extension("network-cost"));
        assertEquals("active", candidates.get(2).extension("tcptype"));

        MediaDescription video = sd.media().get(1);
        assertEquals(25, video.payloadTypes().size());
        assertEquals("H264", video.rtpMap(123).orElseThrow().encodingName());
        assertEquals("64001f", video.fmtp(123).orElseThrow().parameterMap().get("profile-level-id"));
        assertEquals("apt=96", video.fmtp(97).orElseThrow().parameters());
        assertEquals(List.of("goog-remb", "transport-cc", "ccm fir", "nack", "nack pli"),
                video.rtcpFeedback(96).stream().map(RtcpFeedback::feedback).toList());
        SsrcGroup fid = video.ssrcGroups().get(0);
        assertEquals("FID", fid.semantics());
        assertEquals(List.of(2345678901L, 3456789012L), fid.ssrcs());
    }

    @Test
    void jssipOfferExposesMdnsCandidatesAndSessionLevelFingerprint() {
        SessionDescription sd = SdpFixtures.parse(SdpFixtures.JSSIP_OFFER);
        MediaDescription audio = sd.media().get(0);
        assertEquals("3b1e5a4c-7d2f-4e8a-9c6b-1f0e2d3c4b5a.local", audio.candidates().get(0).address());
        assertNull(audio.candidates().get(0).relatedAddress());
        assertEquals(-1, audio.candidates().get(0).relatedPort());
        assertTrue(audio.endOfCandidates());
        assertEquals(1, sd.fingerprintsOf(audio).size());
        assertEquals(Direction.RECVONLY, audio.extMaps().get(1).direction());
        assertEquals("0-15", audio.fmtp(101).orElseThrow().parameters());
        assertEquals(1, audio.rtpMap(101).orElseThrow().channels());
        assertEquals("192.0.2.10", sd.connectionOf(audio).orElseThrow().address());
    }

    @Test
    void mtsiVolteOfferExposesAmrWbModesPreconditionsAndPacketization() {
        SessionDescription sd = SdpFixtures.parse(SdpFixtures.MTSI_VOLTE_OFFER);
        assertEquals("IP6", sd.connection().orElseThrow().addrType());
        assertEquals("2001:db8:80:1::2a", sd.connection().orElseThrow().address());
        MediaDescription audio = sd.media().get(0);
        assertEquals(OptionalInt.of(20), audio.ptime());
        assertEquals(OptionalInt.of(240), audio.maxptime());
        assertEquals(41, audio.bandwidth(Bandwidth.AS).orElseThrow());
        assertEquals("AMR-WB", audio.rtpMap(107).orElseThrow().encodingName());
        assertEquals("1", audio.fmtp(107).orElseThrow().parameterMap().get("octet-align"));
        assertFalse(audio.fmtp(116).orElseThrow().parameterMap().containsKey("octet-align"));
        assertEquals("220", audio.fmtp(116).orElseThrow().parameterMap().get("max-red"));
        List<Precondition> pre = audio.preconditions();
        assertEquals(4, pre.size());
        assertEquals(new Precondition(Precondition.Kind.CURRENT, "qos", null, Precondition.StatusType.LOCAL,
                Precondition.Direction.NONE), pre.get(0));
        assertEquals(new Precondition(Precondition.Kind.DESIRED, "qos", Precondition.Strength.MANDATORY,
                Precondition.StatusType.LOCAL, Precondition.Direction.SENDRECV), pre.get(2));
        assertEquals("des", pre.get(2).name());
    }

    @Test
    void mtsiVideoOfferExposesH264AndWildcardFeedback() {
        SessionDescription sd = SdpFixtures.parse(SdpFixtures.MTSI_VIDEO_OFFER);
        MediaDescription video = sd.media().get(1);
        assertEquals(960_000, video.bandwidth(Bandwidth.TIAS).orElseThrow());
        assertEquals(4, video.rtcpFeedback(99).size());
        assertEquals(40021, video.rtcp().orElseThrow().port());
        assertEquals("42C01F", video.fmtp(99).orElseThrow().parameterMap().get("profile-level-id"));
        assertEquals("99 send [x=640,y=480] recv [x=640,y=480]", video.attributes().value("imageattr").orElseThrow());
    }

    @Test
    void sdesOfferExposesCryptoKeysLifetimeAndMki() {
        MediaDescription audio = SdpFixtures.parse(SdpFixtures.SDES_OFFER).media().get(0);
        List<Crypto> cryptos = audio.cryptos();
        assertEquals(3, cryptos.size());
        assertEquals(44, cryptos.get(0).key().keySalt().length);
        Crypto second = cryptos.get(1);
        assertEquals(2, second.tag());
        assertEquals(Crypto.AES_CM_128_HMAC_SHA1_80, second.suite());
        assertEquals(30, second.key().keySalt().length);
        assertEquals("2^20", second.key().lifetime());
        assertEquals(1, second.key().mki());
        assertEquals(4, second.key().mkiLength());
        assertEquals(List.of("FEC_ORDER=FEC_SRTP"), cryptos.get(2).sessionParameters());
        assertEquals("PCMU", audio.rtpMap(0).orElseThrow().encodingName()); // static, no a=rtpmap
    }

    @Test
    void builtDescriptionWritesInCanonicalOrder() {
        Origin origin = new Origin("-", "1", "1", "IN", "IP4", "127.0.0.1");
        MediaDescription m = MediaDescription.builder("audio", 4000, "RTP/AVP").format("0")
                .attribute(new GenericAttribute("ptime", "20")).bandwidth(new Bandwidth("AS", 64))
                .connection(Connection.of("127.0.0.1")).direction(Direction.SENDONLY).direction(Direction.RECVONLY)
                .build();
        SessionDescription sd = SessionDescription.builder(origin).media(m).build();
        assertEquals("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n"
                + "c=IN IP4 127.0.0.1\r\nb=AS:64\r\na=ptime:20\r\na=recvonly\r\n", sd.toString());
    }
}
