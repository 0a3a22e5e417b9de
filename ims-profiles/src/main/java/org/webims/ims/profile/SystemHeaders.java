package org.webims.ims.profile;

import java.util.Locale;
import java.util.Set;

/**
 * Headers the SIP stack and container own (JSR 289 §5.4.2 system headers, plus the framing and
 * hop headers of RFC 3261 §20): a profile may neither add nor strip them. Compact forms included
 * (RFC 3261 §7.3.3).
 */
public final class SystemHeaders {

    private static final Set<String> NAMES = Set.of("call-id", "i", "from", "f", "to", "t", "cseq", "via", "v",
            "record-route", "route", "path", "contact", "m", "rack", "rseq", "content-length", "l", "max-forwards");

    private SystemHeaders() {
    }

    public static boolean isSystemHeader(String name) {
        return NAMES.contains(name.toLowerCase(Locale.ROOT));
    }
}
