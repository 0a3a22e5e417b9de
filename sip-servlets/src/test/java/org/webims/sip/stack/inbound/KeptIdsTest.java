package org.webims.sip.stack.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import gov.nist.javax.sip.address.AddressFactoryImpl;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.parser.StringMsgParser;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import org.junit.jupiter.api.Test;

/**
 * The transaction and merge ids a received message keeps are the ones JAIN-SIP builds for the same
 * message as it is at the time of asking: unchanged, and after each part they are built from changes.
 */
class KeptIdsTest {
    private static final String INVITE = "INVITE sip:bob@biloxi.example.com SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP pc33.atlanta.example.com:5060;branch=z9hG4bKnashds8\r\n"
            + "Max-Forwards: 70\r\n"
            + "To: Bob <sip:bob@biloxi.example.com>\r\n"
            + "From: Alice <sip:alice@atlanta.example.com>;tag=1928301774\r\n"
            + "Call-ID: a84b4c76e66710@pc33.atlanta.example.com\r\n"
            + "CSeq: 314159 INVITE\r\n"
            + "Contact: <sip:alice@pc33.atlanta.example.com>\r\n"
            + "Content-Length: 0\r\n\r\n";
    private static final String RINGING = "SIP/2.0 180 Ringing\r\n"
            + "Via: SIP/2.0/UDP pc33.atlanta.example.com:5060;branch=z9hG4bKnashds8;received=192.0.2.1\r\n"
            + "To: Bob <sip:bob@biloxi.example.com>;tag=a6c85cf\r\n"
            + "From: Alice <sip:alice@atlanta.example.com>;tag=1928301774\r\n"
            + "Call-ID: a84b4c76e66710@pc33.atlanta.example.com\r\n"
            + "CSeq: 314159 INVITE\r\n"
            + "Content-Length: 0\r\n\r\n";

    @Test
    void aReceivedRequestsMergeIdIsJainSipsAsItChanges() throws Exception {
        SIPRequest ours = (SIPRequest) received(INVITE);
        SIPRequest reference = (SIPRequest) jainSip(INVITE);
        assertInstanceOf(InboundRequest.class, ours);
        assertEquals(reference.getMergeId(), ours.getMergeId());
        assertEquals(reference.getMergeId(), ours.getMergeId()); // kept

        for (SIPRequest r : new SIPRequest[] {ours, reference}) {
            r.setRequestURI(new AddressFactoryImpl().createURI("sip:carol@chicago.example.com"));
        }
        assertEquals(reference.getMergeId(), ours.getMergeId());
        for (SIPRequest r : new SIPRequest[] {ours, reference}) {
            r.getCSeq().setSeqNumber(314160);
        }
        assertEquals(reference.getMergeId(), ours.getMergeId());
        for (SIPRequest r : new SIPRequest[] {ours, reference}) {
            r.getFromHeader().setTag("other");
        }
        assertEquals(reference.getMergeId(), ours.getMergeId());
        for (SIPRequest r : new SIPRequest[] {ours, reference}) {
            r.getCallId().setCallId("another@example.com");
        }
        assertEquals(reference.getMergeId(), ours.getMergeId());
        for (SIPRequest r : new SIPRequest[] {ours, reference}) {
            r.getFromHeader().removeParameter("tag");
        }
        assertEquals(reference.getMergeId(), ours.getMergeId()); // null: no From tag
    }

    @Test
    void aCopyOfAReceivedRequestBuildsItsOwnIds() throws ParseException {
        SIPRequest ours = (SIPRequest) received(INVITE);
        String mergeId = ours.getMergeId();
        SIPRequest copy = (SIPRequest) ours.clone();
        copy.setRequestURI(new AddressFactoryImpl().createURI("sip:carol@chicago.example.com"));
        copy.getTopmostVia().setBranch("z9hG4bKcopy");
        assertNotEquals(mergeId, copy.getMergeId());
        assertEquals("z9hg4bkcopy", copy.getTransactionId()); // a copy is matched by branch alone
        assertEquals(mergeId, ours.getMergeId());
    }

    @Test
    void aReceivedResponsesTransactionIdIsJainSipsAsItChanges() throws ParseException {
        SIPResponse ours = (SIPResponse) received(RINGING);
        SIPResponse reference = (SIPResponse) jainSip(RINGING);
        assertInstanceOf(InboundResponse.class, ours);
        assertEquals(reference.getTransactionId(), ours.getTransactionId());
        assertEquals(reference.getTransactionId(), ours.getTransactionId()); // kept

        for (SIPResponse r : new SIPResponse[] {ours, reference}) {
            r.getTopmostVia().setBranch("z9hG4bKother");
        }
        assertEquals(reference.getTransactionId(), ours.getTransactionId());
        for (SIPResponse r : new SIPResponse[] {ours, reference}) {
            r.getCSeq().setMethod("CANCEL");
        }
        assertEquals(reference.getTransactionId(), ours.getTransactionId());
        for (SIPResponse r : new SIPResponse[] {ours, reference}) {
            Via via = new Via();
            via.setSentBy(new gov.nist.core.HostPort());
            via.getSentBy().setHost(new gov.nist.core.Host("192.0.2.9"));
            via.setTransport("UDP");
            via.setBranch("z9hG4bKnew");
            r.getViaHeaders().addFirst(via);
        }
        assertEquals(reference.getTransactionId(), ours.getTransactionId());
        for (SIPResponse r : new SIPResponse[] {ours, reference}) {
            r.getTopmostVia().setBranch("rfc2543-branch");
        }
        assertEquals(reference.getTransactionId(), ours.getTransactionId());
    }

    private static SIPMessage received(String text) throws ParseException {
        return new ScreenedMessageParser().parseSIPMessage(text.getBytes(StandardCharsets.UTF_8), true, false, null);
    }

    private static SIPMessage jainSip(String text) throws ParseException {
        return new StringMsgParser().parseSIPMessage(text.getBytes(StandardCharsets.UTF_8), true, false, null);
    }
}
