package org.webims.media.transcode;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.webims.media.endpoint.rtp.RtpEndpoint;
import org.webims.media.endpoint.rtp.RtpEndpointContext;
import org.webims.media.endpoint.rtp.RtpEndpointSettings;
import org.webims.media.node.MediaNode;
import org.webims.media.pipeline.MediaPipeline;
import org.webims.media.rtp.RtcpCompound;
import org.webims.media.rtp.RtcpPacketType;
import org.webims.media.rtp.RtpHeaderWriter;
import org.webims.media.rtp.RtpPacket;
import org.webims.media.sdp.SdpParser;

/**
 * The transcode benches' load: N calls through a media node, each a pipeline with two gateway
 * RtpEndpoints connected both ways (side A and side B), and per call two far-end UDP sockets that
 * negotiated with them by SDP offer/answer (RTP/AVP(F), rtcp-mux, symmetric RTP). A generator
 * thread sends pre-encoded media to every call's two sides in real time, starting a video stream
 * over at its key frame when the gateway asks for one (PLI/FIR), as a real sender's encoder
 * would; a receiver thread counts what comes back (RTP packets, and frames by their marker bit),
 * RTCP apart.
 */
final class LoopbackCalls implements AutoCloseable {

    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final com.sun.management.ThreadMXBean ALLOCATION = (com.sun.management.ThreadMXBean) THREADS;

    /**
     * One side of every call: what the gateway endpoint accepts, the far end's SDP media line, and
     * what the far end sends: frames of RTP payloads (looped), one frame every {@code periodNanos}.
     */
    record Side(RtpEndpointSettings settings, String media, String proto, int payloadType, String rtpmap,
                List<String> attributes, List<List<byte[]>> frames, long timestampStep) {

        String offer(int port) {
            StringBuilder b = new StringBuilder("v=0\r\no=load 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n");
            b.append("m=").append(media).append(' ').append(port).append(' ').append(proto).append(' ')
                    .append(payloadType).append("\r\na=rtpmap:").append(payloadType).append(' ').append(rtpmap)
                    .append("\r\na=rtcp-mux\r\n");
            for (String a : attributes) {
                b.append("a=").append(a).append("\r\n");
            }
            return b.toString();
        }
    }

    /** Counters of one side: RTP packets sent and back, frames sent and back (marker bits), bad packets. */
    static final class Counts {
        final AtomicLong packetsSent = new AtomicLong();
        final AtomicLong framesSent = new AtomicLong();
        /** Frames sent that were the stream's first (its key frame in the pre-encoded video streams). */
        final AtomicLong firstFramesSent = new AtomicLong();
        final AtomicLong packetsBack = new AtomicLong();
        final AtomicLong framesBack = new AtomicLong();
        final AtomicLong rtcpBack = new AtomicLong();
        final AtomicLong bad = new AtomicLong();
        /** Per call: frames sent, frames back. */
        private final java.util.concurrent.ConcurrentHashMap<Integer, AtomicLong[]> perCall =
                new java.util.concurrent.ConcurrentHashMap<>();

        private AtomicLong[] call(int call) {
            return perCall.computeIfAbsent(call, c -> new AtomicLong[] {new AtomicLong(), new AtomicLong()});
        }

        void sent(int call) {
            framesSent.incrementAndGet();
            call(call)[0].incrementAndGet();
        }

        /**
         * A frame back on {@code call}, sent by the other side's far end: counted up to the frames
         * that one sent on it, since after the load stops a DTX encoder's hangover (7 speech frames
         * of the silence it is fed, decision 0019) is not a frame that came back.
         */
        void back(int call, Counts sender) {
            if (call(call)[1].incrementAndGet() <= sender.call(call)[0].get()) {
                framesBack.incrementAndGet();
            }
        }
    }

