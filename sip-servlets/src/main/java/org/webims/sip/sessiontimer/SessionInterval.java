package org.webims.sip.sessiontimer;

/**
 * A Session-Expires value (RFC 4028 §4): the session interval in seconds and, where given, who
 * refreshes ({@code refresher} null when the parameter is absent).
 */
public record SessionInterval(int seconds, Refresher refresher) {
    public SessionInterval {
        if (seconds < 1) {
            throw new IllegalArgumentException("session interval must be positive: " + seconds);
        }
    }

    public SessionInterval withRefresher(Refresher r) {
        return new SessionInterval(seconds, r);
    }

    /** The header value, {@code 1800;refresher=uac}. */
    String headerValue() {
        return refresher == null ? Integer.toString(seconds) : seconds + ";refresher=" + refresher.parameterValue();
    }
}
