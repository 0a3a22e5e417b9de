package org.webims.interworking.media;

/**
 * A session description refused by one leg: unparsable, or nothing in it acceptable. Carries
 * the Warning header value (RFC 3261 §20.43) for the 488 Not Acceptable Here that answers it.
 */
public final class SdpRejectedException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String warning;

    /** @param warning the Warning header value, {@code 3xx agent "text"} */
    public SdpRejectedException(String warning, String message, Throwable cause) {
        super(message, cause);
        this.warning = warning;
    }

    public String warning() {
        return warning;
    }
}
