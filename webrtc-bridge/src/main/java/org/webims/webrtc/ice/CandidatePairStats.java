package org.webims.webrtc.ice;

import java.net.InetSocketAddress;

/**
 * What one checked pair carried, as getStats reads it. STUN is counted in the check figures, not in
 * the packets and bytes (those are DTLS and SRTP/SRTCP, whole UDP payloads). A lite agent sends no
 * checks of its own (RFC 8445 §2.5), so it sends no requests and receives no responses, and it has
 * no round trip of its own to measure.
 *
 * @param local            the index of our socket the checks came in on (its web interface's)
 * @param remote           the browser's address the checks came from
 * @param checkPriority    the PRIORITY attribute of its last check (RFC 8445 §7.1.1)
 * @param nominated        whether the browser nominated it (USE-CANDIDATE, RFC 8445 §7.2.2) and it is the one we send on
 * @param requestsReceived valid binding requests (checks and consent refreshes, RFC 7675) from it
 * @param responsesSent    success responses we sent it
 * @param lastRequestNanos when the last one came, on {@link System#nanoTime}
 */
public record CandidatePairStats(int local, InetSocketAddress remote, long checkPriority, boolean nominated,
                                 long requestsReceived, long responsesSent, long lastRequestNanos,
                                 long packetsReceived, long bytesReceived, long packetsSent, long bytesSent) {

    /** RFC 8445 §6.1.2.3: G the controlling agent's candidate priority (the browser's), D ours. */
    public static long pairPriority(long controlling, long controlled) {
        return (1L << 32) * Math.min(controlling, controlled) + 2 * Math.max(controlling, controlled)
                + (controlling > controlled ? 1 : 0);
    }
}
