package org.webims.sip.container.message;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Headers the container manages (JSR 289 §5.4.1): applications read them but may not add, set
 * or remove them. Contact is system-managed except in REGISTER requests and responses, 3xx/485 responses and
 * 2xx to OPTIONS.
 */
public final class SystemHeaders {
    private static final Set<String> ALWAYS = Set.of(
            "from", "to", "call-id", "cseq", "via", "record-route", "route", "path", "rack", "rseq",
            "content-length", "max-forwards"); // Max-Forwards: through setMaxForwards only
    /** RFC 3261 §7.3.3 compact forms. */
    private static final Map<String, String> COMPACT = Map.ofEntries(
            Map.entry("f", "from"), Map.entry("t", "to"), Map.entry("i", "call-id"), Map.entry("v", "via"),
            Map.entry("m", "contact"), Map.entry("l", "content-length"), Map.entry("c", "content-type"),
            Map.entry("e", "content-encoding"), Map.entry("k", "supported"), Map.entry("s", "subject"),
            Map.entry("o", "event"), Map.entry("r", "refer-to"), Map.entry("b", "referred-by"),
            Map.entry("u", "allow-events"), Map.entry("x", "session-expires"), Map.entry("y", "identity"));

    private SystemHeaders() {
    }

    /** The full lower-case name for a header name in either form. */
    public static String fullName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return COMPACT.getOrDefault(lower, lower);
    }

    /** Whether an application may not change {@code name} on this message. */
    public static boolean isSystem(String name, String method, int status) {
        String full = fullName(name);
        if (ALWAYS.contains(full)) {
            return true;
        }
        if (full.equals("contact")) {
            // JSR 289 §5.4.1: REGISTER requests and responses (a registrar lists the bindings),
            // 3xx and 485 responses, and 200 to OPTIONS
            boolean register = "REGISTER".equals(method);
            boolean redirect = (status >= 300 && status < 400) || status == 485;
            boolean optionsOk = "OPTIONS".equals(method) && status >= 200 && status < 300;
            return !register && !redirect && !optionsOk;
        }
        return false;
    }
}
