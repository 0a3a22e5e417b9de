package org.webims.sip.stack.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import gov.nist.core.NameValue;
import gov.nist.javax.sip.address.SipUri;
import gov.nist.javax.sip.header.AddressParametersHeader;
import gov.nist.javax.sip.header.CallID;
import gov.nist.javax.sip.header.ParametersHeader;
import gov.nist.javax.sip.header.SIPHeader;
import gov.nist.javax.sip.header.SIPHeaderList;
import gov.nist.javax.sip.header.Via;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.webims.sip.stack.CachedCallId;

/**
 * The strict fast path against JAIN-SIP's own parsers, the reference: whatever the fast path
 * takes must come out as the same objects (class, encoding, equality, getters, parameters), and
 * what it leaves must be left to JAIN-SIP.
 */
class StrictFieldParserTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-1234-1-0",
        "Via: SIP/2.0/UDP 127.0.0.1:25250;branch=z9hG4bKabc;rport",
        "Via: SIP/2.0/UDP 127.0.0.1:5060;rport=5060;received=127.0.0.1;branch=z9hG4bK.x~y",
        "v: SIP/2.0/TCP Proxy.Example.COM;branch=z9hG4bK776asdhds;ttl=1",
        "VIA: SIP/2.0/ws df7jal23ls0d.invalid;branch=z9hG4bKasudf;alias",
        "From: sipp <sip:sipp@127.0.0.1:5061>;tag=1234SIPpTag001",
        "From: \"Alice Liddell\" <sip:alice@atlanta.example.com>;tag=1928301774",
        "f: <sip:+12125551212@server.phone2net.com>;tag=887s",
        "To: sut <sip:service@127.0.0.1:5060>",
        "To: <sip:service@127.0.0.1:25260>;tag=abc-12.3",
        "t: \"  Bob \" <sips:bob@Biloxi.Example.com;user=phone>",
        "Call-ID: 1-12345@127.0.0.1",
        "i: a84b4c76e66710@pc33.atlanta.example.com",
        "CSeq: 1 INVITE",
        "CSeq: 2 BYE",
        "CSeq: 4711 FOO",
        "Max-Forwards: 70",
        "Content-Length: 129",
        "l: 0",
        "Content-Type: application/sdp",
        "c: text/plain;charset=utf-8",
        "Contact: sip:sipp@127.0.0.1:5061",
        "Contact: <sip:sipp@127.0.0.1:5061;transport=UDP>",
        "m: <sip:alice@pc33.atlanta.example.com>;expires=3600;q=0.7",
        "Contact: <sip:a@h1>, <sip:b@h2:5070>;q=0.1",
        "Route: <sip:127.0.0.1:25250;lr>",
        "Record-Route: <sip:p1.example.com;lr>, <sip:p2.example.com:5061;lr;transport=tcp>",
        "Route: <sip:p1.example.com;lr;ftag=x-1>",
        "Contact: sip:sipp@127.0.0.1:5061;expires=60",
        "Contact: sip:a@h1, sip:b@h2:5070;q=0.1",
        "Contact: sips:127.0.0.1:5061",
        "From: sip:alice@atlanta.example.com;tag=1928301774",
        "To: sip:bob@biloxi.example.com",
    })
    void takesOrdinaryFieldsAndMatchesJainSip(String field) throws ParseException {
        assertNotNull(StrictFieldParser.parse(field), "ordinary field not taken by the fast path: " + field);
        assertSameAsJainSip(field);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Via: SIP/2.0/UDP [2001:db8::9:1]:5060;branch=z9hG4bK1",
        "Via: SIP/2.0/UDP 2001:db8::9:1;branch=z9hG4bK1",
        "Via: SIP/2.0/UDP h1;branch=z9hG4bK1, SIP/2.0/UDP h2;branch=z9hG4bK2",
        "Via: SIP/2.0/UDP h1 ;branch=z9hG4bK1",
        "Via: SIP/2.0/UDP h1;branch=\"quoted\"",
        "Via: SIP/2.0/UDP h1;received=%41",
        "Via: SIP/2.0/UDP h1 (comment)",
        "Via: SIP / 2.0 / UDP h1;branch=z9hG4bK1",
        "Via: SIP/2.0/UDP h1;branch=z9hG4bK1 ",
        "Via: SIP/2.0/UDP h1:99999999;branch=z9hG4bK1",
        "From: \"Bob \\\"the\\\" Builder\" <sip:bob@h>;tag=1",
        "From: caller<sip:caller@example.com>;tag=323",
        "From: <sip:user:password@h>;tag=1",
        "From: <sip:%61lice@h>;tag=1",
        "From: <sip:alice@h?subject=x>;tag=1",
        "From: <tel:+1-212-555-1212>;tag=1",
        "From: <SIP:alice@h>;tag=1",
        "From: <sip:alice@[::1]:5060>;tag=1",
        "From: <sip:alice@h>;tag=\"q\"",
        "From: < sip:alice@h >;tag=1",
        "From: <sip:alice@h> ; tag=1",
        "From: <sip:alice;x@h>;tag=1",
        "From: <sip:alice@h>tag=1",
        "From: <sip:alice@h>;tag=a:b:c",
        "To: sip:bob@h;tag=1",
        "To: \"unterminated <sip:bob@h>",
        "Call-ID: a b",
        "CSeq: 1 invite",
        "CSeq: 99999999999 INVITE",
        "CSeq: -1 INVITE",
        "Max-Forwards: 300",
        "Max-Forwards: 0070",
        "Content-Length: -1",
        "Content-Length: 12345678901",
        "Content-Type: application/sdp;charset=\"x\"",
        "Contact: *",
        "Contact: <sip:a@h>,",
        "Contact: <sip:a@h>;+sip.instance=\"<urn:uuid:1>\"",
        "Route: <sip:h;lr>, , <sip:h2>",
        "Via:",
        "Via: ",
        "Route: <sip:h:>",
        "From: <sip:@h>;tag=1",
        "To: <sip:h;=x>",
        "Subject: hello",
        "Contact: sip:alice;x@h",
        "Contact: sip:a@h;p=\"q\"",
        "Contact: sip:a@h?subject=x",
        "Contact: sip:a@h ;expires=1",
        "Contact: sip:a@h,",
        "Contact: sip:a:pw@h",
        "To: sip:bob@h;tag=1;lr",
        "Route: sip:p1.example.com;lr",
    })
    void leavesOddFieldsToJainSipOrMatchesIt(String field) throws ParseException {
        assertSameAsJainSip(field);
    }

    @Test
    void leavesEscapesQuotesIpv6AndListsInOneViaToJainSip() {
        assertNull(StrictFieldParser.parse("Via: SIP/2.0/UDP [2001:db8::9:1]:5060;branch=z9hG4bK1"));
        assertNull(StrictFieldParser.parse("Via: SIP/2.0/UDP h1;branch=z9hG4bK1, SIP/2.0/UDP h2;branch=z9hG4bK2"));
        assertNull(StrictFieldParser.parse("From: \"Bob \\\"the\\\" Builder\" <sip:bob@h>;tag=1"));
        assertNull(StrictFieldParser.parse("From: <sip:%61lice@h>;tag=1"));
        assertNull(StrictFieldParser.parse("Contact: *"));
        assertNull(StrictFieldParser.parse("CSeq: 99999999999 INVITE"), "out of range: JAIN-SIP rejects it");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "INVITE sip:service@127.0.0.1:5060 SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP 127.0.0.1:5061;branch=z9hG4bK-31234-1-0\r\n"
            + "From: sipp <sip:sipp@127.0.0.1:5061>;tag=31234SIPpTag001\r\n"
            + "To: service <sip:service@127.0.0.1:5060>\r\n"
            + "Call-ID: 1-31234@127.0.0.1\r\n"
            + "CSeq: 1 INVITE\r\n"
            + "Contact: sip:sipp@127.0.0.1:5061\r\n"
            + "Max-Forwards: 70\r\n"
            + "Subject: Performance Test\r\n"
            + "Content-Type: application/sdp\r\n"
            + "Content-Length:   5\r\n\r\nv=0\r\n",
        "SIP/2.0 200 OK\r\n"
            + "Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK8a7c0e;rport=5060;received=127.0.0.1\r\n"
            + "v: SIP/2.0/UDP 127.0.0.1:5061;branch=z9hG4bK-31234-1-0\r\n"
            + "f: <sip:sipp@127.0.0.1:5061>;tag=5f3a9c2e1b7d\r\n"
            + "t: \"Service\" <sip:service@127.0.0.1:5062>;tag=31260SIPpTag011\r\n"
            + "i: 8f2c1a9e3b7d4c6e@127.0.0.1\r\n"
            + "CSeq: 1 INVITE\r\n"
            + "Record-Route: <sip:127.0.0.1:5070;lr>, <sip:proxy.example.com;lr>\r\n"
            + "m: <sip:127.0.0.1:5062;transport=UDP>;expires=60\r\n"
            + "c: application/sdp\r\n"
            + "l: 5\r\n\r\nv=0\r\n",
    })
    void wholeMessagesComeOutAsJainSipParsesThem(String text) throws ParseException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        String reference = new gov.nist.javax.sip.parser.StringMsgParser().parseSIPMessage(bytes, true, false, null).encode();
        assertEquals(reference, new ScreenedMessageParser().parseSIPMessage(bytes, true, false, null).encode());
    }

    /** Every header field of the RFC 4475 torture messages (unfolded as RFC 3261 §7.3.1 allows). */
    @Test
    void matchesJainSipOnEveryTortureMessageField() throws IOException, URISyntaxException, ParseException {
        Path dir = Path.of(StrictFieldParserTest.class.getResource("/rfc4475").toURI());
        List<String> fields = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".dat")).sorted()::iterator) {
                fields.addAll(headerFields(Files.readAllBytes(file)));
            }
        }
        assertTrue(fields.size() > 300, "corpus read: " + fields.size());
        int taken = 0;
        for (String field : fields) {
            if (assertSameAsJainSip(field)) {
                taken++;
            }
        }
        assertTrue(taken > 50, "the fast path took ordinary torture fields too: " + taken);
    }

    private static List<String> headerFields(byte[] message) {
        String text = new String(message, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        String[] lines = (end < 0 ? text : text.substring(0, end)).split("\r\n");
        List<String> fields = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (!line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t') && !fields.isEmpty()) {
                fields.set(fields.size() - 1, fields.get(fields.size() - 1) + " " + line.strip());
            } else {
                fields.add(line);
            }
        }
        return fields;
    }

    /** Whether the fast path took the field; when it did, its header is JAIN-SIP's in every respect. */
    private static boolean assertSameAsJainSip(String field) throws ParseException {
        SIPHeader fast = StrictFieldParser.parse(field);
        if (fast == null) {
            return false;
        }
        SIPHeader reference;
        try {
            reference = CommonFieldParsers.forField(field).parse();
        } catch (ParseException e) {
            fail("fast path took what JAIN-SIP rejects: " + field + " (" + e.getMessage() + ")");
            return false;
        }
        assertEquals(fastClassOf(reference), fast.getClass(), field);
        assertEquals(reference.encode(), fast.encode(), field);
        assertEquals(reference.getHeaderValue(), fast.getHeaderValue(), field);
        assertEquals(reference, fast, field);
        assertEquals(fast, reference, field);
        assertEquals(reference.encode(), ((SIPHeader) fast.clone()).encode(), field);
        if (reference instanceof SIPHeaderList<?> expectedList) {
            SIPHeaderList<?> actualList = (SIPHeaderList<?>) fast;
            assertEquals(expectedList.size(), actualList.size(), field);
            for (int i = 0; i < expectedList.size(); i++) {
                assertSameParts(field, expectedList.get(i), actualList.get(i));
            }
        } else {
            assertSameParts(field, reference, fast);
        }
        return true;
    }

    /** JAIN-SIP's class, but for a Call-ID: the fast path keeps its text (decision 0034). */
    private static Class<?> fastClassOf(SIPHeader reference) {
        return reference.getClass() == CallID.class ? CachedCallId.class : reference.getClass();
    }

    private static void assertSameParts(String field, SIPHeader expected, SIPHeader actual) {
        assertEquals(fastClassOf(expected), actual.getClass(), field);
        if (expected instanceof ParametersHeader p) {
            assertSameParameters(field, p, (ParametersHeader) actual);
        }
        if (expected instanceof AddressParametersHeader a) {
            AddressParametersHeader b = (AddressParametersHeader) actual;
            assertEquals(a.getAddress().getDisplayName(), b.getAddress().getDisplayName(), field);
            assertEquals(a.getAddress().getURI().toString(), b.getAddress().getURI().toString(), field);
            if (a.getAddress().getURI() instanceof SipUri u) {
                assertSameUri(field, u, (SipUri) b.getAddress().getURI());
            }
        }
        if (expected instanceof Via a) {
            Via b = (Via) actual;
            assertEquals(a.getProtocol(), b.getProtocol(), field);
            assertEquals(a.getTransport(), b.getTransport(), field);
            assertEquals(a.getHost(), b.getHost(), field);
            assertEquals(a.getPort(), b.getPort(), field);
            assertEquals(a.getBranch(), b.getBranch(), field);
            assertEquals(a.getReceived(), b.getReceived(), field);
            assertEquals(a.getRPort(), b.getRPort(), field);
            assertEquals(a.getSentBy().getHost().isIPAddress(), b.getSentBy().getHost().isIPAddress(), field);
        }
    }

    /** The SIP URI's parts, as JAIN-SIP's parser gave them ({@code expected}). */
    static void assertSameUri(String field, SipUri u, SipUri v) {
        assertEquals(u.toString(), v.toString(), field);
        assertEquals(u.getScheme(), v.getScheme(), field);
        assertEquals(u.getUser(), v.getUser(), field);
        assertEquals(u.getHost(), v.getHost(), field);
        assertEquals(u.getPort(), v.getPort(), field);
        assertEquals(u.getHostPort().getHost().isIPAddress(), v.getHostPort().getHost().isIPAddress(), field);
        assertEquals(u.hasLrParam(), v.hasLrParam(), field);
        assertEquals(u.getTransportParam(), v.getTransportParam(), field);
        assertEquals(names(u.getParameterNames()), names(v.getParameterNames()), field);
        for (String name : names(u.getParameterNames())) {
            assertEquals(u.getParameter(name), v.getParameter(name), field + " uri ;" + name);
        }
        assertEquals(u, v, field);
        assertEquals(v, u, field);
    }

    private static void assertSameParameters(String field, ParametersHeader expected, ParametersHeader actual) {
        List<String> names = names(expected.getParameterNames());
        assertEquals(names, names(actual.getParameterNames()), field);
        for (String name : names) {
            NameValue a = expected.getParameters().getNameValue(name);
            NameValue b = actual.getParameters().getNameValue(name);
            assertEquals(a.encode(), b.encode(), field + " ;" + name);
            assertEquals(a.getValueAsObject(), b.getValueAsObject(), field + " ;" + name);
            assertEquals(expected.getParameter(name), actual.getParameter(name), field + " ;" + name);
        }
    }

    private static List<String> names(Iterator<?> it) {
        List<String> names = new ArrayList<>();
        it.forEachRemaining(n -> names.add(String.valueOf(n)));
        return names;
    }
}
