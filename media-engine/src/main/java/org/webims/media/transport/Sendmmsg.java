package org.webims.media.transport;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;

/**
 * libc's {@code sendmmsg(2)} (Linux 3.0), direct-mapped: several datagrams of one socket in one
 * system call, for a thread that sends its own packets ({@link SocketSendBatch}). Where libc or
 * the call is missing, {@link #AVAILABLE} is false and such threads hand their packets to the I/O
 * thread as before (decision 0023).
 */
final class Sendmmsg {

    /** {@code MSG_DONTWAIT}: a full socket buffer drops the datagram (counted) instead of stalling a codec thread. */
    static final int MSG_DONTWAIT = 0x40;
    static final int EINTR = 4;
    static final int ECONNREFUSED = 111;
    static final boolean AVAILABLE = bind();

    private Sendmmsg() {
    }

    private static boolean bind() {
        try {
            Native.register(Sendmmsg.class, NativeLibrary.getInstance("c"));
            return true;
        } catch (LinkageError | RuntimeException e) {
            return false;
        }
    }

    /** Datagrams sent from {@code msgvec} (an array of {@code struct mmsghdr}); errno in the exception. */
    static native int sendmmsg(int fd, long msgvec, int vlen, int flags) throws LastErrorException;
}
