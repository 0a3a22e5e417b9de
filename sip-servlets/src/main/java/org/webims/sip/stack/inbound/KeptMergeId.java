package org.webims.sip.stack.inbound;

import gov.nist.javax.sip.header.CSeq;
import java.util.Objects;

/**
 * A received request's merge id (RFC 3261 §8.2.2.2: From tag, Call-ID and CSeq, with the
 * Request-URI as JAIN-SIP keys its merge table), kept while what it was built from is unchanged.
 * JAIN-SIP builds it afresh for every look-up, insertion and removal of the merge table (three to
 * five times per INVITE), encoding the Request-URI and the CSeq header to text each time. The
 * Request-URI is compared as the same object: a new URI set on the request is seen; one changed in
 * place is not, so the id the request was entered in the merge table with is the one it is removed with.
 */
final class KeptMergeId {
    private String id;
    private Object requestUri;
    private String fromTag;
    private String callId;
    private CSeq cseq;
    private long sequenceNumber;
    private String method;

    /** The id kept for these parts, or null. */
    String lookup(Object uri, String tag, String callIdText, CSeq header) {
        String kept = id;
        return kept != null && uri == requestUri && header == cseq && header.getSeqNumber() == sequenceNumber
                && Objects.equals(header.getMethod(), method) && Objects.equals(tag, fromTag)
                && Objects.equals(callIdText, callId) ? kept : null;
    }

    String keep(String built, Object uri, String tag, String callIdText, CSeq header) {
        if (built != null) {
            id = built;
            requestUri = uri;
            fromTag = tag;
            callId = callIdText;
            cseq = header;
            sequenceNumber = header.getSeqNumber();
            method = header.getMethod();
        }
        return built;
    }
}
