package org.webims.media.transport;

import java.net.InetSocketAddress;

/**
 * Handles one received datagram on an I/O thread. The buffer is the loop's and is reused for
 * the next datagram: copy what you keep. Must not block.
 */
@FunctionalInterface
public interface DatagramHandler {
    void onDatagram(byte[] buffer, int offset, int length, InetSocketAddress from);
}
