package org.webims.ims.mtsi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.webims.ims.profile.CarrierProfile;
import org.webims.ims.profile.CarrierProfileReader;
import org.webims.media.sdp.MediaDescription;
import org.webims.media.sdp.Origin;
import org.webims.media.sdp.SdpParser;
import org.webims.media.sdp.SessionDescription;
import org.webims.media.sdp.negotiation.Answer;
import org.webims.media.sdp.negotiation.Answerer;
import org.webims.media.sdp.negotiation.LocalCapabilities;
import org.webims.media.sdp.negotiation.LocalTransport;
import org.webims.media.sdp.negotiation.NegotiatedCodec;
import org.webims.media.sdp.negotiation.NegotiatedMedia;
import org.webims.media.sdp.negotiation.Offerer;

class MtsiCapabilitiesTest {

    private static final Path PROFILES = Path.of("..", "conf", "profiles");
    private static final Path SDP = Path.of("..", "media-engine", "src", "test", "resources", "sdp");
    private static final Origin ORIGIN = new Origin("-", "42", "1", "IN", "IP4", "127.0.0.1");
    private static final LocalTransport PORTS = (index, media) -> new LocalTransport.Address("127.0.0.1",
            40000 + 2 * index);

    private static LocalCapabilities caps(String profile) throws Exception {
        CarrierProfile p = new CarrierProfileReader().read(PROFILES.resolve(profile));
        return MtsiCapabilities.of(p.media());
    }

    private static String offerText(String profile) throws Exception {
        List<MediaDescription> media = new Offerer().createOffer(caps(profile).media(), PORTS);
        SessionDescription.Builder b = SessionDescription.builder(ORIGIN);
        media.forEach(b::media);
        return b.build().toString();
    }

    private static List<String> lines(String sdp) {
        return Arrays.asList(sdp.split("\r\n"));
    }

    @Test
    void thePlainProfileOffersAmrWbInBothFramingsWithTheMtsiParameters() throws Exception {
        List<String> offer = lines(offerText("volte-plain.xml"));

        assertTrue(offer.contains("m=audio 40000 RTP/AVP 96 97 98 99 100 101"), offer.toString());
        assertTrue(offer.contains("a=rtpmap:96 AMR-WB/16000"));
        assertTrue(offer.contains("a=fmtp:96 mode-set=0,1,2;mode-change-capability=2;max-red=220"));
        assertTrue(offer.contains("a=rtpmap:97 AMR-WB/16000"));
        assertTrue(offer.contains("a=fmtp:97 octet-align=1;mode-set=0,1,2;mode-change-capability=2;max-red=220"));
        assertTrue(offer.contains("a=rtpmap:98 AMR/8000"));
        assertTrue(offer.contains("a=fmtp:98 mode-change-capability=2;max-red=220"), "AMR-NB with every mode");
        assertTrue(offer.contains("a=fmtp:99 octet-align=1;mode-change-capability=2;max-red=220"));
        assertTrue(offer.contains("a=rtpmap:100 telephone-event/16000"));
        assertTrue(offer.contains("a=fmtp:100 0-15"));
        assertTrue(offer.contains("a=rtpmap:101 telephone-event/8000"));
        assertTrue(offer.contains("a=ptime:20"));
        assertTrue(offer.contains("a=maxptime:240"));
        assertTrue(offer.contains("m=video 40002 RTP/AVP 96 97"), "payload types are numbered per m-line");
        assertTrue(offer.contains("a=fmtp:96 profile-level-id=42e01f;packetization-mode=1"));
        assertTrue(offer.contains("a=fmtp:97 profile-level-id=42e01f;packetization-mode=0"));
        assertFalse(offer.stream().anyMatch(l -> l.startsWith("a=rtcp-fb")), "no feedback on RTP/AVP");
        assertFalse(offer.stream().anyMatch(l -> l.startsWith("a=candidate") || l.startsWith("a=ice-")
                || l.startsWith("a=group") || l.equals("a=rtcp-mux") || l.startsWith("a=crypto")
                || l.startsWith("a=fingerprint")), "no ICE, BUNDLE, rtcp-mux or keys toward IMS");
    }

    @Test
    void theStrictProfileOffersAvpfWithFeedbackAndNoAmrNb() throws Exception {
        List<String> offer = lines(offerText("volte-strict.xml"));

        assertTrue(offer.contains("m=audio 40000 RTP/AVPF 96 97 98"), offer.toString());
        assertTrue(offer.contains("a=fmtp:96 mode-set=0,1,2,8;mode-change-capability=2;max-red=220"));
        assertTrue(offer.contains("a=fmtp:97 octet-align=1;mode-set=0,1,2,8;mode-change-capability=2;max-red=220"));
        assertTrue(offer.contains("a=rtpmap:98 telephone-event/16000"));
        assertFalse(offer.stream().anyMatch(l -> l.contains("telephone-event/8000")));
        assertTrue(offer.contains("m=video 40002 RTP/AVPF 96 97"));
        assertTrue(offer.contains("a=fmtp:96 profile-level-id=42c01e;packetization-mode=1"));
        assertTrue(offer.contains("a=rtcp-fb:96 nack pli"));
        assertTrue(offer.contains("a=rtcp-fb:97 ccm tmmbr"));
    }

