package org.webims.media.sdp.negotiation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.webims.media.sdp.SdpParseException;
import org.webims.media.sdp.SdpWarning;
import org.webims.media.sdp.SessionDescription;

/** H.264 offers are matched per RFC 6184 §8.2.2: packetization-mode, profile (Table 5) and level. */
class H264NegotiationTest {

    private static SessionDescription videoOffer(String fmtp) throws SdpParseException {
        return SessionDescription.parse("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n"
                + "m=video 5000 RTP/AVPF 99\r\na=rtpmap:99 H264/90000\r\n"
                + (fmtp.isEmpty() ? "" : "a=fmtp:99 " + fmtp + "\r\n"));
    }

    private static Answer answer(String offerFmtp, CodecCapability h264) throws SdpParseException {
        LocalCapabilities caps = LocalCapabilities.of(MediaCapabilities.of("video", List.of(h264)));
        return new Answerer().answer(videoOffer(offerFmtp), caps, LocalTransport.fixed("192.0.2.2", 6000));
    }

    private static CodecCapability constrainedBaseline(String levelHex, String mode) {
        return CodecCapability.of("H264", 90000).withParameter("profile-level-id", "42e0" + levelHex)
                .withParameter("packetization-mode", mode);
    }

    @ParameterizedTest(name = "offered {0} against our Constrained Baseline")
    @CsvSource({"42e01f", "42c01f", "42401f", "4d801f", "58c01f", "42E01F"})
    void constrainedBaselineSpellingsMatch(String offered) throws SdpParseException {
        Answer a = answer("profile-level-id=" + offered + ";packetization-mode=1", constrainedBaseline("1f", "1"));
        assertTrue(a.anyAccepted(), offered);
    }

    @ParameterizedTest(name = "offered {0} is another profile")
    @CsvSource({"42001f", "42801f", "4d001f", "64001f", "640c1f"})
    void otherProfilesAreRefused(String offered) throws SdpParseException {
        Answer a = answer("profile-level-id=" + offered + ";packetization-mode=1", constrainedBaseline("1f", "1"));
        assertFalse(a.anyAccepted(), offered);
        assertEquals(SdpWarning.INCOMPATIBLE_MEDIA_FORMAT, a.firstRejection().orElseThrow().warnCode());
        assertEquals(0, a.media().get(0).port());
        assertEquals(List.of("99"), a.media().get(0).formats());
    }

    @Test
    void packetizationModeMismatchIsRefused() throws SdpParseException {
        assertFalse(answer("profile-level-id=42e01f;packetization-mode=0", constrainedBaseline("1f", "1"))
                .anyAccepted());
        assertFalse(answer("profile-level-id=42e01f", constrainedBaseline("1f", "1")).anyAccepted(),
                "absent packetization-mode means 0");
    }

    @Test
    void answerLevelIsTheLowerOfOfferedAndOurs() throws SdpParseException {
        Answer lowerOffer = answer("profile-level-id=42e01e;packetization-mode=1", constrainedBaseline("1f", "1"));
        assertEquals("42e01e", lowerOffer.negotiated().get(0).receiveCodec().orElseThrow()
                .parameter("profile-level-id"));
        Answer higherOffer = answer("profile-level-id=42c028;packetization-mode=1", constrainedBaseline("1f", "1"));
        assertEquals("42c01f", higherOffer.negotiated().get(0).receiveCodec().orElseThrow()
                .parameter("profile-level-id"), "the offerer's profile bytes, our level");
        assertTrue(higherOffer.media().get(0).toString().startsWith("m=video 6000 RTP/AVPF 99"));
    }

    @Test
    void levelAsymmetryLetsTheAnswerDeclareItsOwnLevel() throws SdpParseException {
        CodecCapability ours = constrainedBaseline("28", "1").withParameter("level-asymmetry-allowed", "1");
        Answer a = answer("profile-level-id=42e01f;packetization-mode=1;level-asymmetry-allowed=1", ours);
        NegotiatedMedia n = a.negotiated().get(0);
        assertEquals("42e028", n.receiveCodec().orElseThrow().parameter("profile-level-id"));
        assertEquals("42e01f", n.sendCodec().orElseThrow().parameter("profile-level-id"), "we send at most 3.1");
    }

    @Test
    void absentProfileLevelIdMeansBaselineLevel1() throws SdpParseException {
        CodecCapability baseline = CodecCapability.of("H264", 90000).withParameter("profile-level-id", "42001f");
        Answer a = answer("", baseline);
        assertTrue(a.anyAccepted());
        assertEquals("42000a", a.negotiated().get(0).receiveCodec().orElseThrow().parameter("profile-level-id"));
    }

    @Test
    void level1bIsOrderedBetween1And11AndEncodedWithConstraintSet3() {
        H264ProfileLevelId oneB = H264ProfileLevelId.parse("42f00b").orElseThrow();
        assertEquals(H264ProfileLevelId.LEVEL_1B, oneB.level());
        assertEquals(H264ProfileLevelId.Profile.CONSTRAINED_BASELINE, oneB.profile());
        assertEquals("42e00b", oneB.withLevel(11).hex(), "level 1.1 clears constraint_set3");
        assertEquals("42f00b", H264ProfileLevelId.parse("42e01f").orElseThrow().withLevel(9).hex());
        assertEquals(H264ProfileLevelId.Profile.HIGH, H264ProfileLevelId.parse("64001f").orElseThrow().profile());
        assertTrue(H264ProfileLevelId.parse("zz001f").isEmpty());
    }

    @Test
    void mtsiVideoOfferAcceptsTheMatchingPacketizationMode() throws SdpParseException {
        SessionDescription offer = SessionDescription.parse(
                org.webims.media.sdp.SdpFixtures.crlf(org.webims.media.sdp.SdpFixtures.MTSI_VIDEO_OFFER));
        CodecCapability h264 = CodecCapability.of("H264", 90000).withParameter("profile-level-id", "42e01f")
                .withParameter("packetization-mode", "0").withFeedback("nack", "nack pli", "ccm fir");
        CodecCapability amrwb = CodecCapability.of("AMR-WB", 16000);
        LocalCapabilities caps = LocalCapabilities.of(MediaCapabilities.of("audio", List.of(amrwb)),
                MediaCapabilities.of("video", List.of(h264)));
        Answer a = new Answerer().answer(offer, caps, LocalTransport.fixed("192.0.2.2", 6000));
        NegotiatedMedia video = a.negotiated().get(1);
        assertEquals(102, video.sendCodec().orElseThrow().payloadType());
        assertEquals("42c00d", video.receiveCodec().orElseThrow().parameter("profile-level-id"));
        assertEquals(List.of("nack", "nack pli", "ccm fir"), video.sendCodec().orElseThrow().rtcpFeedback(),
                "the offer's rtcp-fb:* lines apply to every payload type");
        assertEquals(40021, video.remoteRtcpPort());
    }
}
