package org.webims.media.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MediaIoLoopTest {

    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    final List<AutoCloseable> closeAfter = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : closeAfter) {
            c.close();
        }
    }

    /** A loop of that kind; io_uring tests are skipped where the kernel or Netty's native library lacks it. */
    MediaIoLoop loop(MediaIoKind kind, int threads) throws IOException {
        assumeTrue(kind != MediaIoKind.IO_URING || io.netty.channel.uring.IoUring.isAvailable(), "io_uring unavailable here");
        MediaIoLoop loop = new MediaIoLoop(threads, "test-io", MediaIoLoop.DEFAULT_GATHER_NANOS, kind);
        closeAfter.add(loop);
        return loop;
    }

    static int freeRangeStart() throws IOException {
        try (DatagramChannel probe = DatagramChannel.open()) {
            probe.bind(new InetSocketAddress(LOOPBACK, 0));
            int p = ((InetSocketAddress) probe.getLocalAddress()).getPort();
            return Math.min(p & ~1, 65000);
        }
    }

    @Test
    void allocatesEvenPortsInsideTheRangeRoundRobin() throws Exception {
        int start = freeRangeStart();
        UdpPortAllocator ports = new UdpPortAllocator(LOOPBACK, new PortRange(start, start + 9), 65536);
        List<Integer> got = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            DatagramChannel ch = ports.allocateEven();
            closeAfter.add(ch);
            got.add(((InetSocketAddress) ch.getLocalAddress()).getPort());
        }
        for (int p : got) {
            assertEquals(0, p % 2, "RTP port must be even: " + p);
            assertTrue(p >= start && p <= start + 9);
        }
        assertEquals(3, got.stream().distinct().count());
    }

    @Test
    void reportsExhaustedRange() throws Exception {
        int start = freeRangeStart();
        UdpPortAllocator ports = new UdpPortAllocator(LOOPBACK, new PortRange(start, start + 3), 65536);
        closeAfter.add(ports.allocateEven());
        closeAfter.add(ports.allocateEven());
        IOException e = assertThrows(IOException.class, ports::allocateEven);
        assertTrue(e.getMessage().contains("no free UDP port"), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(MediaIoKind.class)
    void deliversDatagramsInOrderWithSenderAddress(MediaIoKind kind) throws Exception {
        MediaIoLoop loop = loop(kind, 2);
        DatagramChannel rx = DatagramChannel.open().bind(new InetSocketAddress(LOOPBACK, 0));
        rx.configureBlocking(false);
        BlockingQueue<String> got = new LinkedBlockingQueue<>();
        MediaIoLoop.Registration reg = loop.register(rx, (buf, off, len, from) ->
                got.add(new String(buf, off, len) + "@" + from.getPort()));
        closeAfter.add(reg);
        try (DatagramChannel tx = DatagramChannel.open().bind(new InetSocketAddress(LOOPBACK, 0))) {
            int txPort = ((InetSocketAddress) tx.getLocalAddress()).getPort();
            Thread.sleep(50); // let the I/O thread attach the channel
            for (int i = 0; i < 100; i++) {
                tx.send(ByteBuffer.wrap(("p" + i).getBytes()), rx.getLocalAddress());
            }
            for (int i = 0; i < 100; i++) {
                assertEquals("p" + i + "@" + txPort, got.poll(5, TimeUnit.SECONDS));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(MediaIoKind.class)
    void handlerFailureIsCountedAndTheLoopCarriesOn(MediaIoKind kind) throws Exception {
        MediaIoLoop loop = loop(kind, 1);
        DatagramChannel rx = DatagramChannel.open().bind(new InetSocketAddress(LOOPBACK, 0));
        rx.configureBlocking(false);
        BlockingQueue<String> got = new LinkedBlockingQueue<>();
        closeAfter.add(loop.register(rx, (buf, off, len, from) -> {
            String s = new String(buf, off, len);
            if (s.equals("bad")) {
                throw new IllegalStateException("handler bug");
            }
            got.add(s);
        }));
        try (DatagramChannel tx = DatagramChannel.open()) {
            Thread.sleep(50);
            tx.send(ByteBuffer.wrap("bad".getBytes()), rx.getLocalAddress());
            tx.send(ByteBuffer.wrap("good".getBytes()), rx.getLocalAddress());
            assertEquals("good", got.poll(5, TimeUnit.SECONDS));
            assertEquals(1, loop.handlerFailures());
        }
    }

    /** A task handed to a registration runs on the thread that reads its channel (decision 0067's timer). */
    @ParameterizedTest
    @EnumSource(MediaIoKind.class)
    void aTaskRunsOnTheThreadThatReadsTheChannel(MediaIoKind kind) throws Exception {
        MediaIoLoop loop = loop(kind, 2);
        DatagramChannel rx = DatagramChannel.open().bind(new InetSocketAddress(LOOPBACK, 0));
        rx.configureBlocking(false);
        closeAfter.add(rx);
        BlockingQueue<Thread> threads = new LinkedBlockingQueue<>();
        MediaIoLoop.Registration reg = loop.register(rx, (buf, off, len, from) -> threads.add(Thread.currentThread()));
        try (DatagramChannel tx = DatagramChannel.open()) {
            tx.send(ByteBuffer.wrap(new byte[] {1}), rx.getLocalAddress());
        }
        Thread reader = threads.poll(5, TimeUnit.SECONDS);
        assertNotNull(reader, "the datagram was read");
        reg.execute(() -> threads.add(Thread.currentThread()));
        assertEquals(reader, threads.poll(5, TimeUnit.SECONDS));
        reg.close();
    }

    @ParameterizedTest
    @EnumSource(MediaIoKind.class)
    void closingRegistrationFreesThePort(MediaIoKind kind) throws Exception {
        MediaIoLoop loop = loop(kind, 1);
        DatagramChannel rx = DatagramChannel.open().bind(new InetSocketAddress(LOOPBACK, 0));
        rx.configureBlocking(false);
        InetSocketAddress bound = (InetSocketAddress) rx.getLocalAddress();
        MediaIoLoop.Registration reg = loop.register(rx, (buf, off, len, from) -> { });
        Thread.sleep(50);
        assertEquals(1, loop.registrations());
        reg.close();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (loop.registrations() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(0, loop.registrations());
        try (DatagramChannel again = DatagramChannel.open()) {
            again.bind(bound); // would throw BindException if the port leaked
        }
    }

    /**
     * A loop closed right after it starts, with a channel just registered: the selector thread may
     * not have had its first turn, and a registration it never attached was never closed (its port
     * held for the JVM's life). Each round checks the channel is closed and its port binds again.
     */
    @ParameterizedTest
    @EnumSource(MediaIoKind.class)
    void aLoopClosedRightAfterARegistrationClosesThatChannel(MediaIoKind kind) throws Exception {
        assumeTrue(kind != MediaIoKind.IO_URING || io.netty.channel.uring.IoUring.isAvailable(), "io_uring unavailable here");
        for (int round = 0; round < 100; round++) {
            MediaIoLoop loop = new MediaIoLoop(1, "test-io-early", MediaIoLoop.DEFAULT_GATHER_NANOS, kind);
            DatagramChannel rx = DatagramChannel.open().bind(new InetSocketAddress(LOOPBACK, 0));
            rx.configureBlocking(false);
            InetSocketAddress bound = (InetSocketAddress) rx.getLocalAddress();
            loop.register(rx, (buf, off, len, from) -> { });
            loop.close();
            assertTrue(!rx.isOpen(), "round " + round + ": the loop's close closed the channel");
            try (DatagramChannel again = DatagramChannel.open()) {
                again.bind(bound); // BindException if the port is still held
            }
        }
    }

    /** A registration made after the loop closed is closed at once: no thread is left to read it. */
    @ParameterizedTest
    @EnumSource(MediaIoKind.class)
    void aChannelRegisteredWithAClosedLoopIsClosed(MediaIoKind kind) throws Exception {
        MediaIoLoop loop = loop(kind, 1);
        loop.close();
        DatagramChannel rx = DatagramChannel.open().bind(new InetSocketAddress(LOOPBACK, 0));
        rx.configureBlocking(false);
        try {
            loop.register(rx, (buf, off, len, from) -> { });
        } catch (RuntimeException refused) {
            // refusing is an answer too, as long as the channel is not left open
        }
        assertTrue(!rx.isOpen(), "the channel was closed");
    }

    @ParameterizedTest
    @EnumSource(MediaIoKind.class)
    void channelsRegisteredForOneGroupAreReadByOneThread(MediaIoKind kind) throws Exception {
        MediaIoLoop loop = loop(kind, 4);
        Object[] groups = {new Object(), new Object(), new Object()};
        List<DatagramChannel> channels = new ArrayList<>();
        List<java.util.Map<Integer, Thread>> readers = new ArrayList<>();
        java.util.concurrent.CountDownLatch all = new java.util.concurrent.CountDownLatch(groups.length * 3);
        for (int g = 0; g < groups.length; g++) {
            java.util.Map<Integer, Thread> seen = new java.util.concurrent.ConcurrentHashMap<>();
            readers.add(seen);
            for (int c = 0; c < 3; c++) {
                DatagramChannel rx = DatagramChannel.open().bind(new InetSocketAddress(LOOPBACK, 0));
                rx.configureBlocking(false);
                channels.add(rx);
                int index = c;
                closeAfter.add(loop.register(rx, (buf, off, len, from) -> {
                    seen.put(index, Thread.currentThread());
                    all.countDown();
                }, groups[g]));
            }
        }
        try (DatagramChannel tx = DatagramChannel.open().bind(new InetSocketAddress(LOOPBACK, 0))) {
            Thread.sleep(50); // let the I/O threads attach the channels
            for (DatagramChannel rx : channels) {
                tx.send(ByteBuffer.wrap("x".getBytes()), rx.getLocalAddress());
            }
            assertTrue(all.await(5, TimeUnit.SECONDS), "every channel read once");
        }
        for (java.util.Map<Integer, Thread> seen : readers) {
            assertEquals(1, new java.util.HashSet<>(seen.values()).size(), "one group, one thread: " + seen);
        }
    }

    /** io_uring: the receive buffers come back to the kernel in runs; a pool's worth three times over still all arrives. */
    @ParameterizedTest
    @EnumSource(MediaIoKind.class)
    void moreDatagramsThanTheReceiveBufferPoolHoldsAreAllDeliveredInOrder(MediaIoKind kind) throws Exception {
        MediaIoLoop loop = loop(kind, 1);
        DatagramChannel rx = DatagramChannel.open();
        rx.setOption(java.net.StandardSocketOptions.SO_RCVBUF, 1 << 20);
        rx.bind(new InetSocketAddress(LOOPBACK, 0));
        rx.configureBlocking(false);
        BlockingQueue<String> got = new LinkedBlockingQueue<>();
        closeAfter.add(loop.register(rx, (buf, off, len, from) -> got.add(new String(buf, off, len))));
        int total = 3 * ProvidedBuffers.COUNT + ProvidedBuffers.RUN / 2; // ends inside a run
        try (DatagramChannel tx = DatagramChannel.open().bind(new InetSocketAddress(LOOPBACK, 0))) {
            Thread.sleep(50); // let the I/O thread attach the channel
            for (int sent = 0; sent < total; ) {
                int burst = Math.min(200, total - sent);
                for (int i = 0; i < burst; i++) {
                    tx.send(ByteBuffer.wrap(("p" + (sent + i)).getBytes()), rx.getLocalAddress());
                }
                for (int i = 0; i < burst; i++) {
                    assertEquals("p" + (sent + i), got.poll(5, TimeUnit.SECONDS));
                }
                sent += burst;
            }
        }
        assertEquals(0, loop.handlerFailures());
    }

    @ParameterizedTest
    @EnumSource(MediaIoKind.class)
    void aQueueLongerThanTheBurstIsReadInOrderWhileAnotherChannelIsServed(MediaIoKind kind) throws Exception {
        DatagramChannel flooded = DatagramChannel.open();
        flooded.setOption(java.net.StandardSocketOptions.SO_RCVBUF, 1 << 20); // room for the whole queue
        flooded.bind(new InetSocketAddress(LOOPBACK, 0));
        flooded.configureBlocking(false);
        DatagramChannel quiet = DatagramChannel.open().bind(new InetSocketAddress(LOOPBACK, 0));
        quiet.configureBlocking(false);
        int queued = 4 * MediaIoLoop.BURST;
        List<String> floodGot = new java.util.concurrent.CopyOnWriteArrayList<>();
        BlockingQueue<Integer> floodSeenByQuiet = new LinkedBlockingQueue<>();
        BlockingQueue<String> attached = new LinkedBlockingQueue<>();
        java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        MediaIoLoop loop = loop(kind, 1);
        closeAfter.add(loop.register(flooded, (buf, off, len, from) -> {
            String text = new String(buf, off, len);
            if (text.equals("probe")) {
                attached.add("flooded");
            } else if (text.equals("gate")) {
                held.countDown();
                awaitQuietly(release); // the I/O thread is held while both queues fill
            } else {
                floodGot.add(text);
            }
        }));
        closeAfter.add(loop.register(quiet, (buf, off, len, from) -> {
            if (new String(buf, off, len).equals("probe")) {
                attached.add("quiet");
            } else {
                floodSeenByQuiet.add(floodGot.size());
            }
        }));
        try (DatagramChannel tx = DatagramChannel.open()) {
            // both channels read before the flood (registration completes on the I/O thread, later)
            tx.send(ByteBuffer.wrap("probe".getBytes()), flooded.getLocalAddress());
            tx.send(ByteBuffer.wrap("probe".getBytes()), quiet.getLocalAddress());
            assertNotNull(attached.poll(5, TimeUnit.SECONDS));
            assertNotNull(attached.poll(5, TimeUnit.SECONDS));
            tx.send(ByteBuffer.wrap("gate".getBytes()), flooded.getLocalAddress());
            assertTrue(held.await(5, TimeUnit.SECONDS), "the gate datagram holds the I/O thread");
            for (int i = 0; i < queued; i++) {
                tx.send(ByteBuffer.wrap(("p" + i).getBytes()), flooded.getLocalAddress());
            }
            tx.send(ByteBuffer.wrap("hello".getBytes()), quiet.getLocalAddress());
        }
        release.countDown();

        int floodBefore = floodSeenByQuiet.poll(5, TimeUnit.SECONDS);
        assertTrue(floodBefore < queued, "the quiet channel waited for the whole flood: " + floodBefore);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (floodGot.size() < queued && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(queued, floodGot.size());
        for (int i = 0; i < queued; i++) {
            assertEquals("p" + i, floodGot.get(i));
        }
    }

    @ParameterizedTest
    @EnumSource(MediaIoKind.class)
    void datagramsArrivingOneAtATimeAreMostlyReadWithoutAnEmptyReceive(MediaIoKind kind) throws Exception {
        MediaIoLoop loop = loop(kind, 1);
        DatagramChannel rx = DatagramChannel.open().bind(new InetSocketAddress(LOOPBACK, 0));
        rx.configureBlocking(false);
        BlockingQueue<String> got = new LinkedBlockingQueue<>();
        closeAfter.add(loop.register(rx, (buf, off, len, from) -> got.add(new String(buf, off, len))));
        int sent = 50;
        try (DatagramChannel tx = DatagramChannel.open()) {
            for (int i = 0; i < sent; i++) {
                tx.send(ByteBuffer.wrap(("p" + i).getBytes()), rx.getLocalAddress());
                assertEquals("p" + i, got.poll(5, TimeUnit.SECONDS)); // one audio packet per wake-up, as a call sends
            }
        }
        assertEquals(sent, loop.datagrams());
        // reading until the socket is empty would cost one empty receive per datagram here
        assertTrue(loop.emptyReads() <= sent / MediaIoLoop.FULL_READS_TO_GROW,
                loop.emptyReads() + " empty receives for " + sent + " datagrams");
    }

    @Test
    void refusesAGatherTimeOutsideZeroToTenMilliseconds() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MediaIoLoop(1, "test-io", 20_000_000));
        assertTrue(e.getMessage().contains("gather time must be 0..10 ms"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new MediaIoLoop(1, "test-io", -1));
    }

    @Test
    void aLoopThatGathersBetweenLightRoundsDeliversEveryChannelsDatagramsInOrder() throws Exception {
        // the longest nap: every light round naps (the selector's gathering, decision 0017)
        MediaIoLoop loop = new MediaIoLoop(1, "test-io", 10_000_000, MediaIoKind.SELECTOR);
        closeAfter.add(loop);
        int channels = 10;
        int perChannel = 20;
        List<DatagramChannel> rxs = new ArrayList<>();
        List<BlockingQueue<String>> got = new ArrayList<>();
        for (int c = 0; c < channels; c++) {
            DatagramChannel rx = DatagramChannel.open().bind(new InetSocketAddress(LOOPBACK, 0));
            rx.configureBlocking(false);
            BlockingQueue<String> q = new LinkedBlockingQueue<>();
            closeAfter.add(loop.register(rx, (buf, off, len, from) -> q.add(new String(buf, off, len))));
            rxs.add(rx);
            got.add(q);
        }
        try (DatagramChannel tx = DatagramChannel.open()) {
            for (int i = 0; i < perChannel; i++) {
                for (DatagramChannel rx : rxs) {
                    tx.send(ByteBuffer.wrap(("p" + i).getBytes()), rx.getLocalAddress());
                }
            }
        }
        for (BlockingQueue<String> q : got) {
            for (int i = 0; i < perChannel; i++) {
                assertEquals("p" + i, q.poll(5, TimeUnit.SECONDS));
            }
        }
        assertEquals((long) channels * perChannel, loop.datagrams());
        assertTrue(loop.rounds() >= 1 && loop.rounds() <= loop.datagrams(), "rounds " + loop.rounds());
    }

    @Test
    void sendsOnTheIoThreadGoThroughTheRingAndSendsFromElsewhereStraightOut() throws Exception {
        MediaIoLoop loop = loop(MediaIoKind.IO_URING, 1);
        DatagramChannel rx = DatagramChannel.open().bind(new InetSocketAddress(LOOPBACK, 0));
        rx.configureBlocking(false);
        MediaIoLoop.Registration[] reg = new MediaIoLoop.Registration[1];
        ByteBuffer echo = ByteBuffer.allocate(MediaIoLoop.MAX_DATAGRAM);
        reg[0] = loop.register(rx, (buf, off, len, from) -> {
            echo.clear();
            echo.put(buf, off, len).put((byte) '!').flip();
            try {
                reg[0].send(echo, from); // on the I/O thread: queued in the ring, the buffer free at once
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        closeAfter.add(reg[0]);
        int sent = UringRegistration.SEND_SLOTS; // all may arrive in one pass: each needs a slot to stay in order
        try (java.net.DatagramSocket tx = new java.net.DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            tx.setSoTimeout(5000);
            for (int i = 0; i < sent; i++) {
                byte[] p = ("p" + i).getBytes();
                tx.send(new java.net.DatagramPacket(p, p.length, rx.getLocalAddress()));
            }
            java.net.DatagramPacket in = new java.net.DatagramPacket(new byte[100], 100);
            for (int i = 0; i < sent; i++) {
                tx.receive(in);
                assertEquals("p" + i + "!", new String(in.getData(), 0, in.getLength()));
            }
            assertEquals(sent, loop.batchedSends());
            // from this thread, not the loop's: a plain send, at once
            assertTrue(reg[0].send(ByteBuffer.wrap("direct".getBytes()), (InetSocketAddress) tx.getLocalSocketAddress()) > 0);
            tx.receive(in);
            assertEquals("direct", new String(in.getData(), 0, in.getLength()));
            assertEquals(sent, loop.batchedSends());
        }
        assertEquals(0, loop.handlerFailures());
    }

    @ParameterizedTest
    @EnumSource(MediaIoKind.class)
    void arraySendsOfChangingLengthsArriveWholeAndOnTheRingSkipTheStagingBuffer(MediaIoKind kind) throws Exception {
        MediaIoLoop loop = loop(kind, 1);
        DatagramChannel rx = DatagramChannel.open().bind(new InetSocketAddress(LOOPBACK, 0));
        rx.configureBlocking(false);
        MediaIoLoop.Registration[] reg = new MediaIoLoop.Registration[1];
        byte[] echo = new byte[MediaIoLoop.MAX_DATAGRAM];
        ByteBuffer staging = ByteBuffer.allocateDirect(MediaIoLoop.MAX_DATAGRAM);
        reg[0] = loop.register(rx, (buf, off, len, from) -> {
            // the reply from the middle of an array, one byte longer than the request: lengths change per packet
            System.arraycopy(buf, off, echo, 7, len);
            echo[7 + len] = '!';
            try {
                reg[0].send(echo, 7, len + 1, staging, from);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        closeAfter.add(reg[0]);
        // longer than an audio-sized datagram: by sendmsg on the ring, the others by IORING_OP_SEND
        String video = "v".repeat(UringRegistration.SEND_OP_MAX_LENGTH + 300);
        String[] requests = {"a", "bb", "bb", "ccc", video, "a", "dddddddddd", "dddddddddd", video, "e"};
        try (java.net.DatagramSocket tx = new java.net.DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            tx.setSoTimeout(5000);
            java.net.DatagramPacket in = new java.net.DatagramPacket(new byte[2000], 2000);
            for (String r : requests) { // one at a time: a slot is sent from with one length, then another
                tx.send(new java.net.DatagramPacket(r.getBytes(), r.length(), rx.getLocalAddress()));
                tx.receive(in);
                assertEquals(r + "!", new String(in.getData(), 0, in.getLength()));
            }
        }
        if (kind == MediaIoKind.IO_URING) {
            assertEquals(requests.length, loop.batchedSends());
            assertEquals(0, staging.position(), "the ring took the bytes from the array, not through the staging buffer");
        }
        assertEquals(0, loop.handlerFailures());
    }

    @Test
    void aWorkerThatSendsBySendmsgDeliversTheSameDatagrams() throws Exception {
        assumeTrue(io.netty.channel.uring.IoUring.isAvailable(), "io_uring unavailable here");
        UringWorker worker = new UringWorker("test-io", 0);
        closeAfter.add(worker::close);
        worker.sendWithAddress = false; // as after a kernel before 6.1 refused IORING_OP_SEND with an address
        DatagramChannel rx = DatagramChannel.open().bind(new InetSocketAddress(LOOPBACK, 0));
        rx.configureBlocking(false);
        MediaIoLoop.Registration[] reg = new MediaIoLoop.Registration[1];
        byte[] echo = new byte[MediaIoLoop.MAX_DATAGRAM];
        ByteBuffer staging = ByteBuffer.allocateDirect(MediaIoLoop.MAX_DATAGRAM);
        reg[0] = worker.register(rx, (buf, off, len, from) -> {
            System.arraycopy(buf, off, echo, 0, len);
            echo[len] = '!';
            try {
                reg[0].send(echo, 0, len + 1, staging, from);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        closeAfter.add(reg[0]);
        try (java.net.DatagramSocket tx = new java.net.DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            tx.setSoTimeout(5000);
            java.net.DatagramPacket in = new java.net.DatagramPacket(new byte[100], 100);
            for (String r : new String[] {"one", "three", "x"}) {
                tx.send(new java.net.DatagramPacket(r.getBytes(), r.length(), rx.getLocalAddress()));
                tx.receive(in);
                assertEquals(r + "!", new String(in.getData(), 0, in.getLength()));
            }
        }
        assertEquals(3, worker.batchedSends());
        assertEquals(0, worker.handlerFailures());
    }

    @Test
    void anUnknownMediaIoSettingIsRefusedNamingTheProperty() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MediaIoKind.decide("epoll"));
        assertTrue(e.getMessage().contains("webims.media.io must be auto, nio or io_uring, was 'epoll'"), e.getMessage());
    }

    private static void awaitQuietly(java.util.concurrent.CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
