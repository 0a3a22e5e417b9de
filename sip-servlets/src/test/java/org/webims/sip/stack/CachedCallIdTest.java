package org.webims.sip.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.nist.javax.sip.header.CallID;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.parser.StringMsgParser;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CachedCallIdTest {

    @Test
    void encodesAsJainSipsCallIdDoes() throws Exception {
        for (String value : new String[] {"1-4711@127.0.0.1", "a84b4c76e66710", "f81d4fae-7dec-11d0-a765-00a0c91e6bf6@foo.bar.com"}) {
            CallID jain = new CallID();
            jain.setCallId(value);
            CachedCallId cached = CachedCallId.of(value);
            assertEquals(jain.getCallId(), cached.getCallId());
            assertEquals(jain.encode(), cached.encode(), "the header line");
            assertEquals(jain.encodeBody(), cached.encodeBody());
            assertTrue(cached.equals(jain) && jain.equals(cached), "equal both ways");
        }
    }

    @Test
    void answersTheSameTextUntilTheValueChanges() throws Exception {
        CachedCallId cached = CachedCallId.of("first@example.com");
        assertSame(cached.getCallId(), cached.getCallId(), "encoded once");
        cached.setCallId("second@example.com");
        assertEquals("second@example.com", cached.getCallId());
        cached.getCallIdentifer().setHost("example.org");
        assertEquals("second@example.org", cached.getCallId());
        cached.getCallIdentifer().setLocalId("third");
        assertEquals("third@example.org", cached.getCallId());
    }

    @Test
    void aCopyIsACachedCallIdOfItsOwn() throws Exception {
        CachedCallId cached = CachedCallId.of("orig@example.com");
        CachedCallId copy = (CachedCallId) cached.clone();
        copy.setCallId("copy@example.com");
        assertEquals("orig@example.com", cached.getCallId());
        assertEquals("copy@example.com", copy.getCallId());
    }

    @Test
    void dialogIdsOfAMessageWithItAreJainSipsOwn() throws Exception {
        String invite = "INVITE sip:bob@127.0.0.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5061;branch=z9hG4bK-1\r\n"
                + "From: <sip:alice@127.0.0.1>;tag=ab12\r\n"
                + "To: <sip:bob@127.0.0.1>;tag=cd34\r\n"
                + "Call-ID: Mixed-Case-1@127.0.0.1\r\n"
                + "CSeq: 1 INVITE\r\n"
                + "Content-Length: 0\r\n\r\n";
        SIPRequest request = (SIPRequest) new StringMsgParser().parseSIPMessage(invite.getBytes(StandardCharsets.US_ASCII), true, false, null);
        String jainServer = request.getDialogId(true);
        String jainClient = request.getDialogId(false);
        request.setCallId(CachedCallId.of("Mixed-Case-1@127.0.0.1"));
        assertEquals(jainServer, request.getDialogId(true));
        assertEquals(jainClient, request.getDialogId(false));
        assertTrue(request.encode().contains("\r\nCall-ID: Mixed-Case-1@127.0.0.1\r\n"), request.encode());
    }
}
