package org.webims.media.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Malformed descriptions fail with the fault kind, the 1-based line and a reason naming what is wrong. */
class SdpParserFaultsTest {

    private static final String HEAD = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n";

    private static SdpParseException fault(String sdp) {
        return fault(new SdpParser(), sdp);
    }

    private static SdpParseException fault(SdpParser parser, String sdp) {
        return assertThrows(SdpParseException.class, () -> parser.parse(sdp));
    }

    @Test
    void missingVersionLineIsAStructureFaultOnLine1() {
        SdpParseException e = fault("o=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\n");
        assertEquals(SdpFault.STRUCTURE, e.fault());
        assertEquals(1, e.lineNumber());
        assertEquals("o=- 1 1 IN IP4 192.0.2.1", e.line());
        assertEquals("SDP must start with v=", e.reason());
    }

    @Test
    void missingOriginIsReportedAtTheFirstMediaLine() {
        SdpParseException e = fault("v=0\r\ns=-\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n");
        assertEquals(SdpFault.STRUCTURE, e.fault());
        assertEquals(4, e.lineNumber());
        assertEquals("missing o= line", e.reason());
    }

    @Test
    void missingTimingIsReportedAtTheEnd() {
        SdpParseException e = fault("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\na=tool:x\r\n");
        assertEquals(4, e.lineNumber());
        assertEquals("missing t= line", e.reason());
    }

    @Test
    void nonNumericMediaPortFailsOnItsLine() {
        SdpParseException e = fault(HEAD + "m=audio 49x70 RTP/AVP 0\r\n");
        assertEquals(SdpFault.SYNTAX, e.fault());
        assertEquals(6, e.lineNumber());
        assertEquals("m=audio 49x70 RTP/AVP 0", e.line());
        assertEquals("bad m= port '49x70'", e.reason());
    }

    @Test
    void mediaPortAbove65535Fails() {
        SdpParseException e = fault(HEAD + "a=sendrecv\r\nm=audio 70000 RTP/AVP 0\r\n");
        assertEquals(7, e.lineNumber());
        assertEquals("bad m= port '70000'", e.reason());
    }

    @Test
    void mediaLineWithoutFormatsFails() {
        SdpParseException e = fault(HEAD + "m=audio 4000 RTP/AVP\r\n");
        assertEquals(6, e.lineNumber());
        assertTrue(e.reason().startsWith("m= must be"), e.reason());
    }

    @Test
    void rtpPayloadTypeAbove127Fails() {
        SdpParseException e = fault(HEAD + "m=audio 4000 RTP/AVP 0 200\r\n");
        assertEquals("RTP payload type 200 out of range 0..127", e.reason());
    }

    @Test
    void ipv4AddressWithAnOctetAbove255Fails() {
        SdpParseException e = fault("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.300\r\nt=0 0\r\n");
        assertEquals(SdpFault.SYNTAX, e.fault());
        assertEquals(4, e.lineNumber());
        assertEquals("bad IP4 address '192.0.2.300'", e.reason());
    }

    @Test
    void ipv6AddressWithTwoDoubleColonsFails() {
        SdpParseException e = fault(HEAD + "m=audio 4000 RTP/AVP 0\r\nc=IN IP6 2001::db8::1\r\n");
        assertEquals(7, e.lineNumber());
        assertEquals("bad IP6 address '2001::db8::1'", e.reason());
    }

    @Test
    void connectionLineWithMissingFieldFails() {
        SdpParseException e = fault(HEAD + "m=audio 4000 RTP/AVP 0\r\nc=IN 192.0.2.1\r\n");
        assertEquals(7, e.lineNumber());
        assertTrue(e.reason().startsWith("c= needs 3 fields"), e.reason());
    }

    @Test
    void overLongLineIsALimitFaultOnItsLine() {
        SdpParser parser = new SdpParser(SdpLimits.DEFAULTS.withMaxLineLength(100));
        SdpParseException e = fault(parser, HEAD + "a=tool:" + "x".repeat(200) + "\r\n");
        assertEquals(SdpFault.LINE_TOO_LONG, e.fault());
        assertEquals(6, e.lineNumber());
        assertEquals("line longer than 100 characters", e.reason());
        assertTrue(e.line().length() < 130, "the kept line is cut");
    }

    @Test
    void tooManyMediaLinesIsALimitFaultOnTheFirstExcessLine() {
        SdpParser parser = new SdpParser(SdpLimits.DEFAULTS.withMaxMediaDescriptions(2));
        String m = "m=audio 4000 RTP/AVP 0\r\n";
        SdpParseException e = fault(parser, HEAD + m + m + m);
        assertEquals(SdpFault.TOO_MANY_MEDIA, e.fault());
        assertEquals(8, e.lineNumber());
        assertEquals("more than 2 m= lines", e.reason());
    }

