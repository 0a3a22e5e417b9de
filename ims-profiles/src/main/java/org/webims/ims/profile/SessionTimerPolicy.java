package org.webims.ims.profile;

/**
 * RFC 4028 on the IMS leg: the Session-Expires we ask for, the Min-SE we accept (at least 90 s,
 * RFC 4028 §4) and which side we prefer to refresh.
 */
public record SessionTimerPolicy(int intervalSeconds, int minSeSeconds, Refresher refresher) {

    /** RFC 4028 §4: Min-SE is never below 90 seconds. */
    public static final int LOWEST_MIN_SE = 90;

    /** The refresher parameter we ask for (RFC 4028 §7.1), or none to let the peer choose. */
    public enum Refresher { UAC, UAS, NONE }

    public SessionTimerPolicy {
        if (minSeSeconds < LOWEST_MIN_SE || intervalSeconds < minSeSeconds) {
            throw new IllegalArgumentException("min-se >= 90 and interval >= min-se");
        }
    }
}
