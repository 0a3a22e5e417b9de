package org.webims.media.endpoint.rtp.path;

import org.webims.media.transport.MediaIoLoop;

/**
 * The array an outgoing RTP packet is assembled, SRTP-protected and handed to the socket in, one
 * per sending thread instead of one per stream (decision 0043). A relay of many calls sends on each
 * stream once per packet of its call, after every other call's packet: a per-stream array was cold
 * each time, its header and payload lines written and read back from memory; the thread's one stays
 * in cache. A packet lives in it only from assembly to the send, which copies it out (into the ring's
 * slot or the socket) and never calls back into a send path, so one array per thread is enough.
 */
public final class AssemblyBuffer {

    /** The longest datagram the media I/O sends. */
    public static final int BYTES = MediaIoLoop.MAX_DATAGRAM;
    private static final ThreadLocal<byte[]> OF_THREAD = ThreadLocal.withInitial(() -> new byte[BYTES]);

    private AssemblyBuffer() { }

    /** This thread's array, {@link #BYTES} long; its content is the caller's until its send returns. */
    public static byte[] ofThisThread() {
        return OF_THREAD.get();
    }
}
