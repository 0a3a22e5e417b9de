package org.webims.sip.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
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

    /** Where media ranges start ({@link #range}): above the ports of well-known and test services. */
    private static final int RANGES_FROM = 10_000;
    private static final int EPHEMERAL_LOW = ephemeralLow();

    private final Set<Integer> handedOut = ConcurrentHashMap.newKeySet();
    private int rangeCursor = -1; // guarded by this

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
     * The first of {@code count} consecutive loopback ports, even, each free now for UDP: a media
     * port range for a test's gateway or node, whose allocator binds its ports call by call, long
     * after this. Ranges lie below the kernel's ephemeral range, where {@link #next} (bind(0)) never
     * draws, so no peer is ever given a port of one; taken one after another from a random start,
     * two ranges of a JVM overlap only after the space between 10000 and that range wrapped.
     */
    public int range(int count) {
        if (count < 1 || count > 1000) {
            throw new IllegalArgumentException("a range of 1 to 1000 ports, not " + count);
        }
        int below = EPHEMERAL_LOW;
        if (below - RANGES_FROM < 4 * count) {
            throw new IllegalStateException("no room for " + count + " ports between " + RANGES_FROM
                    + " and the ephemeral ports from " + below);
        }
        for (int i = 0; i < ATTEMPTS; i++) {
            int start = nextRangeStart(count, below);
            if (freeForUdp(start, count)) {
                return start;
            }
        }
        throw new IllegalStateException("no " + count + " free consecutive loopback ports below " + below
                + " after " + ATTEMPTS + " tries");
    }

    private synchronized int nextRangeStart(int count, int below) {
        if (rangeCursor < 0) {
            rangeCursor = RANGES_FROM + (ThreadLocalRandom.current().nextInt(below - RANGES_FROM) & ~1);
        }
        if (rangeCursor + count > below) {
            rangeCursor = RANGES_FROM;
        }
        int start = rangeCursor;
        rangeCursor += (count + 1) & ~1;
        return start;
    }

    private static boolean freeForUdp(int start, int count) {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        for (int port = start; port < start + count; port++) {
            try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(loopback, port))) {
                // free now
            } catch (IOException busy) {
                return false;
            }
        }
        return true;
    }

    /** The lowest port bind(0) may pick (Linux's ip_local_port_range; its default where unreadable). */
    private static int ephemeralLow() {
        try {
            // read line by line: /proc reports a size of 0, and a read that trusts it may stop short
            String[] range = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/sys/net/ipv4/ip_local_port_range"))
                    .get(0).trim().split("\\s+");
            return Integer.parseInt(range[0]);
        } catch (IOException | RuntimeException e) {
            return 32768;
        }
    }
}
