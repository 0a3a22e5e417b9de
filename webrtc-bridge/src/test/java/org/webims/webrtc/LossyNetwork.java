package org.webims.webrtc;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stand-in for a lossy network between a browser and the gateway: a UDP relay on loopback (a
 * NAT of sorts: one gateway-side socket per browser address, so that each of the browser's ICE
 * candidate pairs stays a pair) that loses every {@code n}-th browser-to-gateway RTP packet of one
 * payload type. SRTP leaves the RTP header in the clear (RFC 3711 §3.1), so the payload type,
 * sequence number and SSRC of what it drops are readable; everything else (STUN, DTLS, SRTCP,
 * other payload types such as RTX) passes untouched.
 * <p>
 * The gateway-to-browser direction passes untouched too, unless {@link #limitToBrowser} makes it
 * a bottleneck: one link of a given rate that sends one packet at a time, with a drop-tail queue
 * of a given size in front of it, as a home uplink or a mobile cell is; or {@link #loseToBrowser}
 * makes it lose every n-th RTP packet of one payload type.
 */
final class LossyNetwork implements AutoCloseable {

    private final InetSocketAddress gateway;
    private final int lossyPayloadType;
    private final int everyNth;
    private final Selector selector;
    private final DatagramChannel browserSide;
    private final Map<SocketAddress, DatagramChannel> toGateway = new HashMap<>();
    private final Thread thread;
    private final AtomicLong matching = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean dropping = true;
    // the bottleneck toward the browser: the loop thread's only, but for the two volatile settings
    private volatile long limitBps; // 0: none
    private volatile int queueLimitBytes;
    private final java.util.ArrayDeque<byte[]> queue = new java.util.ArrayDeque<>();
    private final java.util.ArrayDeque<SocketAddress> queueTo = new java.util.ArrayDeque<>();
    private int queuedBytes;
    private long linkFreeNanos;
    private final AtomicLong toBrowserDropped = new AtomicLong();
    private final AtomicLong toBrowserBytes = new AtomicLong();
    private volatile int lossyToBrowserType = -1;
    private volatile int toBrowserEveryNth;
    private long toBrowserMatching; // the loop thread's
    private final AtomicLong toBrowserLost = new AtomicLong();
    /** The sequence numbers of the packets it dropped, in order. */
    final java.util.List<Integer> droppedSequence = new java.util.concurrent.CopyOnWriteArrayList<>();

    LossyNetwork(InetSocketAddress gateway, int lossyPayloadType, int everyNth) throws IOException {
        this.gateway = gateway;
        this.lossyPayloadType = lossyPayloadType;
        this.everyNth = everyNth;
        selector = Selector.open();
        browserSide = DatagramChannel.open().bind(new InetSocketAddress(gateway.getAddress(), 0));
        browserSide.configureBlocking(false).register(selector, SelectionKey.OP_READ, null);
        thread = new Thread(this::run, "lossy-network");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Puts a network between the browser and {@code endpoint}: the endpoint's {@code answer} goes to
     * the browser with its loopback candidate moved to the network's end, the browser's only way to
     * us; returns once DTLS is connected. The bed closes it.
     */
    static LossyNetwork between(BrowserBed bed, WebRtcEndpoint endpoint, String answer, int lossyPayloadType,
                                int everyNth) throws Exception {
        java.util.regex.Matcher candidate = java.util.regex.Pattern.compile("( 127\\.0\\.0\\.1 )(\\d+)( typ host)")
                .matcher(answer);
        if (!candidate.find()) {
            throw new AssertionError("no loopback candidate in " + answer);
        }
        LossyNetwork network = new LossyNetwork(new InetSocketAddress(BrowserBed.LOOPBACK,
                Integer.parseInt(candidate.group(2))), lossyPayloadType, everyNth);
        bed.closeAfter(network);
        bed.chrome().call("acceptAnswer", candidate.replaceAll("$1" + network.browserSidePort() + "$3"));
        bed.awaitEvent(org.webims.webrtc.event.DtlsConnectionStateChange.class, e -> e.element() == endpoint
                && e.state() == org.webims.webrtc.dtls.DtlsSession.State.CONNECTED);
        return network;
    }

    /** Where the browser is to send: the address its remote candidate must name. */
    int browserSidePort() throws IOException {
        return ((InetSocketAddress) browserSide.getLocalAddress()).getPort();
    }

    /** Packets of the lossy payload type this network dropped. */
    long dropped() { return dropped.get(); }

    /** Packets of the lossy payload type it saw from the browser, dropped ones included. */
    long lossyTypeSeen() { return matching.get(); }

    /** From now on nothing is lost (a network that heals): what was dropped before can still be repaired. */
    void stopDropping() { dropping = false; }

    /**
     * From now on the gateway's packets reach the browser at {@code bitsPerSecond} at most
     * (counting UDP payloads), through a queue of {@code queueBytes}: what does not fit is dropped.
     * 0 lifts the limit (the queue still drains at the last rate).
     */
    void limitToBrowser(long bitsPerSecond, int queueBytes) {
        queueLimitBytes = queueBytes;
        limitBps = bitsPerSecond;
    }

    /**
     * From now on every {@code everyNth} gateway RTP packet of {@code payloadType} is lost on the
     * way to the browser (isolated losses, as a wireless link's); 0 stops it.
     */
    void loseToBrowser(int payloadType, int everyNth) {
        toBrowserEveryNth = everyNth;
        lossyToBrowserType = everyNth > 0 ? payloadType : -1;
    }

    /** Gateway packets {@link #loseToBrowser} lost. */
    long lostToBrowser() { return toBrowserLost.get(); }

    /** Gateway packets the bottleneck's full queue dropped. */
    long droppedToBrowser() { return toBrowserDropped.get(); }

    /** UDP payload bytes passed to the browser. */
    long bytesToBrowser() { return toBrowserBytes.get(); }

    private void run() {
        ByteBuffer buf = ByteBuffer.allocate(2048);
        try {
            while (selector.isOpen()) {
                drainQueue();
                long waitNanos = queue.isEmpty() ? 200_000_000L : linkFreeNanos - System.nanoTime();
                if (waitNanos > 0) {
                    selector.select(Math.max(1, waitNanos / 1_000_000));
                } else {
                    selector.selectNow();
                }
                if (!selector.isOpen()) {
                    return;
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    DatagramChannel from = (DatagramChannel) key.channel();
                    SocketAddress browser = (SocketAddress) key.attachment();
                    SocketAddress source;
                    while ((source = from.receive(buf.clear())) != null) {
                        buf.flip();
                        if (browser == null) {
                            fromBrowser(source, buf);
                        } else {
                            toBrowser(buf, browser); // the gateway's answer, back to the address it answers
                        }
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException | java.nio.channels.ClosedSelectorException e) {
            // closed
        }
    }

    private void toBrowser(ByteBuffer packet, SocketAddress browser) throws IOException {
        int lossyType = lossyToBrowserType;
        if (lossyType >= 0 && isRtp(packet, lossyType) && ++toBrowserMatching % toBrowserEveryNth == 0) {
            toBrowserLost.incrementAndGet();
            return;
        }
        long rate = limitBps;
        if (rate <= 0 && queue.isEmpty()) {
            toBrowserBytes.addAndGet(packet.remaining());
            browserSide.send(packet, browser);
            return;
        }
        if (queuedBytes + packet.remaining() > queueLimitBytes) {
            toBrowserDropped.incrementAndGet();
            return;
        }
        byte[] copy = new byte[packet.remaining()];
        packet.get(copy);
        queue.add(copy);
        queueTo.add(browser);
        queuedBytes += copy.length;
        if (queue.size() == 1) {
            linkFreeNanos = Math.max(linkFreeNanos, System.nanoTime());
        }
    }

    /** Sends what the link has had time for: each packet takes its size at the rate. */
    private void drainQueue() throws IOException {
        long now = System.nanoTime();
        while (!queue.isEmpty() && linkFreeNanos <= now) {
            byte[] p = queue.poll();
            SocketAddress to = queueTo.poll();
            queuedBytes -= p.length;
            long rate = limitBps;
            linkFreeNanos += rate > 0 ? p.length * 8L * 1_000_000_000L / rate : 0;
            toBrowserBytes.addAndGet(p.length);
            browserSide.send(ByteBuffer.wrap(p), to);
        }
    }

    private void fromBrowser(SocketAddress browser, ByteBuffer packet) throws IOException {
        if (isLossyRtp(packet) && matching.incrementAndGet() % everyNth == 0 && dropping) {
            dropped.incrementAndGet();
            droppedSequence.add(packet.getShort(2) & 0xffff);
            return;
        }
        DatagramChannel out = toGateway.get(browser);
        if (out == null) {
            out = DatagramChannel.open().bind(new InetSocketAddress(gateway.getAddress(), 0));
            out.configureBlocking(false).register(selector, SelectionKey.OP_READ, browser);
            toGateway.put(browser, out);
        }
        out.send(packet, gateway);
    }

    // RFC 7983 §7: 128..191 is RTP or RTCP; RTCP's packet types 192..223 (RFC 5761 §4) are not payload types here
    private boolean isLossyRtp(ByteBuffer p) {
        return isRtp(p, lossyPayloadType);
    }

    private static boolean isRtp(ByteBuffer p, int payloadType) {
        if (p.remaining() < 12) {
            return false;
        }
        int first = p.get(0) & 0xff;
        int second = p.get(1) & 0xff;
        return first >= 128 && first <= 191 && (second < 192 || second > 223) && (second & 0x7f) == payloadType;
    }

    @Override
    public void close() throws Exception {
        selector.close();
        thread.join(2000);
        browserSide.close();
        for (DatagramChannel c : toGateway.values()) {
            c.close();
        }
    }
}
