package org.webims.sip.arquillian;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Picks loopback ports that are free right now, for the container and for the test's own peers. */
public final class LoopbackPorts {
    private static final int ATTEMPTS = 50;

    private LoopbackPorts() {
    }

    /** A port on 127.0.0.1 free for both TCP and UDP (SIP listens on both with one port). */
    public static int freeUdpAndTcp() {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        for (int i = 0; i < ATTEMPTS; i++) {
            try (ServerSocket tcp = new ServerSocket()) {
                tcp.bind(new InetSocketAddress(loopback, 0));
                int port = tcp.getLocalPort();
                try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(loopback, port))) {
                    return port;
                } catch (IOException udpTaken) {
                    // the UDP side of this port is in use: try another
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot bind a loopback socket", e);
            }
        }
        throw new IllegalStateException("no loopback port free for both UDP and TCP after " + ATTEMPTS + " tries");
    }
}
