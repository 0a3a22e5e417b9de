package org.webims.sip.stack.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import gov.nist.javax.sip.parser.ParserFactory;
import java.text.ParseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The parsers made directly are the ones JAIN-SIP's factory makes for the same field, and parse alike. */
class CommonFieldParsersTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "Via: SIP/2.0/UDP h;branch=z9hG4bK1", "v: SIP/2.0/UDP h;branch=z9hG4bK1", "From: <sip:a@h>;tag=1",
        "f: <sip:a@h>;tag=1", "To: <sip:b@h>", "t: <sip:b@h>", "Call-ID: x@h", "i: x@h", "CSeq: 1 INVITE",
        "Contact: <sip:a@h>", "m: <sip:a@h>", "Content-Length: 0", "l: 0", "Content-Type: application/sdp",
        "c: application/sdp", "Max-Forwards: 70", "Record-Route: <sip:p;lr>", "Route: <sip:p;lr>",
        "Subject: Performance Test", "s: Performance Test", "Supported: timer, 100rel", "k: timer",
        "Require: 100rel", "Session-Expires: 1800;refresher=uac", "x: 1800", "Min-SE: 90",
        "User-Agent: SIPp/3.7", "P-Asserted-Identity: <sip:alice@ims.example.com>",
        "subject: lower case", "SESSION-EXPIRES: 90",
    })
    void makesTheFactorysParserAndTheSameHeader(String field) throws ParseException {
        var direct = CommonFieldParsers.forField(field);
        assertNotNull(direct, field);
        var factory = ParserFactory.createParser(field + "\n");
        assertEquals(factory.getClass(), direct.getClass(), field);
        assertEquals(ParserFactory.createParser(field + "\n").parse().encode(), direct.parse().encode(), field);
    }

    @Test
    void leavesOtherFieldsToTheFactory() {
        assertNull(CommonFieldParsers.forField("X-Custom: 1"));
        assertNull(CommonFieldParsers.forField("Allow-Events: presence"));
        assertNull(CommonFieldParsers.forField("u: presence"));
        assertNull(CommonFieldParsers.forField(": no name"));
    }
}
