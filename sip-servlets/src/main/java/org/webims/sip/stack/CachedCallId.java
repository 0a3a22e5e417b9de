package org.webims.sip.stack;

import gov.nist.javax.sip.header.CallID;
import gov.nist.javax.sip.header.CallIdentifier;
import java.text.ParseException;

/**
 * JAIN-SIP's Call-ID header (RFC 3261 §20.8), answering its text without encoding it each time.
 * JAIN-SIP asks for the text whenever it builds a dialog id, a merge id or a transaction lookup key,
 * dozens of times per call, and {@link CallID#getCallId()} encodes it afresh each time: a builder and
 * a string each. The text is kept with the two strings it was built from; a value changed in any way
 * (a new identifier, or its local id or host set) no longer matches them and is encoded again.
 */
public final class CachedCallId extends CallID {
    private static final long serialVersionUID = 1L;
    private transient String text;
    private transient String textLocalId;
    private transient String textHost;

    /** The header for a Call-ID value, as {@code CallIDParser} and the header factory build it. */
    public static CachedCallId of(String value) throws ParseException {
        CachedCallId header = new CachedCallId();
        header.setCallId(value);
        return header;
    }

    @Override
    public String getCallId() {
        CallIdentifier id = callIdentifier;
        if (id == null) {
            return "";
        }
        String local = id.getLocalId();
        String host = id.getHost();
        String kept = text;
        if (kept != null && local == textLocalId && host == textHost) {
            return kept;
        }
        kept = id.encode();
        textLocalId = local;
        textHost = host;
        text = kept;
        return kept;
    }

    @Override
    public String encodeBody() {
        return getCallId();
    }

    @Override
    protected StringBuilder encodeBody(StringBuilder buffer) {
        return callIdentifier == null ? buffer : buffer.append(getCallId());
    }
}
