package org.webims.interworking.media;

/**
 * A session description refused by one leg: unparsable, or nothing in it acceptable. Carries
 * the Warning header value (RFC 3261 §20.43) for the 488 Not Acceptable Here that answers it.
 */
public final class SdpRejectedException extends Exception {

    private static final long serialVersionUID = 1L;

    /** The warn-agent of our Warning headers (RFC 3261 §20.43: a host name or a pseudonym). */
    public static final String WARN_AGENT = "webims";

    private final String warning;

    /** @param warning the Warning header value, {@code 3xx agent "text"} */
    public SdpRejectedException(String warning, String message, Throwable cause) {
        super(message, cause);
        this.warning = warning;
    }

    /** A refusal with a free-text reason: warn-code 399, miscellaneous (RFC 3261 §20.43). */
    public static SdpRejectedException miscellaneous(String text, Throwable cause) {
        String quoted = String.valueOf(text).replace('"', '\'');
        return new SdpRejectedException("399 " + WARN_AGENT + " \"" + quoted + "\"", text, cause);
    }

    public String warning() {
        return warning;
    }
}
