package org.webims.interworking.media.remote;

import java.time.Duration;

/**
 * The remote media control's times.
 *
 * @param timeout    how long a request waits for its answer, and a connection for its upgrade
 * @param retryAfter how long a node that failed is left out before a new call tries it again
 * @param keepAlive  how often an idle connection is pinged, so a node that stopped answering is
 *                   found and the node's idle timeout (300 s) never closes it; zero: no pings
 */
public record RemoteMediaTimings(Duration timeout, Duration retryAfter, Duration keepAlive) {

    public RemoteMediaTimings {
        if (timeout.isNegative() || timeout.isZero() || retryAfter.isNegative() || keepAlive.isNegative()) {
            throw new IllegalArgumentException("timeout must be positive, retryAfter and keepAlive not negative");
        }
    }

    /** 10 s per request, 5 s out after a failure, a ping every 30 s. */
    public static RemoteMediaTimings defaults() {
        return new RemoteMediaTimings(Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(30));
    }
}
