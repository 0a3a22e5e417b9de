package org.webims.sip.stack.inbound;

import gov.nist.javax.sip.SIPConstants;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPRequest;
import java.util.Locale;
import javax.sip.message.Request;

/**
 * A request as it arrived from a peer. Its transaction id adds the top Via's sent-by and the
 * method (an ACK's being INVITE) to the branch, as RFC 3261 §17.2.3 matches server transactions:
 * JAIN-SIP keys them by branch alone, so a second client that happens to reuse a branch (most
 * RFC 4475 messages use z9hG4bKkdjuw) was taken for a retransmission of the first and never
 * answered.
 */
final class InboundRequest extends SIPRequest {
    private static final long serialVersionUID = 1L;
    /** False on copies: a proxy or B2BUA that forwards a copy sends it in a client transaction,
     *  whose responses JAIN-SIP matches by branch alone (RFC 3261 §17.1.3). */
    private boolean received = true;
    /** The id last built, and the top Via and branch it was built from: the stack asks for the id
     *  a dozen times per request, and building it allocates four strings. */
    private transient String transactionId;
    private transient Via transactionIdVia;
    private transient String transactionIdBranch;

    @Override
    public Object clone() {
        InboundRequest copy = (InboundRequest) super.clone();
        copy.received = false;
        copy.transactionId = null;
        copy.transactionIdVia = null;
        copy.transactionIdBranch = null;
        return copy;
    }

    @Override
    public String getTransactionId() {
        if (!received) {
            return super.getTransactionId();
        }
        Via top = getTopmostVia();
        String branch = top == null ? null : top.getBranch();
        if (transactionId != null && top == transactionIdVia && branch == transactionIdBranch) {
            return transactionId;
        }
        String id = super.getTransactionId();
        if (branch == null || !branch.regionMatches(true, 0, SIPConstants.BRANCH_MAGIC_COOKIE, 0,
                SIPConstants.BRANCH_MAGIC_COOKIE.length())) {
            return id; // RFC 2543 style: JAIN-SIP's id already holds the sent-by (not kept: built from several headers)
        }
        id = withSentByAndMethod(id, top);
        transactionId = id;
        transactionIdVia = top;
        transactionIdBranch = branch;
        return id;
    }

    private String withSentByAndMethod(String id, Via top) {
        String method = getCSeq() == null ? getMethod() : getCSeq().getMethod();
        if (Request.CANCEL.equals(method)) {
            return id + "|" + top.getSentBy().encode().toLowerCase(Locale.ROOT); // JAIN-SIP's id names CANCEL
        }
        return id + "|" + top.getSentBy().encode().toLowerCase(Locale.ROOT)
                + "|" + (Request.ACK.equals(method) ? Request.INVITE : method);
    }
}
