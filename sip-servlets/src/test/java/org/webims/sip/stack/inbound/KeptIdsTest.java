package org.webims.sip.stack.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import gov.nist.core.Host;
import gov.nist.core.HostPort;
import gov.nist.javax.sip.address.AddressFactoryImpl;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.parser.StringMsgParser;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.function.Function;
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
        assertInstanceOf(InboundRequest.class, ours);
        assertSameAsJainSipAfterEach(ours, (SIPRequest) jainSip(INVITE), SIPRequest::getMergeId,
                r -> r.setRequestURI(new AddressFactoryImpl().createURI("sip:carol@chicago.example.com")),
                r -> r.getCSeq().setSeqNumber(314160),
                r -> r.getFromHeader().setTag("other"),
                r -> r.getCallId().setCallId("another@example.com"),
                r -> r.getFromHeader().removeParameter("tag")); // null: no From tag
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
    void aReceivedResponsesTransactionIdIsJainSipsAsItChanges() throws Exception {
        SIPResponse ours = (SIPResponse) received(RINGING);
        assertInstanceOf(InboundResponse.class, ours);
        assertSameAsJainSipAfterEach(ours, (SIPResponse) jainSip(RINGING), SIPResponse::getTransactionId,
                r -> r.getTopmostVia().setBranch("z9hG4bKother"),
                r -> r.getCSeq().setMethod("CANCEL"),
                r -> r.getViaHeaders().addFirst(via("z9hG4bKnew")),
                r -> r.getTopmostVia().setBranch("rfc2543-branch"));
    }

    /** A change made to both messages alike. */
    private interface Change<M> {
        void apply(M message) throws Exception;
    }

    /** The id of ours equals JAIN-SIP's, asked twice (the second answer kept), then after each change. */
    @SafeVarargs
    private static <M extends SIPMessage> void assertSameAsJainSipAfterEach(M ours, M reference, Function<M, String> id,
                                                                           Change<M>... changes) throws Exception {
        assertEquals(id.apply(reference), id.apply(ours));
        assertEquals(id.apply(reference), id.apply(ours));
        for (Change<M> change : changes) {
            change.apply(ours);
            change.apply(reference);
            assertEquals(id.apply(reference), id.apply(ours));
        }
    }

    private static Via via(String branch) throws ParseException {
        Via via = new Via();
        via.setSentBy(new HostPort());
        via.getSentBy().setHost(new Host("192.0.2.9"));
        via.setTransport("UDP");
        via.setBranch(branch);
        return via;
    }

    private static SIPMessage received(String text) throws ParseException {
        return new ScreenedMessageParser().parseSIPMessage(text.getBytes(StandardCharsets.UTF_8), true, false, null);
    }

    private static SIPMessage jainSip(String text) throws ParseException {
        return new StringMsgParser().parseSIPMessage(text.getBytes(StandardCharsets.UTF_8), true, false, null);
    }
}
