package org.webims.sip.sessiontimer;

import gov.nist.javax.sip.header.extensions.MinSE;
import gov.nist.javax.sip.header.extensions.SessionExpires;
import gov.nist.javax.sip.header.extensions.SessionExpiresHeader;
import java.text.ParseException;
import java.util.Iterator;
import java.util.Optional;
import java.util.OptionalInt;
import javax.sip.InvalidArgumentException;
import javax.sip.header.AllowHeader;
import javax.sip.header.Header;
import javax.sip.header.HeaderFactory;
import javax.sip.header.RequireHeader;
import javax.sip.header.SupportedHeader;
import javax.sip.message.Message;

/**
 * Reads and writes the RFC 4028 header fields: Session-Expires (compact form x), Min-SE, and the
 * option tag {@code timer} in Supported and Require; also the peer's Allow. JAIN-SIP parses the
 * first two into its own header classes; a value it left unparsed is read from its text here.
 */
public final class SessionTimerHeaders {
    public static final String SESSION_EXPIRES = "Session-Expires";
    public static final String MIN_SE = "Min-SE";
    public static final String OPTION_TAG = "timer";

    private SessionTimerHeaders() {
    }

    /** The message's Session-Expires, or empty where it has none or a malformed one (RFC 4028 §4). */
    public static Optional<SessionInterval> sessionExpires(Message message) {
        Header h = message.getHeader(SESSION_EXPIRES);
        if (h == null) {
            h = message.getHeader("x");
        }
        if (h == null) {
            return Optional.empty();
        }
        if (h instanceof SessionExpiresHeader se) {
            return se.getExpires() < 1 ? Optional.empty()
                    : Optional.of(new SessionInterval(se.getExpires(), Refresher.parse(se.getRefresher())));
        }
        return parseSessionExpires(valueOf(h));
    }

    /** The message's Min-SE in seconds, or empty where absent or malformed (RFC 4028 §5). */
    public static OptionalInt minSe(Message message) {
        Header h = message.getHeader(MIN_SE);
        if (h == null) {
            return OptionalInt.empty();
        }
        if (h instanceof MinSE m) {
            return m.getExpires() < 1 ? OptionalInt.empty() : OptionalInt.of(m.getExpires());
        }
        return parseMinSe(valueOf(h));
    }

    /** {@code Session-Expires = delta-seconds *(SEMI se-params)}, se-params including {@code refresher}. */
    static Optional<SessionInterval> parseSessionExpires(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String[] parts = value.split(";");
        OptionalInt seconds = deltaSeconds(parts[0]);
        if (seconds.isEmpty()) {
            return Optional.empty();
        }
        Refresher refresher = null;
        for (int i = 1; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            if (eq > 0 && parts[i].substring(0, eq).trim().equalsIgnoreCase("refresher")) {
                refresher = Refresher.parse(parts[i].substring(eq + 1));
            }
        }
        return Optional.of(new SessionInterval(seconds.getAsInt(), refresher));
    }

    /** {@code Min-SE = delta-seconds *(SEMI generic-param)}. */
    static OptionalInt parseMinSe(String value) {
        if (value == null) {
            return OptionalInt.empty();
        }
        int semi = value.indexOf(';');
        return deltaSeconds(semi < 0 ? value : value.substring(0, semi));
    }

    /** RFC 3261 §25.1 delta-seconds, positive and within an int; anything else is empty. */
    private static OptionalInt deltaSeconds(String text) {
        String t = text.trim();
        if (t.isEmpty() || t.length() > 9) {
            return OptionalInt.empty();
        }
        for (int i = 0; i < t.length(); i++) {
            if (t.charAt(i) < '0' || t.charAt(i) > '9') {
                return OptionalInt.empty();
            }
        }
        int n = Integer.parseInt(t);
        return n < 1 ? OptionalInt.empty() : OptionalInt.of(n);
    }

