package org.webims.ims.headers;

import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import javax.sip.header.Header;
import javax.sip.message.Message;

/** Typed reads of a message's headers (JAIN-SIP returns raw ListIterators). */
final class Headers {

    private Headers() {
    }

    static <T> List<T> all(Message m, String name, Class<T> type) {
        List<T> out = new ArrayList<>();
        ListIterator<?> it = m.getHeaders(name);
        while (it.hasNext()) {
            Object h = it.next();
            if (type.isInstance(h)) {
                out.add(type.cast(h));
            }
        }
        return out;
    }

    static List<Header> all(Message m, String name) {
        return all(m, name, Header.class);
    }
}
