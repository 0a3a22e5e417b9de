package org.webims.sip.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Loopback ports free for both UDP and TCP, each handed out once. A port is free only while it is
 * probed: once the probe closes, the kernel may hand it out again, and a test picks its peers'
 * ports before their SIPp processes bind them. Here bind(0) draws from about 7,000 ports (the odd
 * ones of the lower half of 32768-60999, with SO_REUSEADDR), so two draws in a row matched 13
 * times in 100,000 pairs: two callees, or a callee and its caller, were given one port
 * (decision 0082).
 *
 * <p>For tests and test tools that start local peers; the container never calls it. It lives in
 * main code so that every port helper of a JVM (SIPp's here, the arquillian adapter's, test-ims')
 * draws from {@link #shared()}, and no two of them hand out one port (decision 0086).
 */
public final class UnusedPorts {
    private static final UnusedPorts SHARED = new UnusedPorts();

    /** Enough for a draw to pass ports already handed out, even late in a long test run. */
    private static final int ATTEMPTS = 200;

    private final Set<Integer> handedOut = ConcurrentHashMap.newKeySet();

    /** The JVM's one instance: a port it hands out is never handed out again by any helper drawing here. */
    public static UnusedPorts shared() {
        return SHARED;
    }

    /** A port free now for UDP and TCP on 127.0.0.1 that this instance has not handed out before. */
    public int next() {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        for (int i = 0; i < ATTEMPTS; i++) {
            try (ServerSocket tcp = new ServerSocket()) {
                tcp.bind(new InetSocketAddress(loopback, 0));
                int port = tcp.getLocalPort();
                try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(loopback, port))) {
                    if (handedOut.add(port)) {
                        return port;
                    }
                } catch (IOException busy) {
                    // the UDP side is taken: try another
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("no unused loopback port after " + ATTEMPTS + " draws (" + handedOut.size()
                + " handed out)");
    }

    /**
     * The first of {@code count} consecutive loopback ports, even, each free now for UDP and none
     * handed out before, all handed out now: a media port range for a test's gateway or node. Its
     * allocator binds ports of the range call by call, long after this; a port {@link #next} drew
     * inside it meanwhile was one a peer and the gateway's media could both be given.
     */
    public int range(int count) {
        if (count < 1 || count > 1000) {
            throw new IllegalArgumentException("a range of 1 to 1000 ports, not " + count);
        }
        for (int i = 0; i < ATTEMPTS; i++) {
            int drawn = next(); // handed out to this range, whether or not the range is made here
            int start = Math.min(drawn & ~1, (65536 - count) & ~1);
            if (claimFreeRun(start, count, drawn)) {
                return start;
            }
        }
        throw new IllegalStateException("no " + count + " unused consecutive loopback ports after " + ATTEMPTS
                + " draws (" + handedOut.size() + " handed out)");
    }

    // all or none: a port another draw holds, or one some socket is bound to, gives back what was taken
    private boolean claimFreeRun(int start, int count, int drawn) {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        java.util.List<Integer> claimed = new java.util.ArrayList<>(count);
        for (int port = start; port < start + count; port++) {
            boolean mine = handedOut.add(port);
            if (mine) {
                claimed.add(port);
            } else if (port != drawn) {
                handedOut.removeAll(claimed);
                return false;
            }
            try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(loopback, port))) {
                // free now
            } catch (IOException busy) {
                handedOut.removeAll(claimed);
                return false;
            }
        }
        return true;
    }
}
