package org.webims.webrtc.ice;

import java.net.InetSocketAddress;

/**
 * One of our candidates, as SDP (RFC 8839 §5.1) and Kurento's {@code IceCandidate} carry it.
 * We only offer host candidates on UDP: an ICE-lite agent has no server-reflexive or relayed
 * ones (RFC 8445 §2.5).
 */
public record IceCandidate(String foundation, int component, InetSocketAddress address, long priority) {

    /** RFC 8445 §5.1.2.1 with the recommended type preference for host candidates. */
    public static long hostPriority(int localPreference, int component) {
        return (126L << 24) + ((long) localPreference << 8) + (256 - component);
    }

    public static IceCandidate host(int index, InetSocketAddress address) {
        return new IceCandidate(Integer.toString(index + 1), 1, address, hostPriority(65535 - index, 1));
    }

    /** The attribute value without {@code a=}: {@code candidate:1 1 udp 2130706431 ... typ host}. */
    public String toSdp() {
        return "candidate:" + foundation + " " + component + " udp " + priority + " "
                + address.getAddress().getHostAddress() + " " + address.getPort() + " typ host";
    }
}
