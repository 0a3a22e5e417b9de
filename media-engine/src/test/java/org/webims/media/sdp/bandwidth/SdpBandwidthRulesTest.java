package org.webims.media.sdp.bandwidth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.webims.media.sdp.Bandwidth;
import org.webims.media.sdp.MediaDescription;
import org.webims.media.sdp.SdpParser;

/**
 * The b= rules on parsed m-lines. Expected figures are worked out here from the sources: AMR-WB
 * mode bits (TS 26.201: rate x 20 ms), RFC 4867's payload headers, IP/UDP/RTP header sizes, and
 * TS 26.114 Annex K's way of adding them per packet; not copied from the code under test.
 */
class SdpBandwidthRulesTest {

    static final int IPV4_UDP_RTP = 20 + 8 + 12;
    static final int IPV6_UDP_RTP = 40 + 8 + 12;

    private static MediaDescription media(String... lines) throws Exception {
        StringBuilder b = new StringBuilder("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n");
        for (String l : lines) {
            b.append(l).append("\r\n");
        }
        return new SdpParser().parse(b.toString()).media().get(0);
    }

    /** kbit/s, rounded up, of one 20 ms packet a frame of {@code payloadBytes} plus {@code headers}. */
    private static long kbps(int payloadBytes, int headers) {
        long bps = (payloadBytes + headers) * 8L * 50;
        return (bps + 999) / 1000;
    }

    @Test
    void amrWbAtTheTopOfItsModeSetWithIpv4AndIpv6HeadersAsAnnexKCountsThem() throws Exception {
        // 12.65 kbit/s for 20 ms: 253 speech bits; bandwidth-efficient adds 4 (CMR) + 6 (ToC) bits, 263 bits in 33 bytes
        int speech1265 = 12_650 * 20 / 1000;
        int beBytes = (4 + 6 + speech1265 + 7) / 8;
        MediaDescription be = media("m=audio 4000 RTP/AVP 97", "a=rtpmap:97 AMR-WB/16000", "a=fmtp:97 mode-set=0,1,2");
        assertEquals(33, beBytes);
        assertEquals(kbps(beBytes, IPV4_UDP_RTP), ReceiveBandwidth.audioKbps(be, false)); // 29.2 kbit/s -> 30
        assertEquals(kbps(beBytes, IPV6_UDP_RTP), ReceiveBandwidth.audioKbps(be, true));  // 37.2 kbit/s -> 38
        // octet-aligned: a CMR byte, a ToC byte, the speech bits in whole bytes (RFC 4867 §4.4)
        int oaBytes = 1 + 1 + (speech1265 + 7) / 8;
        MediaDescription both = media("m=audio 4000 RTP/AVP 97 98", "a=rtpmap:97 AMR-WB/16000",
                "a=fmtp:97 mode-set=0,1,2", "a=rtpmap:98 AMR-WB/16000", "a=fmtp:98 mode-set=0,1,2; octet-align=1");
        assertEquals(kbps(oaBytes, IPV4_UDP_RTP), ReceiveBandwidth.audioKbps(both, false), "the larger of the two");
        // no mode-set: every mode, so 23.85 kbit/s (477 bits)
        int speech2385 = 23_850 * 20 / 1000;
        MediaDescription all = media("m=audio 4000 RTP/AVP 97", "a=rtpmap:97 AMR-WB/16000");
        assertEquals(kbps((4 + 6 + speech2385 + 7) / 8, IPV4_UDP_RTP), ReceiveBandwidth.audioKbps(all, false));
    }

    @Test
    void opusCountsItsMaxAverageBitrateAndTelephoneEventsCountNothing() throws Exception {
        MediaDescription opus = media("m=audio 4000 RTP/AVP 111 101", "a=rtpmap:111 opus/48000/2",
                "a=fmtp:111 maxaveragebitrate=32000", "a=rtpmap:101 telephone-event/48000");
        assertEquals(kbps(32_000 / 50 / 8, IPV4_UDP_RTP), ReceiveBandwidth.audioKbps(opus, false)); // 80 + 40 bytes
        MediaDescription events = media("m=audio 4000 RTP/AVP 101", "a=rtpmap:101 telephone-event/16000");
        assertEquals(0, ReceiveBandwidth.audioKbps(events, false));
    }

