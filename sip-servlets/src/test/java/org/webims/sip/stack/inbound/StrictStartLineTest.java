package org.webims.sip.stack.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import gov.nist.javax.sip.address.SipUri;
import gov.nist.javax.sip.header.RequestLine;
import gov.nist.javax.sip.header.StatusLine;
import gov.nist.javax.sip.parser.RequestLineParser;
import gov.nist.javax.sip.parser.StatusLineParser;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The start lines' fast path against JAIN-SIP's {@code RequestLineParser} and {@code StatusLineParser},
 * the reference: what it takes comes out as their objects, what it leaves is JAIN-SIP's to judge.
 */
class StrictStartLineTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "INVITE sip:service@127.0.0.1:5060 SIP/2.0",
        "ACK sip:127.0.0.1:5062;transport=UDP SIP/2.0",
        "BYE sip:service@127.0.0.1:5060 SIP/2.0",
        "OPTIONS sip:carol@chicago.example.com SIP/2.0",
        "REGISTER sips:ss2.biloxi.example.com SIP/2.0",
        "INVITE sip:+12125551212@gw.example.com;user=phone SIP/2.0",
        "NOTIFY sip:alice@10.0.0.1:5070;transport=tcp;ob SIP/2.0",
        "PUBLISH sip:presentity@example.com SIP/2.0",
    })
    void takesOrdinaryRequestLinesAsJainSipParsesThem(String line) throws ParseException {
        assertNotNull(StrictFieldParser.requestLine(line), "ordinary request line not taken: " + line);
        assertSameRequestLine(line);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "SIP/2.0 100 Trying",
        "SIP/2.0 180 Ringing",
        "SIP/2.0 200 OK",
        "SIP/2.0 481 Call/Transaction Does Not Exist",
        "SIP/2.0 503 Service Unavailable",
        "SIP/2.0 404 Not Found (user: bob)",
    })
    void takesOrdinaryStatusLinesAsJainSipParsesThem(String line) throws ParseException {
        assertNotNull(StrictFieldParser.statusLine(line), "ordinary status line not taken: " + line);
        assertSameStatusLine(line);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "invite sip:a@h SIP/2.0",
        "INVITE  sip:a@h SIP/2.0",
        "INVITE\tsip:a@h SIP/2.0",
        "INVITE sip:a@h  SIP/2.0",
        "INVITE sip:a@h SIP/2.0 ",
        "INVITE sip:a@h SIP/7.0",
        "INVITE sip:a@h sip/2.0",
        "INVITE tel:+12125551212 SIP/2.0",
        "INVITE unknown:a@h SIP/2.0",
        "INVITE sip:%61@h SIP/2.0",
        "INVITE sip:a:secret@h SIP/2.0",
        "INVITE sip:a@h?subject=x SIP/2.0",
        "INVITE sip:a@[::1]:5060 SIP/2.0",
        "INVITE sip:a@h:99999999 SIP/2.0",
        "INVITE sip:a@h;p=\"q\" SIP/2.0",
        "INVITE <sip:a@h> SIP/2.0",
        "INVITE sip:a@h",
        "INVITE",
        "INV-ITE sip:a@h SIP/2.0",
    })
    void leavesOddRequestLinesToJainSip(String line) throws ParseException {
        assertNull(StrictFieldParser.requestLine(line), line);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "SIP/2.0 200",
        "SIP/2.0 200 ",
        "SIP/2.0 200  OK",
        "SIP/2.0  200 OK",
        "SIP/2.0 2000 OK",
        "SIP/2.0 20 OK",
        "SIP/2.0 2x0 OK",
        "SIP/2.0 200\tOK",
        "SIP/2.0 200 Très bien",
        "SIP/2.0 200 OK\u0001",
    })
    void leavesOddStatusLinesToJainSip(String line) {
        assertNull(StrictFieldParser.statusLine(line), line);
    }

    /** The first line of every RFC 4475 torture message: taken only where JAIN-SIP gives the same. */
    @Test
    void matchesJainSipOnEveryTortureMessageStartLine() throws IOException, URISyntaxException, ParseException {
        Path dir = Path.of(StrictStartLineTest.class.getResource("/rfc4475").toURI());
        int lines = 0;
        int taken = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".dat")).sorted()::iterator) {
                String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
                int end = text.indexOf("\r\n");
                String line = end < 0 ? text : text.substring(0, end);
                lines++;
                boolean fast = line.startsWith("SIP/2.0") ? assertSameStatusLine(line) : assertSameRequestLine(line);
                if (fast) {
                    taken++;
                }
            }
        }
        assertTrue(lines >= 50, "corpus read: " + lines);
        assertTrue(taken > 10, "the fast path took ordinary torture start lines too: " + taken);
    }

    /** Whether the fast path took the line; when it did, its request line is JAIN-SIP's in every respect. */
    private static boolean assertSameRequestLine(String line) throws ParseException {
        RequestLine fast = StrictFieldParser.requestLine(line);
        if (fast == null) {
            return false;
        }
        RequestLine reference;
        try {
            reference = new RequestLineParser(line + "\n").parse();
        } catch (ParseException e) {
            fail("fast path took what JAIN-SIP rejects: " + line + " (" + e.getMessage() + ")");
            return false;
        }
        assertEquals(reference.encode(), fast.encode(), line);
        assertEquals(reference.getMethod(), fast.getMethod(), line);
        assertEquals(reference.getSipVersion(), fast.getSipVersion(), line);
        assertEquals(reference, fast, line);
        assertEquals(fast, reference, line);
        assertEquals(reference.encode(), ((RequestLine) fast.clone()).encode(), line);
        assertEquals(reference.getUri().getClass(), fast.getUri().getClass(), line);
        StrictFieldParserTest.assertSameUri(line, (SipUri) reference.getUri(), (SipUri) fast.getUri());
        return true;
    }

    /** Whether the fast path took the line; when it did, its status line is JAIN-SIP's in every respect. */
    private static boolean assertSameStatusLine(String line) throws ParseException {
        StatusLine fast = StrictFieldParser.statusLine(line);
        if (fast == null) {
            return false;
        }
        StatusLine reference;
        try {
            reference = new StatusLineParser(line + "\n").parse();
        } catch (ParseException e) {
            fail("fast path took what JAIN-SIP rejects: " + line + " (" + e.getMessage() + ")");
            return false;
        }
        assertEquals(reference.encode(), fast.encode(), line);
        assertEquals(reference.getStatusCode(), fast.getStatusCode(), line);
        assertEquals(reference.getReasonPhrase(), fast.getReasonPhrase(), line);
        assertEquals(reference.getSipVersion(), fast.getSipVersion(), line);
        assertEquals(reference, fast, line);
        assertEquals(fast, reference, line);
        return true;
    }
}
