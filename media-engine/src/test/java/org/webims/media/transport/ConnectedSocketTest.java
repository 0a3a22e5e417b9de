package org.webims.media.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A media socket connected to its peer (decision 0046), on real loopback sockets: a relay of two
 * registered sockets on one I/O thread, the "in" socket's datagrams sent out of the "out" socket
 * from the I/O thread (through the ring on io_uring), as the RTP leg of a call sends.
 */
class ConnectedSocketTest {

    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    final List<AutoCloseable> closeAfter = new ArrayList<>();
    final BlockingQueue<String> readByOut = new LinkedBlockingQueue<>();
    MediaIoLoop loop;
    DatagramChannel in;
    DatagramChannel out;
    MediaIoLoop.Registration outReg;
    /** Where the relay sends what "in" receives: read per datagram, as the RTP leg reads its peer. */
    volatile InetSocketAddress target;
    final AtomicInteger sendErrors = new AtomicInteger();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : closeAfter) {
            c.close();
        }
    }

    void relay(MediaIoKind kind) throws IOException {
        assumeTrue(kind != MediaIoKind.IO_URING || io.netty.channel.uring.IoUring.isAvailable(), "io_uring unavailable here");
        loop = new MediaIoLoop(1, "connected-test-io", MediaIoLoop.DEFAULT_GATHER_NANOS, kind);
        closeAfter.add(loop);
        in = open();
        out = open();
        byte[] copy = new byte[MediaIoLoop.MAX_DATAGRAM];
        ByteBuffer staging = ByteBuffer.allocateDirect(MediaIoLoop.MAX_DATAGRAM);
        outReg = loop.register(out, (buf, off, len, from) -> readByOut.add(new String(buf, off, len) + "@" + from.getPort()));
        closeAfter.add(outReg);
        closeAfter.add(loop.register(in, (buf, off, len, from) -> {
            System.arraycopy(buf, off, copy, 0, len);
            try {
                outReg.send(copy, 0, len, staging, target);
            } catch (IOException e) {
                sendErrors.incrementAndGet(); // as the RTP leg counts them: e.g. the JDK's report of a refusal
            }
        }));
    }

    static DatagramChannel open() throws IOException {
        DatagramChannel c = DatagramChannel.open().bind(new InetSocketAddress(LOOPBACK, 0));
        c.configureBlocking(false);
        return c;
    }

    /** A far end: a blocking channel with a receive timeout through {@link #next}. */
    DatagramChannel peer() throws IOException {
        DatagramChannel p = DatagramChannel.open().bind(new InetSocketAddress(LOOPBACK, 0));
        closeAfter.add(p);
        return p;
    }

    static InetSocketAddress address(DatagramChannel c) throws IOException {
        return (InetSocketAddress) c.getLocalAddress();
    }

    static void send(DatagramChannel from, String text, DatagramChannel to) throws IOException {
        from.send(ByteBuffer.wrap(text.getBytes()), to.getLocalAddress());
    }

    /** The next datagram {@code c} receives, or null within 5 s. */
    static String next(DatagramChannel c) throws IOException, InterruptedException {
        return next(c, 5000);
    }

    /** The next datagram {@code c} receives, or null within {@code millis}. */
    static String next(DatagramChannel c, long millis) throws IOException, InterruptedException {
        c.configureBlocking(false);
        ByteBuffer b = ByteBuffer.allocate(MediaIoLoop.MAX_DATAGRAM);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() < deadline) {
            if (c.receive(b) != null) {
                return new String(b.array(), 0, b.position());
            }
            Thread.sleep(1);
        }
        return null;
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }

    static boolean refusedByTheKernel(DatagramChannel from, DatagramChannel to) throws Exception {
        return KernelRefusal.seenBy(from, to.getLocalAddress(), "unwanted".getBytes());
    }

    /** Connects the relay's out socket to {@code far} and sends there. */
    void relayTo(DatagramChannel far) throws IOException {
        target = address(far);
        outReg.connect(target);
    }

    @ParameterizedTest
    @EnumSource(MediaIoKind.class)
    void aConnectedSocketReadsOnlyItsPeerAndSendsToIt(MediaIoKind kind) throws Exception {
        relay(kind);
        DatagramChannel feeder = peer();
        DatagramChannel far = peer();
        relayTo(far);
        assertTrue(refusedByTheKernel(peer(), out), "a datagram from anyone but the peer is refused by the kernel");
        send(far, "from-peer", out);
        assertEquals("from-peer@" + address(far).getPort(), readByOut.poll(5, TimeUnit.SECONDS));
        for (int i = 0; i < 40; i++) { // more than a socket's ring slots, some by IORING_OP_SEND, some by sendmsg
            send(feeder, "m" + i, in);
            assertEquals("m" + i, next(far));
        }
        assertEquals(0, loop.handlerFailures());
        assertEquals(0, sendErrors.get());
        assertNull(readByOut.poll(), "nothing but the peer's datagram was read");
    }

    @ParameterizedTest
    @EnumSource(MediaIoKind.class)
    void aPeerWhosePortIsClosedIsCountedAsRefusedAndTheSocketCarriesOnWhenItComesBack(MediaIoKind kind)
            throws Exception {
        relay(kind);
        DatagramChannel feeder = peer();
        DatagramChannel far = DatagramChannel.open().bind(new InetSocketAddress(LOOPBACK, 0));
        InetSocketAddress farAddress = address(far);
        relayTo(far);
        send(feeder, "before", in);
        assertEquals("before", next(far));
        far.close(); // the far end's port closes: each send now earns an ICMP port unreachable
        int down = 3 * UringRegistration.ERRORS_TO_GIVE_UP;
        for (int i = 0; i < down; i++) {
            send(feeder, "lost" + i, in);
            Thread.sleep(1);
        }
        await("refusals counted beyond what would give a socket up",
                () -> loop.refusals() > UringRegistration.ERRORS_TO_GIVE_UP);
        assertEquals(0, loop.handlerFailures(), "refusals are not failures");
        DatagramChannel back = DatagramChannel.open().bind(farAddress); // the far end is back on its port
        closeAfter.add(back);
        send(back, "again", out);
        assertEquals("again@" + farAddress.getPort(), readByOut.poll(5, TimeUnit.SECONDS), "still read");
        send(feeder, "after", in);
        assertEquals("after", next(back), "still sent to");
    }

    @ParameterizedTest
    @EnumSource(MediaIoKind.class)
    void reconnectingMovesTheSendsAndTheReadingToTheNewPeer(MediaIoKind kind) throws Exception {
        relay(kind);
        DatagramChannel feeder = peer();
        DatagramChannel first = peer();
        DatagramChannel second = peer();
        relayTo(first);
        for (int i = 0; i < 10; i++) {
            send(feeder, "a" + i, in);
            assertEquals("a" + i, next(first));
        }
        // as a re-negotiation does: the connection moves, then the senders read the new address
        outReg.connect(address(second));
        target = address(second);
        for (int burst = 0; burst < 5; burst++) { // bursts of ten, several in flight when the move lands
            for (int i = 0; i < 10; i++) {
                send(feeder, "b" + (burst * 10 + i), in);
            }
            for (int i = 0; i < 10; i++) {
                assertEquals("b" + (burst * 10 + i), next(second), "every datagram after the move reaches the new peer");
            }
        }
        assertTrue(refusedByTheKernel(first, out), "the old peer is refused by the kernel");
        send(first, "old-peer", out);
        send(second, "new-peer", out);
        assertEquals("new-peer@" + address(second).getPort(), readByOut.poll(5, TimeUnit.SECONDS));
        assertNull(readByOut.poll(200, TimeUnit.MILLISECONDS), "the old peer is no longer read");
        assertEquals(0, loop.handlerFailures());
        assertEquals(0, sendErrors.get(), "no send lost while the connection moved");
    }

    @ParameterizedTest
    @EnumSource(MediaIoKind.class)
    void anUnconnectedSocketSendsEachDatagramWhereItsAddressSays(MediaIoKind kind) throws Exception {
        // a switch of address, or another object of the same address, reaches the right peer (decision 0048
        // tried remembering the last address by identity)
        relay(kind);
        DatagramChannel a = peer();
        DatagramChannel b = peer();
        DatagramChannel sender = peer();
        InetSocketAddress toA = address(a);
        InetSocketAddress toB = address(b);
        String[] order = {"A", "A", "B", "A", "B", "B", "A2", "A2", "B"};
        for (String to : order) {
            target = switch (to) {
                case "A" -> toA;
                case "B" -> toB;
                default -> new InetSocketAddress(toA.getAddress(), toA.getPort()); // equal to A, another object
            };
            send(sender, "to-" + to, in);
            DatagramChannel expected = to.startsWith("A") ? a : b;
            assertEquals("to-" + to, next(expected), "the datagram for " + to);
        }
        assertNull(next(a, 50), "nothing more for A");
        assertNull(next(b, 50), "nothing more for B");
        assertEquals(0, sendErrors.get());
    }

    @ParameterizedTest
    @EnumSource(value = MediaIoKind.class, names = "IO_URING") // the JDK's connected channel sends only to its peer
    void aConnectedSocketSendsToItsPeerAndToAnotherAddressInTurnEachWhereItsAddressSays(MediaIoKind kind)
            throws Exception {
        // datagrams of one length alternating between the connected peer (no address in the send) and
        // another address (with it): each goes where its address says; guards any cache of the ring's
        // send ops by slot and length (decision 0053 tried remembering the last one)
        relay(kind);
        DatagramChannel feeder = peer();
        DatagramChannel connected = peer();
        DatagramChannel other = peer();
        relayTo(connected);
        InetSocketAddress toConnected = address(connected);
        InetSocketAddress toOther = address(other);
        String[] order = {"P", "P", "Q", "P", "Q", "Q", "P", "Q"};
        for (int i = 0; i < order.length; i++) {
            target = order[i].equals("P") ? toConnected : toOther;
            send(feeder, "to-" + order[i] + i, in); // every datagram the same length
            assertEquals("to-" + order[i] + i, next(order[i].equals("P") ? connected : other), "datagram " + i);
        }
        assertNull(next(connected, 50), "nothing more for the connected peer");
        assertNull(next(other, 50), "nothing more for the other address");
        assertEquals(0, sendErrors.get());
    }
}
