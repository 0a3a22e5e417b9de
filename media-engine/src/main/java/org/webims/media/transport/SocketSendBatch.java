package org.webims.media.transport;

import com.sun.jna.LastErrorException;
import io.netty.channel.unix.Buffer;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The sends of a {@link SendBatchingThread} that puts its packets on the wire itself: a run of
 * packets of one socket (a video frame's) is copied into native memory and leaves in one
 * {@code sendmmsg} on this thread when the run ends ({@link #flush}, or a packet of another socket).
 * No I/O thread is woken for it, as the parcels of {@link SendBatch} must (an eventfd write, the
 * loop's wake-up and its task, a second copy into the ring's send slot): decision 0057. Destination,
 * source socket and bytes are exactly those of the I/O thread's send; a socket closing meanwhile
 * is never sent on once closed ({@link UringRegistration#enterOwnSend}), its held packets dropped
 * and counted. Owned by its thread; nothing is allocated per packet.
 */
public final class SocketSendBatch {

    /** Datagrams per system call: a 720p key frame's run is longer and goes in several. */
    static final int CAPACITY = 32;
    // struct mmsghdr (a msghdr of 56 bytes, then msg_len and padding), struct iovec, struct sockaddr_in
    private static final int MMSGHDR = 64;
    private static final int IOVEC = 16;
    private static final int SOCKADDR_IN = 16;
    private static final int IOVECS = CAPACITY * MMSGHDR;
    private static final int NAMES = IOVECS + CAPACITY * IOVEC;
    private static final int DATA = NAMES + CAPACITY * SOCKADDR_IN;
    private static final int ROOM = UringRegistration.SEND_ROOM;

    private final ByteBuffer memory = ByteBuffer.allocateDirect(DATA + CAPACITY * ROOM).order(ByteOrder.nativeOrder());
    private final long base = Buffer.memoryAddress(memory);
    /** The socket of the held run; null when nothing is held. */
    private UringRegistration socket;
    private int count;
    // this thread's only
    private long sent;
    private long calls;
    private long dropped;

    SocketSendBatch() {
        for (int i = 0; i < CAPACITY; i++) {
            UringRegistration.writeMsghdr(memory, i * MMSGHDR, base + NAMES + i * SOCKADDR_IN, SOCKADDR_IN,
                    base + IOVECS + i * IOVEC);
            memory.putLong(IOVECS + i * IOVEC, base + DATA + (long) i * ROOM);
        }
    }

    /** Whether this system can send this way (libc's sendmmsg); else the thread hands its packets over. */
    static boolean available() {
        return Sendmmsg.AVAILABLE;
    }

    /**
     * Holds {@code packet} (position to limit, consumed; at most {@link UringRegistration#SEND_ROOM}
     * bytes, to an IPv4 address) for {@code from}; a held run of another socket leaves first.
     */
    int add(UringRegistration from, ByteBuffer packet, InetSocketAddress to) {
        if (count > 0 && (from != socket || count == CAPACITY)) {
            flush();
        }
        socket = from;
        int n = packet.remaining();
        memory.put(DATA + count * ROOM, packet, packet.position(), n);
        packet.position(packet.limit());
        memory.putLong(IOVECS + count * IOVEC + 8, n);
        UringRegistration.writeSockaddrIn(memory, NAMES + count * SOCKADDR_IN, (Inet4Address) to.getAddress(), to.getPort());
        count++;
        return n;
    }

    /** Sends the held run now, in order. Idempotent; the thread calls it when a frame's packets are all held. */
    public void flush() {
        if (count == 0) {
            return;
        }
        UringRegistration s = socket;
        int n = count;
        socket = null;
        count = 0;
        if (!s.enterOwnSend()) {
            dropped += n; // the socket closed: its media ends with it
            return;
        }
        try {
            int done = 0;
            while (done < n) {
                calls++;
                try {
                    int r = Sendmmsg.sendmmsg(s.fd, base + (long) done * MMSGHDR, n - done, Sendmmsg.MSG_DONTWAIT);
                    done += Math.max(r, 1); // 0 cannot happen for n > 0; never loop on it
                    sent += Math.max(r, 0);
                } catch (LastErrorException e) {
                    if (e.getErrorCode() == Sendmmsg.EINTR) {
                        continue;
                    }
                    // the datagram at done failed (e.g. the connected peer's ICMP refusal, a full buffer):
                    // media is loss-tolerant, the rest still go
                    (e.getErrorCode() == Sendmmsg.ECONNREFUSED ? s.worker.refusals : s.worker.failures).incrementAndGet();
                    dropped++;
                    done++;
                }
            }
        } finally {
            s.leaveOwnSend();
        }
    }

    /** Datagrams put on the wire by this thread. */
    public long sent() {
        return sent;
    }

    /** System calls made for them. */
    public long calls() {
        return calls;
    }

    /** Datagrams held for a socket that closed, or refused by the kernel. */
    public long dropped() {
        return dropped;
    }
}