    /** Whether a Supported header field (compact form k) carries the option tag timer (RFC 4028 §3). */
    public static boolean supportsTimer(Message message) {
        return hasOptionTag(message.getHeaders(SupportedHeader.NAME)) || hasOptionTag(message.getHeaders("k"));
    }

    private static boolean hasOptionTag(Iterator<?> headers) {
        while (headers != null && headers.hasNext()) {
            Object h = headers.next();
            String tag = h instanceof SupportedHeader s ? s.getOptionTag() : valueOf((Header) h);
            if (tag != null && containsToken(tag, OPTION_TAG)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the message's Allow lists {@code method} (RFC 3261 §20.5): TRUE or FALSE, or null
     * when it has no Allow, which says nothing either way.
     */
    public static Boolean allows(Message message, String method) {
        Iterator<?> it = message.getHeaders(AllowHeader.NAME);
        if (it == null || !it.hasNext()) {
            return null;
        }
        while (it.hasNext()) {
            Object h = it.next();
            String listed = h instanceof AllowHeader a ? a.getMethod() : valueOf((Header) h);
            if (listed != null && containsToken(listed, method)) {
                return Boolean.TRUE;
            }
        }
        return Boolean.FALSE;
    }

    private static boolean containsToken(String list, String token) {
        for (String item : list.split(",")) {
            if (item.trim().equalsIgnoreCase(token)) {
                return true;
            }
        }
        return false;
    }

    /** Adds {@code Supported: timer} unless the message already has it. */
    static void addSupportedTimer(Message message, HeaderFactory headers) throws ParseException {
        if (!supportsTimer(message)) {
            message.addHeader(headers.createSupportedHeader(OPTION_TAG));
        }
    }

    /** Adds {@code Require: timer} unless the message already requires it. */
    static void addRequireTimer(Message message, HeaderFactory headers) throws ParseException {
        for (Iterator<?> it = message.getHeaders(RequireHeader.NAME); it != null && it.hasNext(); ) {
            Object h = it.next();
            String tag = h instanceof RequireHeader r ? r.getOptionTag() : valueOf((Header) h);
            if (tag != null && containsToken(tag, OPTION_TAG)) {
                return;
            }
        }
        message.addHeader(headers.createRequireHeader(OPTION_TAG));
    }

    /**
     * Sets Session-Expires, replacing any: the header JAIN-SIP's parser makes of
     * {@link SessionInterval#headerValue()}, built without writing and parsing that text.
     */
    static void setSessionExpires(Message message, HeaderFactory headers, SessionInterval interval)
            throws ParseException {
        message.removeHeader(SESSION_EXPIRES);
        message.addHeader(sessionExpiresHeader(interval));
    }

    /** Sets Min-SE, replacing any (the header JAIN-SIP's parser makes of the number). */
    static void setMinSe(Message message, HeaderFactory headers, int seconds) throws ParseException {
        message.removeHeader(MIN_SE);
        message.addHeader(minSeHeader(seconds));
    }

    static SessionExpires sessionExpiresHeader(SessionInterval interval) throws ParseException {
        SessionExpires header = new SessionExpires();
        try {
            header.setExpires(interval.seconds());
        } catch (InvalidArgumentException e) {
            throw new ParseException(e.getMessage(), 0); // a SessionInterval is positive
        }
        if (interval.refresher() != null) {
            header.setRefresher(interval.refresher().parameterValue());
        }
        return header;
    }

    static MinSE minSeHeader(int seconds) throws ParseException {
        MinSE header = new MinSE();
        try {
            header.setExpires(seconds);
        } catch (InvalidArgumentException e) {
            throw new ParseException("bad Min-SE " + seconds, 0);
        }
        return header;
    }

    private static String valueOf(Header header) {
        if (header instanceof gov.nist.javax.sip.header.SIPHeader sip) {
            return sip.getHeaderValue();
        }
        String text = header.toString();
        int colon = text.indexOf(':');
        return colon < 0 ? text : text.substring(colon + 1).trim();
    }
}