    @Test
    void ourOfferParsesAndAVolteAnswerPickingOctetAlignIsAccepted() throws Exception {
        String offer = offerText("volte-plain.xml");
        SessionDescription parsed = new SdpParser().parse(offer);
        SessionDescription answer = new SdpParser().parse(String.join("\r\n",
                "v=0", "o=ue 1 1 IN IP4 192.0.2.9", "s=-", "c=IN IP4 192.0.2.9", "t=0 0",
                "m=audio 5000 RTP/AVP 97 100", "a=rtpmap:97 AMR-WB/16000",
                "a=fmtp:97 octet-align=1;mode-set=0,1,2;mode-change-capability=2;max-red=220",
                "a=rtpmap:100 telephone-event/16000", "a=fmtp:100 0-15", "a=ptime:20",
                "m=video 0 RTP/AVP 96", "") + "\r\n");

        List<NegotiatedMedia> agreed = new Offerer().processAnswer(parsed, answer);
        NegotiatedCodec send = agreed.get(0).sendCodec().orElseThrow();
        assertEquals(97, send.payloadType());
        assertEquals("1", send.parameter("octet-align"));
        assertEquals(100, agreed.get(0).telephoneEvent().getAsInt());
        assertFalse(agreed.get(1).accepted(), "video refused by the UE");
    }

    private static SessionDescription sdpFile(String name) throws Exception {
        return new SdpParser().parse(Files.readString(SDP.resolve(name)));
    }

    @Test
    void answersARealVolteOfferWithItsBandwidthEfficientAmrWbAndWidebandDtmf() throws Exception {
        Answer answer = new Answerer().answer(sdpFile("mtsi-volte-offer.sdp"), caps("volte-plain.xml"), PORTS);

        NegotiatedMedia audio = answer.negotiated().get(0);
        assertTrue(audio.accepted());
        assertEquals(116, audio.sendCodec().orElseThrow().payloadType(), "the UE's first AMR-WB, bandwidth-efficient");
        assertEquals(111, audio.telephoneEvent().getAsInt(), "telephone-event at the AMR-WB clock rate");
        MediaDescription m = answer.media().get(0);
        assertEquals(List.of(116, 111), m.payloadTypes(), "a single speech codec (TS 26.114 §6.2.2)");
        Map<String, String> fmtp = m.fmtp(116).orElseThrow().parameterMap();
        assertEquals("0,1,2", fmtp.get("mode-set"));
        assertEquals("2", fmtp.get("mode-change-capability"));
        assertEquals("220", fmtp.get("max-red"));
        assertFalse(fmtp.containsKey("octet-align"));
        assertEquals("RTP/AVP", m.proto());
        assertEquals(20, m.ptime().getAsInt());
        assertEquals(240, m.maxptime().getAsInt());
    }

    @Test
    void answersAnMtsiVideoOfferOnAvpfWithTheModeOneH264() throws Exception {
        Answer answer = new Answerer().answer(sdpFile("mtsi-video-offer.sdp"), caps("volte-plain.xml"), PORTS);

        assertEquals(97, answer.negotiated().get(0).sendCodec().orElseThrow().payloadType());
        NegotiatedMedia video = answer.negotiated().get(1);
        assertTrue(video.accepted(), video.rejection().toString());
        assertEquals(99, video.sendCodec().orElseThrow().payloadType());
        assertEquals("RTP/AVPF", answer.media().get(1).proto(), "an AVPF offer is answered on AVPF");
        assertEquals("42c01f", answer.media().get(1).fmtp(99).orElseThrow().parameterMap().get("profile-level-id"));
    }

    @Test
    void answersAnOctetAlignedOnlyOfferWithThatPayloadType() throws Exception {
        SessionDescription offer = new SdpParser().parse(String.join("\r\n",
                "v=0", "o=ue 1 1 IN IP4 192.0.2.9", "s=-", "c=IN IP4 192.0.2.9", "t=0 0",
                "m=audio 5000 RTP/AVP 104 101", "a=rtpmap:104 AMR-WB/16000/1",
                "a=fmtp:104 octet-align=1;mode-change-capability=2", "a=rtpmap:101 telephone-event/16000",
                "a=fmtp:101 0-15", "") + "\r\n");
        Answer answer = new Answerer().answer(offer, caps("volte-strict.xml"), PORTS);
        assertEquals(104, answer.negotiated().get(0).sendCodec().orElseThrow().payloadType());
        assertEquals("1", answer.media().get(0).fmtp(104).orElseThrow().parameterMap().get("octet-align"));
    }

    @Test
    void refusesAnOfferWithNoMtsiCodec() throws Exception {
        SessionDescription offer = new SdpParser().parse(String.join("\r\n",
                "v=0", "o=ue 1 1 IN IP4 192.0.2.9", "s=-", "c=IN IP4 192.0.2.9", "t=0 0",
                "m=audio 5000 RTP/AVP 0 8", "") + "\r\n");
        Answer answer = new Answerer().answer(offer, caps("volte-plain.xml"), PORTS);
        assertFalse(answer.anyAccepted());
        assertTrue(answer.firstRejection().orElseThrow().reason().contains("no common audio codec"));
    }
}