    final Side a;
    final Side b;
    final Counts countsA = new Counts();
    final Counts countsB = new Counts();
    private final List<MediaPipeline> pipelines = new ArrayList<>();
    private final List<DatagramChannel[]> peers = new ArrayList<>();
    private final Selector selector;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicBoolean sending = new AtomicBoolean(true);
    private AtomicIntegerArray keyframeWantedA;
    private AtomicIntegerArray keyframeWantedB;
    private final long periodNanos;
    private Thread generator;
    private Thread receiver;

    private LoopbackCalls(Side a, Side b, long periodNanos) throws IOException {
        this.a = a;
        this.b = b;
        this.periodNanos = periodNanos;
        this.selector = Selector.open();
    }

    /** Sets up {@code calls} calls (negotiated, not yet sending). */
    static LoopbackCalls open(MediaNode node, Side a, Side b, int calls, long periodNanos) throws Exception {
        LoopbackCalls load = new LoopbackCalls(a, b, periodNanos);
        try {
            RtpEndpointContext context = RtpEndpointContext.of(node);
            SdpParser parser = new SdpParser();
            for (int c = 0; c < calls; c++) {
                MediaPipeline pipeline = node.engine().createPipeline();
                load.pipelines.add(pipeline);
                RtpEndpoint endpointA = new RtpEndpoint(pipeline, context, a.settings());
                RtpEndpoint endpointB = new RtpEndpoint(pipeline, context, b.settings());
                endpointA.connect(endpointB);
                endpointB.connect(endpointA);
                DatagramChannel peerA = load.peer(parser, endpointA, a, new PeerKey(true, c));
                DatagramChannel peerB = load.peer(parser, endpointB, b, new PeerKey(false, c));
                load.peers.add(new DatagramChannel[] {peerA, peerB});
            }
        } catch (Exception | Error e) {
            load.close();
            throw e;
        }
        return load;
    }

    /** Which far end a socket is: side A or B of call {@code call}. */
    private record PeerKey(boolean isA, int call) { }

    private DatagramChannel peer(SdpParser parser, RtpEndpoint endpoint, Side side, PeerKey key) throws Exception {
        DatagramChannel ch = DatagramChannel.open();
        ch.bind(new InetSocketAddress(LOOPBACK, 0));
        ch.setOption(java.net.StandardSocketOptions.SO_RCVBUF, 1 << 20);
        String answer = endpoint.processOffer(side.offer(((InetSocketAddress) ch.getLocalAddress()).getPort()));
        ch.connect(new InetSocketAddress(LOOPBACK, parser.parse(answer).media().get(0).port()));
        ch.configureBlocking(false);
        ch.register(selector, SelectionKey.OP_READ, key);
        return ch;
    }

    int calls() {
        return peers.size();
    }

    /** Starts the generator and the receiver. */
    void start() {
        keyframeWantedA = new AtomicIntegerArray(peers.size());
        keyframeWantedB = new AtomicIntegerArray(peers.size());
        receiver = new Thread(this::receive, "bench-peer-rx");
        receiver.start();
        generator = new Thread(this::generate, "bench-generator");
        generator.start();
    }

    /** CPU time so far of the gateway side: the media I/O threads, the transcode workers, the engine scheduler. */
    static long gatewayCpuNanos() {
        long[] g = gatewayCpuNanosByGroup();
        return g[0] + g[1] + g[2];
    }