    @Test
    void theConfiguredLinesAreWrittenWithRtcpAtRfc3556Shares() throws Exception {
        MediaDescription audio = media("m=audio 4000 RTP/AVP 97", "a=rtpmap:97 AMR-WB/16000", "a=fmtp:97 mode-set=0,1,2");
        List<Bandwidth> lines = ReceiveBandwidth.lines(audio, SdpBandwidths.mtsi(2000), false);
        long as = kbps(33, IPV4_UDP_RTP);
        // RFC 3556 §2: RS and RR default to 1.25 % and 3.75 % of the session bandwidth
        assertEquals(List.of(new Bandwidth("AS", as), new Bandwidth("RS", as * 1000 / 80),
                new Bandwidth("RR", as * 1000 * 3 / 80)), lines);
        MediaDescription video = media("m=video 4002 RTP/AVP 96", "a=rtpmap:96 H264/90000");
        lines = ReceiveBandwidth.lines(video, SdpBandwidths.NONE_WRITTEN.withMaxVideoRecvKbps(300), false);
        // TIAS: 300 kbit/s less 40 bytes a packet at 32 packets/s (300k in 1200-byte payloads; at least 30 a second)
        long packets = Math.max(30, (300_000 + 9_599) / 9_600);
        assertEquals(List.of(new Bandwidth("AS", 300), new Bandwidth("TIAS", 300_000 - packets * IPV4_UDP_RTP * 8)), lines);
        assertEquals(List.of(), ReceiveBandwidth.lines(video, SdpBandwidths.NONE_WRITTEN, false), "none by default");
        assertEquals(List.of(new Bandwidth("AS", 300), new Bandwidth("TIAS", 300_000 - packets * IPV4_UDP_RTP * 8),
                new Bandwidth("RS", 0), new Bandwidth("RR", 2000)),
                ReceiveBandwidth.lines(video, SdpBandwidths.NONE_WRITTEN.withMaxVideoRecvKbps(300).withRtcp(0, 2000), false),
                "a carrier's fixed RS/RR");
    }

    @Test
    void aFarEndsLinesBecomeAMediaRateAndZeroMeansNothing() throws Exception {
        // audio: AS less the IP/UDP/RTP headers and the AMR-WB header of 50 packets a second
        MediaDescription audio = media("m=audio 4000 RTP/AVP 97", "b=AS:30", "a=rtpmap:97 AMR-WB/16000");
        assertEquals(30_000 - 50 * (IPV4_UDP_RTP * 8 + 10), SendCeiling.bitsPerSecond(audio, false, 10));
        MediaDescription ptime40 = media("m=audio 4000 RTP/AVP 97", "b=AS:30", "a=rtpmap:97 AMR-WB/16000", "a=ptime:40");
        assertEquals(30_000 - 25 * (IPV4_UDP_RTP * 8 + 10), SendCeiling.bitsPerSecond(ptime40, false, 10));
        // TIAS wins over AS (RFC 3890); video keeps 10 % under it
        MediaDescription tias = media("m=video 4002 RTP/AVP 96", "b=AS:900", "b=TIAS:500000", "a=rtpmap:96 H264/90000");
        assertEquals(450_000, SendCeiling.bitsPerSecond(tias, false, 0));
        MediaDescription none = media("m=video 4002 RTP/AVP 96", "a=rtpmap:96 H264/90000");
        assertEquals(SendCeiling.NONE, SendCeiling.bitsPerSecond(none, false, 0));
        MediaDescription zero = media("m=video 4002 RTP/AVP 96", "b=AS:0", "a=rtpmap:96 H264/90000");
        assertEquals(0, SendCeiling.bitsPerSecond(zero, false, 0));
        assertEquals(0, SendCeiling.under(0, 500), "the far end's 0 stays 0");
        assertEquals(300_000, SendCeiling.under(SendCeiling.NONE, 300), "our maxVideoSendBandwidth alone");
        assertEquals(300_000, SendCeiling.under(450_000, 300));
        assertEquals(SendCeiling.NONE, SendCeiling.under(SendCeiling.NONE, 0));
    }

