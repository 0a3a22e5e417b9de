package org.webims.media.transport;

import java.net.InetSocketAddress;

/**
 * Handles one received datagram on an I/O thread. The buffer is the loop's and is reused for
 * the next datagram: copy what you keep. Must not block.
 */
@FunctionalInterface
public interface DatagramHandler {
    void onDatagram(byte[] buffer, int offset, int length, InetSocketAddress from);

    /**
     * Reads the state the next datagram will reach, before it is handled: the io_uring worker calls
     * this for every datagram of a round first, so the cache misses of many calls overlap instead of
     * each packet paying its own chain one after another (decision 0054). Plain loads only, no
     * writes; answers anything derived from what was read (kept so the JIT keeps the loads).
     */
    default int warm() {
        return 0;
    }
}
