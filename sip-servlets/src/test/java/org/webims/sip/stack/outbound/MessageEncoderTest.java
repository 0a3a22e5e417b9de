package org.webims.sip.stack.outbound;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.parser.StringMsgParser;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.List;
import java.util.stream.Stream;
import javax.sip.message.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The encoder against JAIN-SIP's own {@code encodeAsBytes}, the reference: for every message the
 * bytes must be the same, including the top Via's transport that both set on the way out.
 */
class MessageEncoderTest {
    private static final String SDP = "v=0\r\no=user1 53655765 2353687637 IN IP4 127.0.0.1\r\ns=-\r\n"
            + "c=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 6000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";

    /** SIPp's built-in UAC and UAS call (the bench's), as the container receives and relays it. */
    private static final List<String> CALL = List.of(
            "INVITE sip:service@127.0.0.1:5060 SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP 127.0.0.1:5061;branch=z9hG4bK-1234-1-0\r\n"
                    + "From: sipp <sip:sipp@127.0.0.1:5061>;tag=1234SIPpTag001\r\n"
                    + "To: sut <sip:service@127.0.0.1:5060>\r\n"
                    + "Call-ID: 1-1234@127.0.0.1\r\nCSeq: 1 INVITE\r\n"
                    + "Contact: sip:sipp@127.0.0.1:5061\r\nMax-Forwards: 70\r\n"
                    + "Subject: Performance Test\r\nContent-Type: application/sdp\r\n"
                    + "Content-Length: " + SDP.length() + "\r\n\r\n" + SDP,
            "SIP/2.0 180 Ringing\r\n"
                    + "Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-3f2a-b1;rport=5060;received=127.0.0.1\r\n"
                    + "From: <sip:sipp@127.0.0.1:5061>;tag=a1b2c3d4e5f6\r\n"
                    + "To: <sip:service@127.0.0.1:5060>;tag=99SIPpTag011\r\n"
                    + "Call-ID: 7f3e8a2b@127.0.0.1\r\nCSeq: 1 INVITE\r\n"
                    + "Contact: <sip:127.0.0.1:5062;transport=UDP>\r\nContent-Length: 0\r\n\r\n",
            "SIP/2.0 200 OK\r\n"
                    + "Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-3f2a-b1\r\n"
                    + "Record-Route: <sip:p1.example.com;lr>, <sip:p2.example.com:5061;lr;transport=tcp>\r\n"
                    + "From: <sip:sipp@127.0.0.1:5061>;tag=a1b2c3d4e5f6\r\n"
                    + "To: <sip:service@127.0.0.1:5060>;tag=99SIPpTag011\r\n"
                    + "Call-ID: 7f3e8a2b@127.0.0.1\r\nCSeq: 1 INVITE\r\n"
                    + "Contact: <sip:127.0.0.1:5062;transport=UDP>\r\nContent-Type: application/sdp\r\n"
                    + "Content-Length: " + SDP.length() + "\r\n\r\n" + SDP,
            "ACK sip:127.0.0.1:5062;transport=UDP SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-ack\r\n"
                    + "Route: <sip:p1.example.com;lr>\r\n"
                    + "From: <sip:sipp@127.0.0.1:5061>;tag=a1b2c3d4e5f6\r\n"
                    + "To: <sip:service@127.0.0.1:5060>;tag=99SIPpTag011\r\n"
                    + "Call-ID: 7f3e8a2b@127.0.0.1\r\nCSeq: 1 ACK\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n",
            "BYE sip:127.0.0.1:5062;transport=UDP SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-bye;rport\r\n"
                    + "From: <sip:sipp@127.0.0.1:5061>;tag=a1b2c3d4e5f6\r\n"
                    + "To: <sip:service@127.0.0.1:5060>;tag=99SIPpTag011\r\n"
                    + "Call-ID: 7f3e8a2b@127.0.0.1\r\nCSeq: 2 BYE\r\nMax-Forwards: 70\r\n"
                    + "Session-Expires: 1800;refresher=uac\r\nSupported: timer\r\nContent-Length: 0\r\n\r\n",
            "SIP/2.0 481 Call/Transaction Does Not Exist\r\n"
                    + "Via: SIP/2.0/UDP 127.0.0.1:5061;branch=z9hG4bK-1234-1-6\r\n"
                    + "From: sipp <sip:sipp@127.0.0.1:5061>;tag=1234SIPpTag001\r\n"
                    + "To: sut <sip:service@127.0.0.1:5060>;tag=x\r\n"
                    + "Call-ID: 1-1234@127.0.0.1\r\nCSeq: 2 BYE\r\nContent-Length: 0\r\n\r\n");

    /** The same call for {@link EncodeCostHarness}. */
    static List<String> callForHarness() {
        return CALL;
    }

