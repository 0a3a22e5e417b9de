package org.webims.sip.container.router;

/**
 * The subscriber identity a DAR entry gives the selected application (JSR 289 Appendix C): the
 * URI of a header of the request ({@code "DAR:From"}), a literal string, or none.
 *
 * @param headerName the header whose address URI is the subscriber, or null
 * @param literal the subscriber as written in the file, or null
 */
public record DarSubscriber(String headerName, String literal) {
    public static final DarSubscriber NONE = new DarSubscriber(null, null);

    public DarSubscriber {
        if (headerName != null && literal != null) {
            throw new IllegalArgumentException("a subscriber is a header or a literal, not both");
        }
    }

    public static DarSubscriber fromHeader(String headerName) {
        return new DarSubscriber(headerName, null);
    }

    public static DarSubscriber literal(String uri) {
        return new DarSubscriber(null, uri);
    }

    public boolean isFromHeader() {
        return headerName != null;
    }
}
