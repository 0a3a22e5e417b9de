package org.webims.media.transport;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The pool of receive buffers of one io_uring worker, from which the kernel picks one per datagram
 * for the multishot receives of all the worker's sockets (group {@link #GROUP}). The kernel writes
 * each datagram as a {@code struct io_uring_recvmsg_out} ({@link #HEADER} bytes), the sender's
 * address, then the payload; buffer {@code id} starts at {@code id * SIZE} of {@link #memory()}.
 * Two ways to hand them over: {@link BufferRing} (a ring shared with the kernel, Linux 5.19) and
 * {@link ProvidedBuffers} (one {@code IORING_OP_PROVIDE_BUFFERS} per run, Linux 5.7). Loop thread only.
 */
interface ReceiveBuffers {

    short GROUP = 1;
    int COUNT = 2048;
    /** recvmsg_out header, address room and the largest datagram, rounded up to cache lines. */
    int SIZE = 2112;
    int HEADER = 16;

    ByteBuffer memory();

    /** Buffer {@code id}'s datagram was handled (its bytes copied out): the kernel may fill it again. */
    void giveBack(int id);

    /** The worker's loop is about to end: give back what only this pool holds. Loop thread. */
    default void close() {
    }

    static ByteBuffer allocate() {
        return ByteBuffer.allocateDirect(COUNT * SIZE).order(ByteOrder.nativeOrder());
    }
}