    @ParameterizedTest
    @ValueSource(strings = {"UDP", "TCP", "TLS", "WS"})
    void encodesAnOrdinaryCallAsJainSipDoes(String transport) throws ParseException {
        for (String text : CALL) {
            assertSameBytes(text, transport);
        }
    }

    @Test
    void encodesResponsesTheStackCreatesAsJainSipDoes() throws ParseException {
        SIPRequest invite = (SIPRequest) parse(CALL.get(0));
        for (int status : new int[] {Response.TRYING, Response.RINGING, Response.OK, Response.BUSY_HERE}) {
            SIPResponse response = invite.createResponse(status);
            response.getTo().setTag("4f1e");
            SIPResponse copy = (SIPResponse) response.clone();
            assertArrayEquals(response.encodeAsBytes("UDP"), MessageEncoder.encode(copy, "UDP"), "status " + status);
        }
        SIPResponse unnamed = invite.createResponse(Response.OK);
        unnamed.getStatusLine().setReasonPhrase(null); // a status line with no reason phrase
        assertEquals(new String(unnamed.encodeAsBytes("UDP"), StandardCharsets.UTF_8),
                new String(MessageEncoder.encode((SIPMessage) unnamed.clone(), "UDP"), StandardCharsets.UTF_8));
    }

    @Test
    void encodesTextOutsideAsciiAsJainSipDoes() throws ParseException {
        assertSameBytes("MESSAGE sip:bob@example.com SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-m1\r\n"
                + "From: \"Zoë Ærø\" <sip:zoe@example.com>;tag=1\r\nTo: <sip:bob@example.com>\r\n"
                + "Call-ID: m1@127.0.0.1\r\nCSeq: 1 MESSAGE\r\nMax-Forwards: 70\r\n"
                + "Content-Type: text/plain;charset=UTF-8\r\nContent-Length: 6\r\n\r\nsmørr", "UDP");
        assertSameBytes("SIP/2.0 200 Très bien\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-m2\r\n"
                + "From: <sip:zoe@example.com>;tag=1\r\nTo: <sip:bob@example.com>;tag=2\r\n"
                + "Call-ID: m2@127.0.0.1\r\nCSeq: 1 MESSAGE\r\nContent-Length: 0\r\n\r\n", "UDP");
        assertSameBytes("MESSAGE sip:bob@example.com SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-m3\r\n"
                + "From: \"Zoë\" <sip:zoe@example.com>;tag=1\r\nTo: <sip:bob@example.com>\r\n"
                + "Call-ID: m3@127.0.0.1\r\nCSeq: 1 MESSAGE\r\nMax-Forwards: 70\r\n"
                + "Content-Type: text/plain;charset=ISO-8859-1\r\nContent-Length: 2\r\n\r\nok", "UDP");
    }

    @Test
    void encodesAKeepAliveAsJainSipDoes() {
        SIPRequest keepAlive = new SIPRequest();
        keepAlive.setNullRequest();
        assertArrayEquals(keepAlive.encodeAsBytes("UDP"), MessageEncoder.encode(keepAlive, "UDP"));
    }

    /** Every RFC 4475 torture message JAIN-SIP parses, whole: all its header fields and its body. */
    @Test
    void encodesEveryParsedTortureMessageAsJainSipDoes() throws IOException, URISyntaxException {
        Path dir = Path.of(MessageEncoderTest.class.getResource("/rfc4475").toURI());
        int compared = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".dat")).sorted()::iterator) {
                byte[] raw = Files.readAllBytes(file);
                SIPMessage reference;
                SIPMessage ours;
                try {
                    reference = new StringMsgParser().parseSIPMessage(raw, true, false, null);
                    ours = new StringMsgParser().parseSIPMessage(raw, true, false, null);
                } catch (ParseException | RuntimeException rejected) {
                    continue; // what JAIN-SIP cannot parse is never sent
                }
                if (reference == null || reference.getTopmostVia() == null) {
                    continue; // JAIN-SIP cannot send it either
                }
                assertArrayEquals(reference.encodeAsBytes("UDP"), MessageEncoder.encode(ours, "UDP"), file.getFileName().toString());
                compared++;
            }
        }
        assertTrue(compared >= 40, "torture messages compared: " + compared);
    }

    private static void assertSameBytes(String text, String transport) throws ParseException {
        SIPMessage reference = parse(text);
        SIPMessage ours = parse(text);
        byte[] expected = reference.encodeAsBytes(transport);
        byte[] actual = MessageEncoder.encode(ours, transport);
        assertEquals(new String(expected, StandardCharsets.ISO_8859_1), new String(actual, StandardCharsets.ISO_8859_1));
        assertArrayEquals(expected, actual);
        assertEquals(reference.getTopmostVia().getTransport(), ours.getTopmostVia().getTransport());
    }

    private static SIPMessage parse(String text) throws ParseException {
        return new StringMsgParser().parseSIPMessage(text.getBytes(StandardCharsets.UTF_8), true, false, null);
    }
}
