package org.webims.media.transport;

import java.net.PortUnreachableException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/** For tests of connected media sockets (decision 0046): whether the kernel refuses a sender. */
public final class KernelRefusal {

    private KernelRefusal() {
    }

    /**
     * Whether {@code datagram}, sent from {@code from} to {@code to}, is answered by the kernel's ICMP
     * port unreachable (no socket takes it), seen as the error {@code from}'s channel, connected to
     * {@code to} here, reads; tried for up to 2 s (a connection made on an I/O thread lands a moment later).
     */
    public static boolean seenBy(DatagramChannel from, SocketAddress to, byte[] datagram) throws Exception {
        from.connect(to);
        from.configureBlocking(false);
        for (int i = 0; i < 200; i++) {
            from.write(ByteBuffer.wrap(datagram));
            Thread.sleep(10);
            try {
                from.read(ByteBuffer.allocate(100));
            } catch (PortUnreachableException refused) {
                return true;
            }
        }
        return false;
    }
}