    @Test
    void aNegativeRateIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> SdpBandwidths.NONE_WRITTEN.withMaxVideoRecvKbps(-1));
        assertThrows(IllegalArgumentException.class, () -> SdpBandwidths.NONE_WRITTEN.withRtcp(-5, 0));
    }

    private static org.webims.media.sdp.SessionDescription session(String... lines) throws Exception {
        StringBuilder b = new StringBuilder("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\n");
        for (String l : lines) {
            b.append(l).append("\r\n");
        }
        return new SdpParser().parse(b.toString());
    }

    @Test
    void aSessionLevelTiasLeavesVideoTheMediaRateTheAudioDoesNotNeed() throws Exception {
        var sd = session("b=TIAS:400000", "t=0 0", "m=audio 4000 RTP/AVP 97", "a=rtpmap:97 AMR-WB/16000",
                "a=fmtp:97 mode-set=0,1,2", "m=video 4002 RTP/AVP 96", "a=rtpmap:96 H264/90000");
        // RFC 3890: TIAS counts no headers; AMR-WB 12.65 bandwidth-efficient is 4 + 6 + 253 bits every 20 ms
        long audioMedia = (4 + 6 + 12_650 * 20 / 1000) * 50L;
        var c = SessionShare.of(sd, sd.media().get(0), sd.media().get(1), false, SendCeiling.NONE, SendCeiling.NONE);
        assertEquals((400_000 - audioMedia) * 90 / 100, c.video());
        assertEquals(400_000, c.audio(), "audio may use the whole session, no more");
        // without audio sent, video takes the whole total; a total audio cannot fit leaves video nothing
        assertEquals(400_000 * 90 / 100, SessionShare.of(sd, null, sd.media().get(1), false, -1, -1).video());
        var tight = session("b=AS:20", "t=0 0", "m=audio 4000 RTP/AVP 97", "a=rtpmap:97 AMR-WB/16000",
                "m=video 4002 RTP/AVP 96", "a=rtpmap:96 H264/90000");
        var t = SessionShare.of(tight, tight.media().get(0), tight.media().get(1), false, -1, -1);
        assertEquals(0, t.video());
        assertEquals(20_000 - 50 * IPV4_UDP_RTP * 8, t.audio(), "audio under the total less its headers");
    }

    @Test
    void theFarEndsRtcpBandwidthTurnsReportsOffOnlyWhenBothAreZero() throws Exception {
        var sd = session("b=RR:0", "t=0 0", "m=audio 4000 RTP/AVP 0", "b=RS:0", "m=audio 4002 RTP/AVP 0", "b=RS:100");
        assertEquals(true, RtcpBandwidth.of(sd, sd.media().get(0)).off(), "media RS:0 with the session's RR:0");
        assertEquals(false, RtcpBandwidth.of(sd, sd.media().get(1)).off());
        // RFC 3550 §6.3.1 for 2 members, at least one a sender: 2 x packet bits / (RS + RR)
        assertEquals(2_000_000_000L, new RtcpBandwidth(300, 500).intervalNanos(800));
        assertEquals(0, new RtcpBandwidth(300, RtcpBandwidth.UNSTATED).intervalNanos(800), "one unstated: ours");
    }

    /** Bundled m-lines share one RTCP session (RFC 8843): their RS and RR add up; one unstated leaves it unstated. */
    @Test
    void bundledMediaLinesRtcpBandwidthsAddUp() throws Exception {
        var sd = session("t=0 0", "m=audio 4000 RTP/AVP 0", "b=RS:0", "b=RR:0", "m=video 4000 RTP/AVP 96", "b=RS:0",
                "b=RR:0");
        assertTrue(RtcpBandwidth.of(sd, sd.media()).off(), "both off: off");
        var stated = session("t=0 0", "m=audio 4000 RTP/AVP 0", "b=RS:100", "b=RR:300", "m=video 4000 RTP/AVP 96",
                "b=RS:200", "b=RR:200");
        assertEquals(new RtcpBandwidth(300, 500), RtcpBandwidth.of(stated, stated.media()));
        var oneUnstated = session("t=0 0", "m=audio 4000 RTP/AVP 0", "b=RS:0", "b=RR:0", "m=video 4000 RTP/AVP 96");
        assertEquals(RtcpBandwidth.NONE_STATED, RtcpBandwidth.of(oneUnstated, oneUnstated.media()));
        var sessionLevel = session("b=RS:100", "b=RR:300", "t=0 0", "m=audio 4000 RTP/AVP 0", "m=video 4000 RTP/AVP 96");
        assertEquals(new RtcpBandwidth(100, 300), RtcpBandwidth.of(sessionLevel, sessionLevel.media()),
                "the session's lines are the whole session's, counted once");
        assertEquals(RtcpBandwidth.NONE_STATED, RtcpBandwidth.of(sd, List.of()));
    }

    @Test
    void maxprateIsARatePositiveAndNumericOrTheDescriptionIsRefused() throws Exception {
        assertEquals(28.5, media("m=video 4002 RTP/AVP 96", "a=maxprate:28.5").maxprate().orElse(-1), 0.0);
        for (String bad : List.of("0", "0.0", "-3", "fast", "1e3", "30.", "")) {
            var e = assertThrows(org.webims.media.sdp.SdpParseException.class,
                    () -> media("m=video 4002 RTP/AVP 96", "a=maxprate:" + bad));
            org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("maxprate"), e.getMessage());
        }
    }
}
