package org.webims.media.transport;

import java.nio.channels.DatagramChannel;

/** One media I/O thread of a {@link MediaIoLoop}: the selector one or the io_uring one (decision 0020). */
interface IoWorker {

    MediaIoLoop.Registration register(DatagramChannel channel, DatagramHandler handler);

    int registrations();

    long datagrams();

    long rounds();

    /** Gathering naps taken after light rounds (decisions 0017, 0029). */
    long naps();

    long readableChannels();

    long emptyReads();

    long handlerFailures();

    /** Sends queued to the ring and sent later in one system call with the others (0 on the selector). */
    long batchedSends();

    /** ECONNREFUSED seen on connected sockets (the peer's ICMP port unreachable). */
    long refusals();

    void close();
}
