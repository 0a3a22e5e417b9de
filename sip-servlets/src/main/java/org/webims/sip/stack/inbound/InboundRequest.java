package org.webims.sip.stack.inbound;

import gov.nist.javax.sip.header.CSeq;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPRequest;
import java.util.Locale;
import javax.sip.message.Request;

/**
 * A request as it arrived from a peer. Its transaction id adds the top Via's sent-by and the
 * method (an ACK's being INVITE) to the branch, as RFC 3261 §17.2.3 matches server transactions:
 * JAIN-SIP keys them by branch alone, so a second client that happens to reuse a branch (most
 * RFC 4475 messages use z9hG4bKkdjuw) was taken for a retransmission of the first and never
 * answered. It keeps that id and its merge id while what they were built from is unchanged.
 */
final class InboundRequest extends SIPRequest {
    private static final long serialVersionUID = 1L;
    /** False on copies: a proxy or B2BUA that forwards a copy sends it in a client transaction,
     *  whose responses JAIN-SIP matches by branch alone (RFC 3261 §17.1.3). */
    private boolean received = true;
    /** The stack asks for the id a dozen times per request, and building it allocates four strings. */
    private transient KeptTransactionId transactionId = new KeptTransactionId();
    private transient KeptMergeId mergeId = new KeptMergeId();

    @Override
    public Object clone() {
        InboundRequest copy = (InboundRequest) super.clone();
        copy.received = false;
        copy.transactionId = new KeptTransactionId();
        copy.mergeId = new KeptMergeId();
        return copy;
    }

    @Override
    public String getTransactionId() {
        if (!received) {
            return super.getTransactionId();
        }
        Via top = getTopmostVia();
        String branch = top == null ? null : top.getBranch();
        String method = getCSeq() == null ? getMethod() : getCSeq().getMethod();
        KeptTransactionId kept = transactionId;
        if (kept == null) { // deserialised
            kept = transactionId = new KeptTransactionId();
        }
        String id = kept.lookup(top, branch, method);
        if (id != null) {
            return id;
        }
        id = super.getTransactionId();
        if (!KeptTransactionId.hasMagicCookie(branch)) {
            return id; // RFC 2543 style: JAIN-SIP's id already holds the sent-by
        }
        return kept.keep(withSentByAndMethod(id, top, method), top, branch, method);
    }

    /** JAIN-SIP's merge id (Request-URI, From tag, CSeq, Call-ID), built once while they stay the same. */
    @Override
    public String getMergeId() {
        CSeq cseq = cSeqHeader;
        if (cseq == null || callIdHeader == null || getRequestURI() == null) {
            return super.getMergeId(); // JAIN-SIP's answer, or its failure, for an incomplete request
        }
        KeptMergeId kept = mergeId;
        if (kept == null) { // deserialised
            kept = mergeId = new KeptMergeId();
        }
        Object uri = getRequestURI();
        String tag = getFromTag();
        String callId = callIdHeader.getCallId();
        String id = kept.lookup(uri, tag, callId, cseq);
        return id != null ? id : kept.keep(super.getMergeId(), uri, tag, callId, cseq);
    }

    private static String withSentByAndMethod(String id, Via top, String method) {
        if (Request.CANCEL.equals(method)) {
            return id + "|" + top.getSentBy().encode().toLowerCase(Locale.ROOT); // JAIN-SIP's id names CANCEL
        }
        return id + "|" + top.getSentBy().encode().toLowerCase(Locale.ROOT)
                + "|" + (Request.ACK.equals(method) ? Request.INVITE : method);
    }
}
