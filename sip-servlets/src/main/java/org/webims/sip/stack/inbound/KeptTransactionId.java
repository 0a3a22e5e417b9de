package org.webims.sip.stack.inbound;

import gov.nist.javax.sip.SIPConstants;
import gov.nist.javax.sip.header.Via;

/**
 * A received message's transaction id, kept while what it was built from stays the same objects:
 * the top Via, its branch and the CSeq method. JAIN-SIP asks a message for its id about a dozen
 * times and builds it afresh each time (the branch upper-cased to look for the magic cookie, then
 * lower-cased: two strings a question). Only RFC 3261 ids (branch with the magic cookie, §8.1.1.7)
 * are kept; an RFC 2543 id is built from several headers and is left to be built each time.
 */
final class KeptTransactionId {
    private String id;
    private Via via;
    private String branch;
    private String method;

    /** The id kept for this top Via, branch and method, or null. */
    String lookup(Via top, String topBranch, String cseqMethod) {
        String kept = id;
        return kept != null && top == via && topBranch == branch && cseqMethod == method ? kept : null;
    }

    /** Keeps {@code built} for this top Via, branch and method, if the branch is an RFC 3261 one. */
    String keep(String built, Via top, String topBranch, String cseqMethod) {
        if (top != null && hasMagicCookie(topBranch)) {
            id = built;
            via = top;
            branch = topBranch;
            method = cseqMethod;
        }
        return built;
    }

    static boolean hasMagicCookie(String branch) {
        return branch != null && branch.regionMatches(true, 0, SIPConstants.BRANCH_MAGIC_COOKIE, 0,
                SIPConstants.BRANCH_MAGIC_COOKIE.length());
    }
}