    @Test
    void tooManyAttributesInAMediaSectionIsALimitFault() {
        SdpParser parser = new SdpParser(SdpLimits.DEFAULTS.withMaxAttributes(3));
        String sdp = HEAD + "m=audio 4000 RTP/AVP 0\r\n" + "a=x-a\r\n".repeat(4);
        SdpParseException e = fault(parser, sdp);
        assertEquals(SdpFault.TOO_MANY_ATTRIBUTES, e.fault());
        assertEquals(10, e.lineNumber());
    }

    @Test
    void oversizedDescriptionIsALimitFaultAtTheLineCrossingTheLimit() {
        SdpParser parser = new SdpParser(SdpLimits.DEFAULTS.withMaxSize(HEAD.length() + 5));
        SdpParseException e = fault(parser, HEAD + "a=tool:something\r\n");
        assertEquals(SdpFault.TOO_LARGE, e.fault());
        assertEquals(6, e.lineNumber());
    }

    @Test
    void unknownLineTypeRejectsTheDescription() {
        SdpParseException e = fault(HEAD + "x=whatever\r\n");
        assertEquals(6, e.lineNumber());
        assertEquals("unknown line type 'x'", e.reason());
    }

    @Test
    void sessionOnlyLineInsideAMediaSectionIsAStructureFault() {
        SdpParseException e = fault(HEAD + "m=audio 4000 RTP/AVP 0\r\ns=again\r\n");
        assertEquals(SdpFault.STRUCTURE, e.fault());
        assertEquals(7, e.lineNumber());
    }

    @Test
    void secondOriginLineIsAStructureFault() {
        SdpParseException e = fault(HEAD + "o=- 2 2 IN IP4 192.0.2.1\r\n");
        assertEquals("second o= line", e.reason());
    }

    @Test
    void emptyLineInTheMiddleFailsButTrailingEmptyLinesAreIgnored() throws SdpParseException {
        SdpParseException e = fault(HEAD + "\r\na=x\r\n");
        assertEquals(6, e.lineNumber());
        assertEquals("empty line", e.reason());
        new SdpParser().parse(HEAD + "\r\n\r\n");
    }

    @Test
    void badKnownAttributeFailsOnItsLine() {
        SdpParseException e = fault(HEAD + "m=audio 4000 RTP/AVP 96\r\na=rtpmap:96 opus\r\n");
        assertEquals(7, e.lineNumber());
        assertTrue(e.reason().startsWith("rtpmap must be"), e.reason());
        SdpParseException crypto = fault(HEAD + "m=audio 4000 RTP/SAVP 0\r\n"
                + "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:c2hvcnQ=\r\n");
        assertEquals("AES_CM_128_HMAC_SHA1_80 needs a 30-byte key||salt, not 5", crypto.reason());
        SdpParseException candidate = fault(HEAD + "m=audio 4000 RTP/AVP 0\r\n"
                + "a=candidate:1 1 udp 2122260223 192.168.1.20 54321 host\r\n");
        assertTrue(candidate.reason().startsWith("candidate must be"), candidate.reason());
    }

    @Test
    void unknownAttributesAreKeptAsWritten() throws SdpParseException {
        String sdp = HEAD + "m=audio 4000 RTP/AVP 0\r\na=x-weird: any  thing :here\r\na=x-flag\r\n";
        SessionDescription sd = new SdpParser().parse(sdp);
        assertEquals(" any  thing :here", sd.media().get(0).attributes().value("x-weird").orElseThrow());
        assertEquals(sdp, sd.toString());
    }

    @Test
    void invalidUtf8IsAFaultOfItsLine() {
        byte[] head = HEAD.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] bad = {'i', '=', (byte) 0xC3, (byte) 0x28, '\r', '\n'};
        byte[] all = new byte[head.length + bad.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(bad, 0, all, head.length, bad.length);
        SdpParseException e = assertThrows(SdpParseException.class, () -> new SdpParser().parse(all));
        assertEquals(6, e.lineNumber());
        assertEquals("line is not UTF-8", e.reason());
    }

    @Test
    void warningNamesTheLineAndEscapesQuotes() {
        SdpParseException e = fault(HEAD + "m=audio \"x\" RTP/AVP 0\r\n");
        assertEquals("399 gw.example.net \"SDP line 6: bad m= port '\\\"x\\\"'\"",
                SdpWarning.forParseError("gw.example.net", e));
    }
}
