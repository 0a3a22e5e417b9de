package org.webims.sip.sessiontimer;

/**
 * The container's session timer policy (RFC 4028): whether it runs session timers for the
 * dialogs of its applications, the interval it asks for (Session-Expires) and the shortest it
 * accepts (Min-SE). RFC 4028 §4 puts Min-SE at 90 s or more on the wire; this record takes any
 * positive value so tests can run in seconds, and the gateway's configuration enforces the 90.
 */
public record SessionTimerSettings(boolean enabled, int sessionExpiresSeconds, int minSeSeconds) {
    /** RFC 4028 §4: the recommended session interval (30 minutes) and the smallest Min-SE (90 s). */
    public static final int DEFAULT_SESSION_EXPIRES = 1800;
    public static final int RFC_MIN_SE = 90;

    public SessionTimerSettings {
        if (minSeSeconds < 1) {
            throw new IllegalArgumentException("Min-SE must be at least 1 second: " + minSeSeconds);
        }
        if (sessionExpiresSeconds < minSeSeconds) {
            throw new IllegalArgumentException("Session-Expires " + sessionExpiresSeconds
                    + " is below Min-SE " + minSeSeconds + " (RFC 4028 §4)");
        }
    }

    /** On, 1800 s asked, 90 s the least accepted. */
    public static SessionTimerSettings defaults() {
        return new SessionTimerSettings(true, DEFAULT_SESSION_EXPIRES, RFC_MIN_SE);
    }

    public static SessionTimerSettings disabled() {
        return new SessionTimerSettings(false, DEFAULT_SESSION_EXPIRES, RFC_MIN_SE);
    }
}