    /**
     * The same, by group: I/O threads, transcode workers, engine scheduler; and, last, the bytes
     * those threads allocated (their GC cost is not in the figure, so it must stay near zero).
     * The load generator's and receiver's threads are not counted, nor JIT and GC threads (the
     * bare loop counts only its own thread too). On loopback a sender's system time includes
     * the kernel's delivery to the receiving socket: ours pays for the far ends' receive and the
     * generator pays for ours, about even, as each side sends as many packets as it receives.
     */
    static long[] gatewayCpuNanosByGroup() {
        long[] sum = new long[4];
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            String n = t.getName();
            int group = n.startsWith("media-io") ? 0 : n.startsWith("transcode-") ? 1 : n.equals("media-scheduler") ? 2 : -1;
            if (group >= 0) {
                sum[group] += Math.max(0, THREADS.getThreadCpuTime(t.getId()));
                sum[3] += Math.max(0, ALLOCATION.getThreadAllocatedBytes(t.getId()));
            }
        }
        return sum;
    }

    private void generate() {
        RtpHeaderWriter header = new RtpHeaderWriter();
        ByteBuffer buf = ByteBuffer.allocate(1500);
        int[] seqA = new int[peers.size()];
        int[] seqB = new int[peers.size()];
        // the frame of its stream each far end sends next: only a frame sent moves it on, so after a
        // pause a far end goes on where it stopped, as a paused encoder does, and the gateway's
        // decoders get the same unbroken stream the bare loop decodes (decision 0051)
        int[] nextA = new int[peers.size()];
        int[] nextB = new int[peers.size()];
        long start = System.nanoTime();
        for (int i = 0; running.get(); i++) {
            long due = start + i * periodNanos;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            if (!sending.get()) {
                continue; // paused: the clock runs on, so the far ends resume as after a DTX pause (same sequence, later timestamps)
            }
            for (int c = 0; c < peers.size(); c++) {
                try {
                    // a key frame request starts the sender's stream over at its key frame, as an encoder would make one
                    if (keyframeWantedA.getAndSet(c, 0) != 0) {
                        nextA[c] = 0;
                    }
                    if (keyframeWantedB.getAndSet(c, 0) != 0) {
                        nextB[c] = 0;
                    }
                    seqA[c] = sendFrame(header, buf, peers.get(c)[0], a, i, nextA[c]++, seqA[c], 0x1000 + c, countsA, c);
                    seqB[c] = sendFrame(header, buf, peers.get(c)[1], b, i, nextB[c]++, seqB[c], 0x2000 + c, countsB, c);
                } catch (IOException e) {
                    return; // closing
                }
            }
        }
    }

    private static int sendFrame(RtpHeaderWriter header, ByteBuffer buf, DatagramChannel ch, Side side, int i,
                                 int content, int seq, int ssrc, Counts counts, int call) throws IOException {
        List<byte[]> frame = side.frames().get(content % side.frames().size());
        if (content % side.frames().size() == 0) {
            counts.firstFramesSent.incrementAndGet();
        }
        for (int k = 0; k < frame.size(); k++) {
            byte[] p = frame.get(k);
            buf.clear();
            boolean last = k == frame.size() - 1;
            int h = header.payloadType(side.payloadType()).sequenceNumber(seq++ & 0xFFFF)
                    .timestamp(i * side.timestampStep()).ssrc(ssrc).marker(last && side.media().equals("video"))
                    .write(buf.array(), 0);
            System.arraycopy(p, 0, buf.array(), h, p.length);
            buf.limit(h + p.length);
            ch.write(buf);
            counts.packetsSent.incrementAndGet();
        }
        counts.sent(call);
        return seq;
    }

    /**
     * A bandwidth-efficient AMR-WB payload (RFC 4867 §4.3.2: CMR, then F and FT) holding a SID
     * frame: comfort noise the transcoder sends once the load stops (decision 0019), not a frame
     * that was sent, so not counted as one back.
     */
    private static boolean isAmrWbSid(Side side, RtpPacket rtp) {
        if (!side.rtpmap().regionMatches(true, 0, "AMR-WB", 0, 6) || rtp.payloadLength() < 2) {
            return false;
        }
        byte[] b = rtp.buffer();
        int at = rtp.payloadOffset();
        int ft = ((b[at] & 0x07) << 1) | ((b[at + 1] >>> 7) & 1);
        return ft == 9;
    }

    private void receive() {
        ByteBuffer buf = ByteBuffer.allocate(2048);
        RtpPacket rtp = new RtpPacket();
        RtcpCompound rtcp = new RtcpCompound(true);
        try {
            while (running.get()) {
                selector.select(100);
                for (SelectionKey k : selector.selectedKeys()) {
                    PeerKey key = (PeerKey) k.attachment();
                    boolean isA = key.isA();
                    Counts counts = isA ? countsA : countsB;
                    int pt = isA ? a.payloadType() : b.payloadType();
                    boolean video = (isA ? a : b).media().equals("video");
                    DatagramChannel ch = (DatagramChannel) k.channel();
                    buf.clear();
                    while (ch.receive(buf) != null) {
                        int second = buf.position() > 1 ? buf.get(1) & 0xFF : 0;
                        if (second >= 192 && second <= 223) {
                            counts.rtcpBack.incrementAndGet(); // RFC 5761 §4: RTCP on the muxed port
                            if (video && asksForKeyframe(rtcp, buf.array(), buf.position())) {
                                (isA ? keyframeWantedA : keyframeWantedB).set(key.call(), 1);
                            }
                        } else if (rtp.wrap(buf.array(), 0, buf.position()) && rtp.payloadType() == pt
                                && rtp.payloadLength() > 0) {
                            counts.packetsBack.incrementAndGet();
                            if ((!video || rtp.marker()) && !isAmrWbSid(isA ? a : b, rtp)) {
                                counts.back(key.call(), isA ? countsB : countsA);
                            }
                        } else {
                            counts.bad.incrementAndGet();
                        }
                        buf.clear();
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException | ClosedSelectorException e) {
            // closing
        }
    }

    /**
     * What a run saw: the gateway's CPU over the measurement window, and every frame sent and back
     * (both sides, from the first) once the generator stopped and {@link #DRAIN_MILLIS} passed.
     */
    record Window(double seconds, double coresUsed, double ioCores, double workerCores, long framesEncoded,
                  long framesSent, long framesBack, long packetsSent, long packetsBack, long bad, long allocatedBytes) {

        /** Heap the gateway's threads allocated per frame encoded: garbage whose collection is not counted. */
        double allocatedBytesPerFrame() {
            return framesEncoded == 0 ? 0 : (double) allocatedBytes / framesEncoded;
        }

        /** Frames the transcoders encoded per CPU-second of the gateway: the work done, whether or not all of it was asked. */
        double framesPerCoreSecond() {
            return framesEncoded / seconds / coresUsed;
        }

        /**
         * Frames back over frames sent. A frame more than the drain time late counts as lost, so
         * a load the gateway cannot carry in real time shows here (its queues overflow or lag).
         */
        double returnedFraction() {
            return framesSent == 0 ? 0 : (double) framesBack / framesSent;
        }
    }

    static final long DRAIN_MILLIS = 1000;

    /**
     * Measures the gateway's CPU and the frames {@code factory}'s transcoders encoded for
     * {@code seconds} while the load runs, then stops sending and counts what came back.
     */
    Window measure(double seconds, CodecFormatAdapterFactory factory) throws InterruptedException {
        Cpu cpu = cpuWindow(seconds, factory);
        pause();
        Thread.sleep(DRAIN_MILLIS);
        long[] t = totals();
        return new Window(cpu.seconds, cpu.cores(), cpu.io / 1e9 / cpu.seconds, cpu.workers / 1e9 / cpu.seconds,
                cpu.encoded, t[0], t[1], t[2], t[3], t[4], cpu.allocated);
    }

    /** The gateway's CPU (ns: I/O threads, workers, all) and frames encoded over a window, and what its threads allocated. */
    record Cpu(double seconds, long io, long workers, long total, long encoded, long allocated) {

        double cores() {
            return total / 1e9 / seconds;
        }

        /** Frames encoded per CPU-second over 100 (a call encodes 100 frames a second, 50 each way). */
        double callsPerCore() {
            return total == 0 ? 0 : encoded / (total / 1e9) / 100;
        }
    }

    /** Measures the gateway's CPU and frames {@code factory}'s transcoders encoded over {@code seconds}; the load goes on. */
    Cpu cpuWindow(double seconds, CodecFormatAdapterFactory factory) throws InterruptedException {
        long encoded0 = factory.totals().getOrDefault("encode.frames", 0L);
        long[] cpu0 = gatewayCpuNanosByGroup();
        long wall0 = System.nanoTime();
        Thread.sleep((long) (seconds * 1000));
        long[] cpu1 = gatewayCpuNanosByGroup();
        double wall = (System.nanoTime() - wall0) / 1e9;
        long io = cpu1[0] - cpu0[0];
        long workers = cpu1[1] - cpu0[1];
        long encoded = factory.totals().getOrDefault("encode.frames", 0L) - encoded0;
        return new Cpu(wall, io, workers, io + workers + cpu1[2] - cpu0[2], encoded, cpu1[3] - cpu0[3]);
    }

    /** The far ends stop sending (their clock goes on); the gateway's AMR-WB side then fills silence (decision 0019). */
    void pause() {
        sending.set(false);
    }

    /** The far ends send again, after a timestamp jump and no sequence gap: a DTX pause to the gateway. */
    void resume() {
        sending.set(true);
    }

    private long[] totals() {
        return new long[] {
            countsA.framesSent.get() + countsB.framesSent.get(),
            countsA.framesBack.get() + countsB.framesBack.get(),
            countsA.packetsSent.get() + countsB.packetsSent.get(),
            countsA.packetsBack.get() + countsB.packetsBack.get(),
            countsA.bad.get() + countsB.bad.get()};
    }

    /** Whether a load of this many calls kept real time. */
    interface LoadCheck {
        boolean clean(int calls) throws Exception;
    }

    /**
     * The largest load that stays clean, stepped as bench/sip-b2bua.sh steps its call rate: up
     * from {@code start} (1.5x, 2x, 2.5x, then 3x and 4x: codec capacity is well above a default
     * start on two cores) while clean, or down (0.75x, 0.5x, 0.25x) until clean; 0 when nothing
     * was. {@code startClean} is the main run's verdict at {@code start}.
     */
    static int largestClean(int start, boolean startClean, LoadCheck check) throws Exception {
        if (startClean) {
            int best = start;
            for (int n : new int[] {start * 3 / 2, start * 2, start * 5 / 2, start * 3, start * 4}) {
                if (n <= best) {
                    continue;
                }
                if (!check.clean(n)) {
                    break;
                }
                best = n;
            }
            return best;
        }
        for (int n : new int[] {start * 3 / 4, start / 2, start / 4}) {
            if (n >= 1 && n < start && check.clean(n)) {
                return n;
            }
        }
        return 0;
    }

    // RFC 4585 §6.3.1 PLI or RFC 5104 §4.3.1 FIR anywhere in the compound packet
    private static boolean asksForKeyframe(RtcpCompound rtcp, byte[] bytes, int length) {
        if (!rtcp.wrap(bytes, 0, length)) {
            return false;
        }
        while (rtcp.next()) {
            if (rtcp.packetType() == RtcpPacketType.PSFB
                    && (rtcp.count() == RtcpPacketType.FMT_PLI || rtcp.count() == RtcpPacketType.FMT_FIR)) {
                return true;
            }
        }
        return false;
    }

    /** Stops the load, releases the calls' pipelines (their endpoints and sockets) and the far ends. */
    @Override
    public void close() throws InterruptedException {
        running.set(false);
        sending.set(false);
        if (generator != null) {
            generator.join();
        }
        if (receiver != null) {
            receiver.join();
        }
        for (MediaPipeline p : pipelines) {
            p.release();
        }
        for (DatagramChannel[] pair : peers) {
            for (DatagramChannel ch : pair) {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // closing
                }
            }
        }
        try {
            selector.close();
        } catch (IOException ignored) {
            // closing
        }
    }
}
