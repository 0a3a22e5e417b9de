package org.webims.testims.net;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.webims.sip.stack.UnusedPorts;

/** Finds loopback ports free for both TCP and UDP, so tests never collide with a running gateway. */
public final class FreePorts {
    private FreePorts() {
    }

    /**
     * A loopback port free for both TCP and UDP, never handed out before in this JVM: drawn from
     * {@link UnusedPorts#shared}, so two peers drawn one after the other, before either binds,
     * never share one (decisions 0082, 0086).
     */
    public static int tcpAndUdp() {
        return UnusedPorts.shared().next();
    }

    /**
     * The first of {@code count} consecutive ports for a gateway's media ({@code media.ports}),
     * where no peer's port is drawn ({@link UnusedPorts#range}).
     */
    public static int mediaRange(int count) {
        return UnusedPorts.shared().range(count);
    }

    /** True when nothing listens on the port, over TCP or UDP. */
    public static boolean isFree(int port) {
        try (ServerSocket tcp = new ServerSocket()) {
            tcp.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
                return true;
            }
        } catch (IOException e) {
            return false;
        }
    }
}
