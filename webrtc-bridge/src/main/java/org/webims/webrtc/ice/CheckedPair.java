package org.webims.webrtc.ice;

import java.net.InetSocketAddress;

/**
 * One candidate pair a connectivity check of the browser proved (RFC 8445 §7.3.1.4: for a lite
 * agent the pair is valid once its check is answered): our socket the check came in on, by index,
 * and the browser's address it came from (§6.1.2.2: a pair is a local and a remote candidate),
 * with what went over it, for getStats.
 * The check counters and everything received are written by the I/O thread; what is sent by the
 * thread that sends (the I/O thread, or an encoder or the RTCP sender beside it: two sends at the
 * same instant may lose one increment, a stats figure, not an account). Plain fields, read
 * slightly stale from any thread; nothing here allocates.
 */
public final class CheckedPair {

    /** Our socket's index in the endpoint (its web interface's): where the pair's traffic comes in and goes out. */
    final int local;
    final InetSocketAddress remote;
    /** The PRIORITY of its last check: the peer-reflexive priority the browser gives it (RFC 8445 §7.1.1). */
    long checkPriority;
    long requestsReceived;
    long responsesSent;
    /** When the last valid check came, on {@link System#nanoTime}: consent last seen (RFC 7675 §5.1). */
    long lastRequestNanos;
    long packetsReceived;
    long bytesReceived;
    long packetsSent;
    long bytesSent;

    CheckedPair(int local, InetSocketAddress remote) {
        this.local = local;
        this.remote = remote;
    }

    public int local() { return local; }
    public InetSocketAddress remote() { return remote; }

    /** Whether this is the pair of our socket {@code local} and {@code remote}; allocates nothing. */
    boolean is(int local, InetSocketAddress remote) {
        return this.local == local && this.remote.getPort() == remote.getPort()
                && this.remote.getAddress().equals(remote.getAddress());
    }

    /** A DTLS record or an SRTP/SRTCP packet of {@code length} UDP payload bytes came over this pair. */
    public void received(int length) {
        packetsReceived++;
        bytesReceived += length;
    }

    /** A DTLS record or an SRTP/SRTCP packet of {@code length} bytes went out over this pair. */
    public void sent(int length) {
        packetsSent++;
        bytesSent += length;
    }

    CandidatePairStats snapshot(boolean nominated) {
        return new CandidatePairStats(local, remote, checkPriority, nominated, requestsReceived, responsesSent,
                lastRequestNanos, packetsReceived, bytesReceived, packetsSent, bytesSent);
    }
}
