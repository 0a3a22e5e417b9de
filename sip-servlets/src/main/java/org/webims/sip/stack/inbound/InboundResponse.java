package org.webims.sip.stack.inbound;

import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPResponse;

/**
 * A response as it arrived from a peer, keeping its transaction id (RFC 3261 §17.1.3: the top
 * Via's branch, with the method for CANCEL) while its top Via, branch and CSeq method are the same
 * objects: JAIN-SIP asks for it on every look-up of the client transaction.
 */
final class InboundResponse extends SIPResponse {
    private static final long serialVersionUID = 1L;
    private transient KeptTransactionId transactionId = new KeptTransactionId();

    @Override
    public Object clone() {
        InboundResponse copy = (InboundResponse) super.clone();
        copy.transactionId = new KeptTransactionId();
        return copy;
    }

    @Override
    public String getTransactionId() {
        Via top = getTopmostVia();
        String branch = top == null ? null : top.getBranch();
        String method = getCSeq() == null ? null : getCSeq().getMethod();
        KeptTransactionId kept = transactionId;
        if (kept == null) { // deserialised
            kept = transactionId = new KeptTransactionId();
        }
        String id = kept.lookup(top, branch, method);
        return id != null ? id : kept.keep(super.getTransactionId(), top, branch, method);
    }
}
