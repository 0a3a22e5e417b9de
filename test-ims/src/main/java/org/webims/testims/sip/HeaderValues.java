package org.webims.testims.sip;

import gov.nist.javax.sip.header.SIPHeader;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import javax.sip.header.Header;
import javax.sip.message.Message;

/** The values of a message's header fields as text, one per field value. */
public final class HeaderValues {
    private HeaderValues() {
    }

    public static List<String> all(Message message, String name) {
        List<String> out = new ArrayList<>();
        ListIterator<?> it = message.getHeaders(name);
        while (it.hasNext()) {
            out.add(valueOf((Header) it.next()));
        }
        return out;
    }

    /** The first value of {@code name}, or null. */
    public static String first(Message message, String name) {
        Header h = message.getHeader(name);
        return h == null ? null : valueOf(h);
    }

    public static String valueOf(Header h) {
        if (h instanceof SIPHeader s) {
            return s.getHeaderValue().strip();
        }
        String text = h.toString();
        return text.substring(text.indexOf(':') + 1).strip();
    }
}
