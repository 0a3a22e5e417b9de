package org.webims.media.transport;

import io.netty.channel.IoEvent;
import io.netty.channel.IoRegistration;
import io.netty.channel.unix.Buffer;
import io.netty.channel.uring.IoUringIoEvent;
import io.netty.channel.uring.IoUringIoHandle;
import io.netty.channel.uring.IoUringIoOps;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.AlreadyConnectedException;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One channel on a {@link UringWorker}: one multishot {@code IORING_OP_RECVMSG} in the ring
 * (Linux 6.0), each datagram a completion in one of the worker's {@link ReceiveBuffers}, re-armed
 * only when the kernel ends it; and up to {@link #SEND_SLOTS} sends of this thread in flight, each
 * copied into a slot of native memory so the caller's buffer is free at once. A send from another
 * thread, with every slot in flight, or to a non-IPv4 address goes straight to the channel (one
 * system call). The channel is closed only after the ring returned every operation of ours.
 */
final class UringRegistration implements MediaIoLoop.Registration {

    private static final Logger LOG = LoggerFactory.getLogger(UringRegistration.class);
    // io_uring opcodes and flags (linux/io_uring.h)
    private static final byte IORING_OP_SENDMSG = 9;
    private static final byte IORING_OP_SEND = 26;
    private static final byte IORING_OP_RECVMSG = 10;
    private static final byte IORING_OP_ASYNC_CANCEL = 14;
    private static final short IORING_RECV_MULTISHOT = 2;
    private static final byte IOSQE_BUFFER_SELECT = 1 << 5;
    private static final int IORING_CQE_F_BUFFER = 1;
    private static final int IORING_CQE_F_MORE = 1 << 1;
    private static final int IORING_CQE_BUFFER_SHIFT = 16;
    private static final int EINVAL = 22;
    private static final int ENOBUFS = 105;
    private static final int ECONNREFUSED = 111;
    private static final int ECANCELED = 125;
    private static final int AF_INET = 2;
    private static final int AF_INET6 = 10;
    private static final int SOCKADDR_IN_LENGTH = 16;
    /** Datagrams up to this length from the first {@link #SEND_OP_SLOTS} slots go by IORING_OP_SEND: audio-sized. */
    static final int SEND_OP_MAX_LENGTH = 320;
    static final int SEND_OP_SLOTS = 4;
    /**
     * Sends of one socket in flight per loop pass; beyond them a send goes straight out and may
     * overtake the queued ones (counted: {@link UringWorker#overflowSends}).
     */
    static final int SEND_SLOTS = 32;
    private static final int ALL_FREE = -1; // one bit per slot
    private static final short RECV = -1;
    private static final short CANCEL = -2;
    /** Receives ended by an error in a row, with no datagram between, before the socket is given up. */
    static final int ERRORS_TO_GIVE_UP = 64;
    // one block: struct msghdr (56 bytes), struct iovec (16), a sockaddr_in6 (28, 32 reserved), the datagram
    private static final int MSGHDR = 0;
    private static final int IOVEC = 56;
    private static final int NAME = 72;
    private static final int NAME_ROOM = 28;
    private static final int MSGHDR_SIZE = 56;
    private static final int DATA = 104;
    private static final int SEND_BLOCK = 1664; // DATA + 1560 (an Ethernet MTU's datagram), rounded up to cache lines
    private static final int SEND_ROOM = SEND_BLOCK - DATA;

    final UringWorker worker;
    private final DatagramChannel channel;
    private final int fd;
    private final DatagramHandler handler;
    private final boolean ipv4;
    private final ByteBuffer recvMemory;
    private final IoUringIoOps recvOp;
    // the loop thread's only
    private IoRegistration registration;
    private ByteBuffer sendMemory;
    private long sendBase;
    // per slot the sendmsg over its block; per slot and length the IORING_OP_SEND, built when first needed
    private IoUringIoOps[] sendmsgOps;
    private IoUringIoOps[][] sendOps;
    // per slot and length the IORING_OP_SEND without an address, to the connected peer
    private IoUringIoOps[][] peerSendOps;
    // the peer the socket is connected to (null: none), and the one it is to be connected to next
    private InetSocketAddress peer;
    private InetSocketAddress nextPeer;
    private boolean reconnecting;
    // the slots in flight whose send has no address (one bit per slot): they go wherever the socket is connected
    private int addressless;
    private int freeSlots = ALL_FREE;
    private boolean receiving;
    private long receiveUserData;
    private boolean closing;
    private boolean finished;
    private int errorsInARow;
    // the last sender seen and the last destination written: compared, not rebuilt, per datagram
    private int lastFromFamily;
    private long lastFromA;
    private long lastFromB;
    private int lastFromPort = -1;
    private InetSocketAddress lastFrom;
    private volatile boolean closed;
    private final AtomicBoolean firstConnect = new AtomicBoolean(true);

    UringRegistration(UringWorker worker, DatagramChannel channel, int fd, DatagramHandler handler) {
        this.worker = worker;
        this.channel = channel;
        this.fd = fd;
        this.handler = handler;
        boolean v4;
        try {
            v4 = ((InetSocketAddress) channel.getLocalAddress()).getAddress() instanceof Inet4Address;
        } catch (IOException | RuntimeException e) {
            v4 = false;
        }
        this.ipv4 = v4;
        // a multishot receive's msghdr only tells the kernel how much room to leave for the address
        this.recvMemory = ByteBuffer.allocateDirect(MSGHDR_SIZE).order(ByteOrder.nativeOrder());
        recvMemory.putInt(MSGHDR + 8, NAME_ROOM);
        this.recvOp = new IoUringIoOps(IORING_OP_RECVMSG, IOSQE_BUFFER_SELECT, IORING_RECV_MULTISHOT, fd, 0L,
                Buffer.memoryAddress(recvMemory) + MSGHDR, 0, 0, RECV, ReceiveBuffers.GROUP, (short) 0, 0, 0L);
    }

    // msghdr -> name, one iovec -> the data area; no control messages
    private static void prepareBlock(ByteBuffer memory, int at, long base, int nameLength, int dataLength) {
        memory.putLong(at + MSGHDR, base + at + NAME);
        memory.putInt(at + MSGHDR + 8, nameLength);
        memory.putLong(at + MSGHDR + 16, base + at + IOVEC);
        memory.putLong(at + MSGHDR + 24, 1);
        memory.putLong(at + MSGHDR + 32, 0);
        memory.putLong(at + MSGHDR + 40, 0);
        memory.putInt(at + MSGHDR + 48, 0);
        memory.putLong(at + IOVEC, base + at + DATA);
        memory.putLong(at + IOVEC + 8, dataLength);
    }

    @Override
    public DatagramChannel channel() { return channel; }

    /** On the loop thread, once Netty registered us: arm the first receive. */
    void start(IoRegistration r) {
        registration = r;
        if (closing) {
            finishIfIdle();
            return;
        }
        submitReceive();
    }

    private void submitReceive() {
        long id = registration.submit(recvOp);
        if (id == -1) {
            return; // registration no longer valid: the loop is shutting down
        }
        receiveUserData = id;
        receiving = true;
    }

    /** What Netty's loop sees: completions come back here; its close is the loop shutting down. */
    final IoUringIoHandle ringHandle = new IoUringIoHandle() {
        @Override
        public void handle(IoRegistration r, IoEvent event) {
            completed((IoUringIoEvent) event);
        }

        @Override
        public void close() {
            finish(); // the ring goes with the loop, and its operations with it
        }
    };

    private void completed(IoUringIoEvent e) {
        byte op = e.opcode();
        if (op == IORING_OP_SEND && e.res() == -EINVAL && worker.sendWithAddress && resendAsSendmsg(e.data())) {
            return; // the slot stays in flight, as a sendmsg now
        }
        if (op == IORING_OP_SENDMSG || op == IORING_OP_SEND) {
            freeSlots |= 1 << e.data();
            addressless &= ~(1 << e.data());
            if (e.res() == -ECONNREFUSED) {
                worker.refusals.incrementAndGet(); // the connected peer's ICMP port unreachable: it may come back
            } else if (e.res() < 0) {
                worker.failures.incrementAndGet(); // e.g. ENOBUFS: media is loss-tolerant
            }
            if (reconnecting) {
                connectIfIdle();
            }
            finishIfIdle();
            return;
        }
        if (op != IORING_OP_RECVMSG) {
            return; // the cancel's own completion
        }
        int flags = e.flags();
        int res = e.res();
        if ((flags & IORING_CQE_F_MORE) == 0) {
            receiving = false; // the multishot receive ended: cancelled, out of buffers, or an error
        }
        if ((flags & IORING_CQE_F_BUFFER) != 0) {
            errorsInARow = 0;
            int id = flags >>> IORING_CQE_BUFFER_SHIFT;
            if (res >= 0 && !closing) {
                deliver(id);
            }
            worker.buffers.giveBack(id);
        } else if (res == -ECONNREFUSED) {
            // a connected socket's peer answered an earlier send with ICMP port unreachable (decision 0046):
            // one report per ICMP, consumed by this read, so re-arming cannot spin; not an error towards giving up
            worker.refusals.incrementAndGet();
        } else if (res < 0 && res != -ECANCELED && res != -ENOBUFS) {
            worker.failures.incrementAndGet();
            if (++errorsInARow >= ERRORS_TO_GIVE_UP) { // e.g. EBADF: re-arming would spin the thread
                LOG.atWarn().addKeyValue("errno", -res).addKeyValue("fd", fd).log("media socket fails every receive; no longer read");
                return;
            }
        }
        if (!receiving) {
            if (closing) {
                finishIfIdle();
            } else {
                submitReceive();
            }
        }
    }

    // one datagram in provided buffer {@code id}: struct io_uring_recvmsg_out, the address (NAME_ROOM), the payload
    private void deliver(int id) {
        ByteBuffer memory = worker.buffers.memory();
        int at = id * ReceiveBuffers.SIZE;
        InetSocketAddress from = sender(memory, at + ReceiveBuffers.HEADER);
        if (from == null) {
            worker.failures.incrementAndGet();
            return;
        }
        worker.datagrams++;
        int payload = at + ReceiveBuffers.HEADER + NAME_ROOM;
        int n = Math.min(memory.getInt(at + 8), Math.min(MediaIoLoop.MAX_DATAGRAM, at + ReceiveBuffers.SIZE - payload));
        byte[] buffer = worker.buffer;
        memory.get(payload, buffer, 0, n);
        try {
            handler.onDatagram(buffer, 0, n, from);
        } catch (RuntimeException ex) {
            worker.failures.incrementAndGet();
            LOG.atDebug().setCause(ex).log("media datagram handler failed");
        }
    }

    // the sockaddr the kernel wrote: the cached InetSocketAddress when it is the same sender as before
    private InetSocketAddress sender(ByteBuffer memory, int name) {
        int family = memory.getShort(name) & 0xFFFF;
        int port = ((memory.get(name + 2) & 0xFF) << 8) | (memory.get(name + 3) & 0xFF);
        long a;
        long b;
        if (family == AF_INET) {
            a = memory.getInt(name + 4);
            b = 0;
        } else if (family == AF_INET6) {
            a = memory.getLong(name + 8);
            b = memory.getLong(name + 16);
        } else {
            return null;
        }
        if (family == lastFromFamily && port == lastFromPort && a == lastFromA && b == lastFromB) {
            return lastFrom;
        }
        byte[] raw = new byte[family == AF_INET ? 4 : 16]; // a new sender: once per peer, not per datagram
        memory.get(family == AF_INET ? name + 4 : name + 8, raw);
        InetAddress address;
        try {
            address = InetAddress.getByAddress(raw);
        } catch (UnknownHostException impossible) {
            return null;
        }
        lastFrom = new InetSocketAddress(address, port);
        lastFromFamily = family;
        lastFromPort = port;
        lastFromA = a;
        lastFromB = b;
        return lastFrom;
    }

    @Override
    public int send(ByteBuffer packet, InetSocketAddress to) throws IOException {
        InetAddress address = to.getAddress();
        boolean ringable = ipv4 && address instanceof Inet4Address && packet.remaining() <= SEND_ROOM;
        if (!worker.loop.inEventLoop()) {
            // a transcode worker's send goes to this I/O thread's ring with the rest of its round (decision 0023)
            if (ringable && !closed && Thread.currentThread() instanceof SendBatchingThread t) {
                return t.batch().add(this, packet, to);
            }
            return sendByCall(packet, to); // any other thread's: one system call, as on the selector
        }
        // one the ring cannot take is one system call too
        if (registration == null || closing || !ringable) {
            return sendByCall(packet, to);
        }
        if (freeSlots == 0) {
            worker.overflowSends++;
            return sendByCall(packet, to);
        }
        int n = packet.remaining();
        int slot = takeSlot();
        sendMemory.put(slot * SEND_BLOCK + DATA, packet, packet.position(), n);
        packet.position(packet.limit());
        return submitSlot(slot, n, to, (Inet4Address) address);
    }

    /**
     * One system call through the channel. While a re-negotiation moves the connection (on the loop
     * thread, decision 0046) the JDK's channel may still be connected to the old peer and refuse the
     * new one: from another thread that datagram is copied and sent by the loop thread, which sends
     * to any address (a copy per datagram in that moment only); on the loop thread (what its ring
     * could not take) it is an IOException, a send error to the sender, as on the selector.
     */
    int sendByCall(ByteBuffer packet, InetSocketAddress to) throws IOException {
        try {
            return PeerConnection.sendOrRefuse(channel, packet, to, worker.refusals);
        } catch (AlreadyConnectedException moving) {
            if (worker.loop.inEventLoop() || closed) {
                throw new IOException("media socket connected to another peer than " + to);
            }
            int n = packet.remaining();
            ByteBuffer copy = ByteBuffer.allocate(n).put(packet).flip();
            try {
                worker.loop.execute(() -> {
                    try {
                        send(copy, to);
                    } catch (IOException | RuntimeException e) {
                        worker.failures.incrementAndGet();
                    }
                });
            } catch (RejectedExecutionException shutDown) {
                throw new IOException("media I/O thread stopped", shutDown);
            }
            return n;
        }
    }

    @Override
    public int send(byte[] packet, int offset, int length, ByteBuffer staging, InetSocketAddress to)
            throws IOException {
        InetAddress address = to.getAddress();
        if (!worker.loop.inEventLoop() || registration == null || closing || freeSlots == 0 || !ipv4
                || !(address instanceof Inet4Address) || length > SEND_ROOM) {
            return MediaIoLoop.Registration.super.send(packet, offset, length, staging, to); // as the ByteBuffer's
        }
        int slot = takeSlot();
        sendMemory.put(slot * SEND_BLOCK + DATA, packet, offset, length); // straight from the caller's array
        return submitSlot(slot, length, to, (Inet4Address) address);
    }

    // the lowest free send slot; at least one is free
    private int takeSlot() {
        if (sendMemory == null) {
            allocateSendSlots();
        }
        return Integer.numberOfTrailingZeros(freeSlots);
    }

    private int submitSlot(int slot, int n, InetSocketAddress to, Inet4Address address) {
        int at = slot * SEND_BLOCK;
        sendMemory.putLong(at + IOVEC + 8, n);
        IoUringIoOps op;
        boolean toPeer = to == peer || peer != null && peer.equals(to);
        if (toPeer) {
            // to the connected peer: no address, so the kernel takes the socket's cached route (decision 0046)
            sendMemory.putInt(at + MSGHDR + 8, 0);
            op = slot < SEND_OP_SLOTS && n <= SEND_OP_MAX_LENGTH ? sendOp(peerSendOps, slot, n, false) : sendmsgOps[slot];
        } else {
            sendMemory.putInt(at + MSGHDR + 8, SOCKADDR_IN_LENGTH);
            writeSockaddrIn(at + NAME, address, to.getPort());
            op = worker.sendWithAddress && slot < SEND_OP_SLOTS && n <= SEND_OP_MAX_LENGTH
                    ? sendOp(sendOps, slot, n, true) : sendmsgOps[slot];
        }
        if (registration.submit(op) == -1) {
            return 0; // the loop is shutting down
        }
        freeSlots &= ~(1 << slot);
        if (toPeer) {
            addressless |= 1 << slot;
        }
        worker.batchedSends++;
        return n;
    }

    // struct sockaddr_in: family (host order), port and address (network order)
    private void writeSockaddrIn(int at, Inet4Address address, int port) {
        sendMemory.putShort(at, (short) AF_INET);
        sendMemory.put(at + 2, (byte) (port >>> 8));
        sendMemory.put(at + 3, (byte) port);
        int ip = address.hashCode(); // Inet4Address's hash is its address, big-endian in an int
        sendMemory.put(at + 4, (byte) (ip >>> 24));
        sendMemory.put(at + 5, (byte) (ip >>> 16));
        sendMemory.put(at + 6, (byte) (ip >>> 8));
        sendMemory.put(at + 7, (byte) ip);
        sendMemory.putLong(at + 8, 0);
    }

    private void allocateSendSlots() {
        sendMemory = ByteBuffer.allocateDirect(SEND_SLOTS * SEND_BLOCK).order(ByteOrder.nativeOrder());
        sendBase = Buffer.memoryAddress(sendMemory);
        sendmsgOps = new IoUringIoOps[SEND_SLOTS];
        sendOps = new IoUringIoOps[SEND_OP_SLOTS][];
        peerSendOps = new IoUringIoOps[SEND_OP_SLOTS][];
        for (int i = 0; i < SEND_SLOTS; i++) {
            prepareBlock(sendMemory, i * SEND_BLOCK, sendBase, SOCKADDR_IN_LENGTH, 0);
            sendmsgOps[i] = new IoUringIoOps(IORING_OP_SENDMSG, (byte) 0, (short) 0, fd, 0L,
                    sendBase + i * SEND_BLOCK + MSGHDR, 1, 0, (short) i, (short) 0, (short) 0, 0, 0L);
        }
    }

    // IORING_OP_SEND with the destination in addr2 (sendto, Linux 6.1): the kernel imports a 16-byte
    // address instead of a msghdr, its iovec and the address (io_sendmsg_setup, 4 % of the I/O thread in
    // decision 0036's profile). The SQE holds the length and Netty's ops are immutable, so there is one
    // op per slot and length, built the first time (nothing per packet once a stream's lengths were
    // seen); only for audio-sized datagrams from the first slots, which bounds them to a few KiB per
    // socket. Longer datagrams (video) and further slots go by sendmsg, as before. To a connected
    // socket's peer the same without the address (a plain send, Linux 5.6), from {@code table} peerSendOps.
    private IoUringIoOps sendOp(IoUringIoOps[][] table, int slot, int length, boolean withAddress) {
        IoUringIoOps[] byLength = table[slot];
        if (byLength == null) {
            byLength = new IoUringIoOps[SEND_OP_MAX_LENGTH + 1];
            table[slot] = byLength;
        }
        IoUringIoOps op = byLength[length];
        if (op == null) {
            int at = slot * SEND_BLOCK;
            op = new IoUringIoOps(IORING_OP_SEND, (byte) 0, (short) 0, fd, withAddress ? sendBase + at + NAME : 0L,
                    sendBase + at + DATA, length, 0, (short) slot, (short) 0, (short) 0,
                    withAddress ? SOCKADDR_IN_LENGTH : 0, 0L);
            byLength[length] = op;
        }
        return op;
    }

    // a kernel before 6.1 refuses an address on IORING_OP_SEND: this worker sends by sendmsg from then on
    // (the slot's msghdr and iovec length were written with the send)
    private boolean resendAsSendmsg(int slot) {
        worker.sendWithAddress = false;
        LOG.atInfo().log("io_uring send with an address refused (Linux before 6.1): media sends by sendmsg");
        if (closing || registration == null) {
            return false;
        }
        return registration.submit(sendmsgOps[slot]) != -1;
    }

    /**
     * The socket's first connection is made at once on the calling thread: the JDK's connect
     * discards what the socket has queued, which on an unconnected socket may be the new peer's
     * first datagrams if it ran later on the loop thread (with deferred task work the ring reads a
     * socket's queue only when the loop thread enters the kernel); made before the caller hands out
     * its answer, nothing of the peer's is queued yet. Nothing of ours is in the ring without an
     * address then, so the loop thread only learns the peer after. Every later move (to another
     * peer, to none, back from none) goes through the loop thread ({@link #connectIfIdle}), in order.
     */
    @Override
    public void connect(InetSocketAddress to) {
        try {
            if (to != null && firstConnect.compareAndSet(true, false) && !closed) {
                InetSocketAddress connected = PeerConnection.connect(channel, to);
                worker.loop.execute(() -> learnPeer(connected));
            } else if (worker.loop.inEventLoop()) {
                requestConnect(to);
            } else {
                worker.loop.execute(() -> requestConnect(to));
            }
        } catch (RejectedExecutionException shutDown) {
            // the loop is gone, and this socket's reading with it
        }
    }

    @Override
    public void execute(Runnable task) {
        try {
            worker.loop.execute(task);
        } catch (RejectedExecutionException shutDown) {
            // the loop is gone: nothing is received on it to work on
        }
    }

    // after a first connection made on another thread: sends to it may go without the address now
    private void learnPeer(InetSocketAddress connected) {
        if (!reconnecting) {
            peer = connected;
        }
    }

    private void requestConnect(InetSocketAddress to) {
        nextPeer = to;
        reconnecting = true;
        connectIfIdle();
    }

    // Only with no send without an address in the ring: one goes to whatever the socket is connected to
    // when the kernel runs it, so the connection moves only once those went out. Until then sends to the
    // new peer carry its address, which a connected UDP socket allows; one that finds every slot in flight
    // goes through the JDK's channel, which refuses it while still connected to the old peer (counted by
    // the sender as a send error: a re-negotiation's moment, at most one burst of a socket).
    private void connectIfIdle() {
        if (addressless != 0 || closing) {
            return;
        }
        reconnecting = false;
        peer = PeerConnection.connect(channel, nextPeer);
        nextPeer = null;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (worker.loop.inEventLoop()) {
            beginClose();
            return;
        }
        try {
            worker.loop.execute(this::beginClose);
        } catch (RejectedExecutionException shutDown) {
            finish();
        }
    }

    // cancel the receive in the ring; the port is freed once it and every send came back
    private void beginClose() {
        closing = true;
        if (registration != null && receiving) {
            registration.submit(new IoUringIoOps(IORING_OP_ASYNC_CANCEL, (byte) 0, (short) 0, -1, 0L,
                    receiveUserData, 0, 0, CANCEL, (short) 0, (short) 0, 0, 0L));
        }
        finishIfIdle();
    }

    private void finishIfIdle() {
        if (closing && !receiving && freeSlots == ALL_FREE) {
            if (registration != null) {
                registration.cancel();
            }
            finish();
        }
    }

    /** Closes the channel and forgets the registration; only once nothing in the ring points at our memory. */
    void finish() {
        synchronized (this) {
            if (finished) {
                return;
            }
            finished = true;
        }
        closed = true;
        try {
            channel.close();
        } catch (IOException e) {
            LOG.atDebug().setCause(e).log("closing media channel failed");
        }
        worker.live.remove(this);
        worker.finished();
    }
}
