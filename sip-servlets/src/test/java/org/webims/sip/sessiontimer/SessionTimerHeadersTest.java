package org.webims.sip.sessiontimer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.parser.StringMsgParser;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** RFC 4028 header fields read from requests JAIN-SIP's parser has read, and from bare values. */
class SessionTimerHeadersTest {

    private static SIPRequest invite(String extraHeaders) throws Exception {
        String text = "INVITE sip:b@example.com SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-1\r\n"
                + "From: <sip:a@example.com>;tag=1\r\nTo: <sip:b@example.com>\r\n"
                + "Call-ID: c1@127.0.0.1\r\nCSeq: 1 INVITE\r\nMax-Forwards: 70\r\n"
                + "Contact: <sip:a@127.0.0.1:5070>\r\n" + extraHeaders + "Content-Length: 0\r\n\r\n";
        return (SIPRequest) new StringMsgParser().parseSIPMessage(text.getBytes(StandardCharsets.UTF_8), true, false, null);
    }

    @Test
    void readsIntervalAndRefresherIncludingCompactForm() throws Exception {
        assertEquals(Optional.of(new SessionInterval(1800, Refresher.UAC)),
                SessionTimerHeaders.sessionExpires(invite("Session-Expires: 1800;refresher=uac\r\n")));
        assertEquals(Optional.of(new SessionInterval(90, null)),
                SessionTimerHeaders.sessionExpires(invite("x: 90\r\n")));
        assertEquals(OptionalInt.of(120), SessionTimerHeaders.minSe(invite("Min-SE: 120\r\n")));
    }

    @Test
    void malformedValuesReadAsAbsent() {
        assertEquals(Optional.empty(), SessionTimerHeaders.parseSessionExpires("soon"));
        assertEquals(Optional.empty(), SessionTimerHeaders.parseSessionExpires("0"));
        assertEquals(Optional.empty(), SessionTimerHeaders.parseSessionExpires("99999999999"));
        assertEquals(OptionalInt.empty(), SessionTimerHeaders.parseMinSe("-5"));
        // an unknown refresher value is no refresher (RFC 4028 §4 allows uac and uas only)
        assertEquals(Optional.of(new SessionInterval(60, null)), SessionTimerHeaders.parseSessionExpires("60;refresher=proxy"));
        assertEquals(Optional.of(new SessionInterval(60, Refresher.UAS)), SessionTimerHeaders.parseSessionExpires(" 60 ; Refresher = UAS"));
    }

    @Test
    void findsTimerOptionTagAndUpdateInAllow() throws Exception {
        SIPRequest request = invite("Supported: 100rel, timer\r\nAllow: INVITE, ACK, UPDATE\r\n");
        assertTrue(SessionTimerHeaders.supportsTimer(request));
        assertEquals(Boolean.TRUE, SessionTimerHeaders.allows(request, "UPDATE"));
        SIPRequest plain = invite("Supported: 100rel\r\nAllow: INVITE, ACK, BYE\r\n");
        assertFalse(SessionTimerHeaders.supportsTimer(plain));
        assertEquals(Boolean.FALSE, SessionTimerHeaders.allows(plain, "UPDATE"));
        assertNull(SessionTimerHeaders.allows(invite(""), "UPDATE"), "no Allow says nothing");
    }

    @Test
    void negotiatesTheAnswerAsRfc4028Section9Says() throws Exception {
        SessionTimerSettings settings = new SessionTimerSettings(true, 1800, 90);
        // the UAC's interval and refresher are copied
        assertEquals(new SessionInterval(600, Refresher.UAS), UasNegotiation.answer(
                invite("Supported: timer\r\nSession-Expires: 600;refresher=uas\r\n"), null, settings));
        // no refresher asked: the UAC refreshes, since it supports timers
        assertEquals(new SessionInterval(600, Refresher.UAC), UasNegotiation.answer(
                invite("Supported: timer\r\nSession-Expires: 600\r\n"), null, settings));
        // a UAC without timer support never refreshes; no interval asked: ours, not below the request's Min-SE
        assertEquals(new SessionInterval(3600, Refresher.UAS), UasNegotiation.answer(invite("Min-SE: 3600\r\n"), null, settings));
    }

    /** The headers the container adds are the ones JAIN-SIP's parser makes of their text. */
    @Test
    void setsTheHeadersJainSipsParserMakesOfTheirText() throws Exception {
        gov.nist.javax.sip.header.HeaderFactoryImpl factory = new gov.nist.javax.sip.header.HeaderFactoryImpl();
        for (SessionInterval interval : new SessionInterval[] {new SessionInterval(1800, null),
                new SessionInterval(90, Refresher.UAC), new SessionInterval(3600, Refresher.UAS)}) {
            SIPRequest request = invite("Session-Expires: 5\r\n");
            SessionTimerHeaders.setSessionExpires(request, factory, interval);
            javax.sip.header.Header parsed = factory.createHeader(SessionTimerHeaders.SESSION_EXPIRES, interval.headerValue());
            javax.sip.header.Header set = request.getHeader(SessionTimerHeaders.SESSION_EXPIRES);
            assertEquals(parsed.getClass(), set.getClass());
            assertEquals(parsed.toString(), set.toString());
            assertTrue(parsed.equals(set) && set.equals(parsed), interval.toString());
            assertEquals(Optional.of(interval), SessionTimerHeaders.sessionExpires(request));
        }
        SIPRequest request = invite("Min-SE: 5\r\n");
        SessionTimerHeaders.setMinSe(request, factory, 90);
        javax.sip.header.Header parsed = factory.createHeader(SessionTimerHeaders.MIN_SE, "90");
        javax.sip.header.Header set = request.getHeader(SessionTimerHeaders.MIN_SE);
        assertEquals(parsed.getClass(), set.getClass());
        assertEquals(parsed.toString(), set.toString());
        assertTrue(parsed.equals(set) && set.equals(parsed));
        assertEquals(OptionalInt.of(90), SessionTimerHeaders.minSe(request));
    }
}
