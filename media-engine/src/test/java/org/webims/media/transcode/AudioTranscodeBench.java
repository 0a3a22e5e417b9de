package org.webims.media.transcode;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.webims.media.codec.AudioCodecBench;
import org.webims.media.codec.AudioCodecs;
import org.webims.media.codec.amrwb.AmrWbEncoder;
import org.webims.media.codec.opus.OpusEncoder;
import org.webims.media.codec.resample.FirResampler;
import org.webims.media.pipeline.MediaElement;
import org.webims.media.pipeline.MediaEngine;
import org.webims.media.pipeline.MediaEngineSettings;
import org.webims.media.pipeline.MediaFormat;
import org.webims.media.pipeline.MediaPacket;
import org.webims.media.pipeline.MediaPipeline;
import org.webims.media.pipeline.MediaType;
import org.webims.media.pipeline.SourcePad;
import org.webims.media.pipeline.UpstreamControl;
import org.webims.media.rtp.RtpHeaderWriter;
import org.webims.media.rtp.RtpPacket;
import org.webims.media.rtp.payload.amrwb.AmrWbDepacketizer;
import org.webims.media.rtp.payload.amrwb.AmrWbFrameType;
import org.webims.media.rtp.payload.amrwb.AmrWbPacketizer;
import org.webims.media.rtp.payload.amrwb.AmrWbPayloadFormat;

/**
 * bin/bench audio-transcode: N bidirectional Opus <-> AMR-WB calls over RTP on loopback, the full
 * path (receive, depacketize, jitter buffer, decode, resample, encode, packetize, send) through the
 * engine and this package's adapters. RtpEndpoint is not on main yet, so each side of a call is a
 * plain-UDP stand-in element ({@link UdpRtpElement}) on one selector I/O thread. A load generator
 * sends real Opus and AMR-WB RTP every 20 ms from other threads and checks what comes back. CPU is
 * the transcode workers' and the I/O thread's thread CPU time; the bare codec loop of
 * {@link AudioCodecBench} runs in the same process for the ratio. Last line: one JSON object.
 * Usage: AudioTranscodeBench [CALLS] [SECONDS]
 */
public final class AudioTranscodeBench {

    static final MediaFormat OPUS = MediaFormat.audio("opus", 48_000, 2);
    static final MediaFormat AMR_WB = MediaFormat.audio("AMR-WB", 16_000, 1);
    static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** The stand-in for RtpEndpoint: RTP over a UDP socket in, RTP out to the peer. */
    static final class UdpRtpElement extends MediaElement {
        final DatagramChannel channel;
        final MediaFormat format;
        final SourcePad source;
        final MediaPacket packet = new MediaPacket();
        final RtpHeaderWriter header = new RtpHeaderWriter();
        final ByteBuffer out = ByteBuffer.allocate(1500);
        final RtpPacket in = new RtpPacket();
        final int payloadType;
        volatile InetSocketAddress peer;

        UdpRtpElement(MediaPipeline pipeline, MediaFormat format, int payloadType) throws Exception {
            super(pipeline, "UdpRtpElement");
            this.format = format;
            this.payloadType = payloadType;
            channel = DatagramChannel.open();
            channel.bind(new InetSocketAddress("127.0.0.1", 0));
            channel.configureBlocking(false);
            source = addSourcePad(MediaType.AUDIO, UpstreamControl.NONE);
            addSinkPad(MediaType.AUDIO, this::send).setAcceptedFormats(List.of(format));
        }

        /** The I/O thread: one datagram in. */
        void received(ByteBuffer b) {
            if (in.wrap(b.array(), 0, b.position())) {
                source.push(packet.set(format, in.buffer(), in.payloadOffset(), in.payloadLength(),
                        in.timestamp(), in.sequenceNumber(), in.marker()).ssrc(in.ssrc()));
            }
        }

        /** A transcoder's worker: one payload out. */
        void send(MediaPacket p) {
            InetSocketAddress to = peer;
            if (to == null) {
                return;
            }
            out.clear();
            int h = header.marker(p.marker()).payloadType(payloadType).sequenceNumber(p.sequenceNumber())
                    .timestamp(p.timestamp()).ssrc(p.ssrc()).write(out.array(), 0);
            System.arraycopy(p.buffer(), p.offset(), out.array(), h, p.length());
            out.limit(h + p.length());
            try {
                channel.send(out, to);
            } catch (java.io.IOException e) {
                // counted by the generator as a missing packet
            }
        }

        @Override
        protected void onRelease() {
            try {
                channel.close();
            } catch (java.io.IOException ignored) {
                // closing
            }
        }
    }

    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        AudioCodecs codecs = AudioCodecs.get();
        short[] speech = AudioCodecBench.speechLike(48_000, 251);
        List<byte[]> opus = new ArrayList<>();
        List<byte[]> amr = new ArrayList<>();
        try (OpusEncoder oe = codecs.newOpusEncoder(); AmrWbEncoder ae = codecs.newAmrWbEncoder(8)) {
            FirResampler down = FirResampler.create(48_000, 16_000);
            short[] narrow = new short[320];
            byte[] buf = new byte[1500];
            AmrWbPacketizer pk = new AmrWbPacketizer(AmrWbPayloadFormat.BANDWIDTH_EFFICIENT, AmrWbFrameType.ALL_MODES, 1200);
            for (int f = 0; f < 250; f++) {
                opus.add(java.util.Arrays.copyOf(buf, oe.encode(speech, f * 960, buf, 0, buf.length)));
                down.process(speech, f * 960, 960, narrow, 0);
                int n = ae.encode(narrow, 0, buf, 0, buf.length);
                pk.setFrame(buf, 0, n);
                byte[] payload = new byte[1200];
                amr.add(java.util.Arrays.copyOf(payload, pk.next(payload, 0)));
            }
        }

        System.gc();
        long heapBefore = usedHeap();
        CodecFormatAdapterFactory factory = new CodecFormatAdapterFactory();
        MediaEngine engine = new MediaEngine(MediaEngineSettings.defaults().withMaxPipelines(calls + 1), factory);
        Selector gatewaySelector = Selector.open();
        Selector peerSelector = Selector.open();
        List<DatagramChannel[]> peers = new ArrayList<>();
        for (int c = 0; c < calls; c++) {
            MediaPipeline pipeline = engine.createPipeline();
            UdpRtpElement webrtc = new UdpRtpElement(pipeline, OPUS, 111);
            UdpRtpElement ims = new UdpRtpElement(pipeline, AMR_WB, 96);
            webrtc.connect(ims, MediaType.AUDIO);
            ims.connect(webrtc, MediaType.AUDIO);
            DatagramChannel peerOpus = peerChannel(webrtc);
            DatagramChannel peerAmr = peerChannel(ims);
            webrtc.channel.register(gatewaySelector, SelectionKey.OP_READ, webrtc);
            ims.channel.register(gatewaySelector, SelectionKey.OP_READ, ims);
            peerOpus.register(peerSelector, SelectionKey.OP_READ, Boolean.TRUE); // gets Opus back
            peerAmr.register(peerSelector, SelectionKey.OP_READ, Boolean.FALSE); // gets AMR-WB back
            peers.add(new DatagramChannel[] {peerOpus, peerAmr});
        }
        AtomicBoolean running = new AtomicBoolean(true);
        Thread io = new Thread(() -> gatewayLoop(gatewaySelector, running), "bench-io");
        io.start();
        AtomicLong backOpus = new AtomicLong();
        AtomicLong backAmr = new AtomicLong();
        AtomicLong bad = new AtomicLong();
        Thread check = new Thread(() -> peerLoop(peerSelector, running, backOpus, backAmr, bad), "bench-peer-rx");
        check.start();
        AtomicLong sent = new AtomicLong();
        Thread generator = new Thread(() -> generate(peers, opus, amr, running, sent), "bench-generator");
        generator.start();

        Thread.sleep(2000); // warm-up: JIT, jitter buffers filled
        System.gc();
        long heapWith = usedHeap();
        long cpu0 = gatewayCpu(io);
        long wall0 = System.nanoTime();
        long sent0 = sent.get();
        long back0 = backOpus.get() + backAmr.get();
        Thread.sleep(seconds * 1000L);
        long cpu = gatewayCpu(io) - cpu0;
        double wall = (System.nanoTime() - wall0) / 1e9;
        long sentN = sent.get() - sent0;
        long backN = backOpus.get() + backAmr.get() - back0;
        java.util.Map<String, Long> totals = factory.totals();
        running.set(false);
        generator.join();
        io.join();
        check.join();
        engine.close();
        factory.close();

        double coresUsed = cpu / 1e9 / wall;
        double callsPerCore = calls / coresUsed;
        double returned = sentN == 0 ? 0 : (double) backN / sentN;
        double bare = AudioCodecBench.run(codecs, AudioCodecBench.speechLike(48_000, 2001), 2000)
                .get("bare_codec_calls_per_core");
        System.out.printf(Locale.ROOT, "calls=%d seconds=%.1f transcode+io cpu=%.2f cores returned=%.4f bad=%d%n",
                calls, wall, coresUsed, returned, bad.get());
        System.out.println("adapter counters (all calls): " + totals);
        if (returned < 0.99) {
            // the figure counts only CPU actually used; if the calls did not keep up it is not a capacity
            System.out.println("NOT REAL-TIME: only " + returned + " of the packets came back (CPU starved or overloaded)");
        }
        System.out.printf(Locale.ROOT, "calls_per_core=%.1f bare_codec_calls_per_core=%.1f ratio=%.3f%n",
                callsPerCore, bare, callsPerCore / bare);
        System.out.printf(Locale.ROOT,
                "{\"bench\":\"audio-transcode\",\"path\":\"udp-loopback+pipeline (RtpEndpoint stand-in)\",\"calls\":%d,"
                        + "\"calls_per_core\":%.1f,\"bare_codec_calls_per_core\":%.1f,\"ratio_to_bare_codec\":%.3f,"
                        + "\"backend\":\"%s\",\"heap_bytes_per_call\":%d,\"returned_fraction\":%.4f,\"bad_packets\":%d,\"realtime\":%b}%n",
                calls, callsPerCore, bare, callsPerCore / bare, codecs, Math.max(0, (heapWith - heapBefore) / calls),
                returned, bad.get(), returned >= 0.99);
    }

    static DatagramChannel peerChannel(UdpRtpElement element) throws Exception {
        DatagramChannel peer = DatagramChannel.open();
        peer.bind(new InetSocketAddress("127.0.0.1", 0));
        peer.connect(element.channel.getLocalAddress());
        peer.configureBlocking(false);
        element.peer = (InetSocketAddress) peer.getLocalAddress();
        return peer;
    }

    static long usedHeap() {
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    /** CPU of the gateway side: the transcode workers and the I/O thread. */
    static long gatewayCpu(Thread io) {
        long sum = THREADS.getThreadCpuTime(io.getId());
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("transcode-")) {
                sum += Math.max(0, THREADS.getThreadCpuTime(t.getId()));
            }
        }
        return sum;
    }

    static void gatewayLoop(Selector selector, AtomicBoolean running) {
        ByteBuffer b = ByteBuffer.allocate(1500);
        try {
            while (running.get()) {
                selector.select(100);
                for (SelectionKey k : selector.selectedKeys()) {
                    UdpRtpElement e = (UdpRtpElement) k.attachment();
                    b.clear();
                    while (e.channel.receive(b) != null) {
                        e.received(b);
                        b.clear();
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (java.io.IOException | java.nio.channels.ClosedSelectorException e) {
            // bench ending
        }
    }

    static void peerLoop(Selector selector, AtomicBoolean running, AtomicLong opus, AtomicLong amr, AtomicLong bad) {
        ByteBuffer b = ByteBuffer.allocate(1500);
        RtpPacket rtp = new RtpPacket();
        AmrWbDepacketizer check = new AmrWbDepacketizer(AmrWbPayloadFormat.BANDWIDTH_EFFICIENT, AmrWbFrameType.ALL_MODES);
        byte[] storage = new byte[61 * 4];
        try {
            while (running.get()) {
                selector.select(100);
                for (SelectionKey k : selector.selectedKeys()) {
                    boolean isOpus = (Boolean) k.attachment();
                    DatagramChannel ch = (DatagramChannel) k.channel();
                    b.clear();
                    while (ch.receive(b) != null) {
                        boolean ok = rtp.wrap(b.array(), 0, b.position()) && rtp.payloadLength() > 0
                                && (isOpus ? rtp.payloadType() == 111
                                : rtp.payloadType() == 96 && check.toStorageFormat(b.array(), rtp.payloadOffset(),
                                        rtp.payloadLength(), storage, 0) > 0);
                        if (!ok) {
                            bad.incrementAndGet();
                        } else if (isOpus) {
                            opus.incrementAndGet();
                        } else {
                            amr.incrementAndGet();
                        }
                        b.clear();
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (java.io.IOException | java.nio.channels.ClosedSelectorException e) {
            // bench ending
        }
    }

    static void generate(List<DatagramChannel[]> peers, List<byte[]> opus, List<byte[]> amr,
                         AtomicBoolean running, AtomicLong sent) {
        RtpHeaderWriter header = new RtpHeaderWriter();
        ByteBuffer b = ByteBuffer.allocate(1500);
        long start = System.nanoTime();
        for (int i = 0; running.get(); i++) {
            long due = start + i * 20_000_000L;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            byte[] o = opus.get(i % opus.size());
            byte[] a = amr.get(i % amr.size());
            for (int c = 0; c < peers.size(); c++) {
                try {
                    b.clear();
                    int h = header.payloadType(111).sequenceNumber(i).timestamp(i * 960L).ssrc(0x1000 + c).write(b.array(), 0);
                    System.arraycopy(o, 0, b.array(), h, o.length);
                    b.limit(h + o.length);
                    peers.get(c)[0].write(b);
                    b.clear();
                    h = header.payloadType(96).sequenceNumber(i).timestamp(i * 320L).ssrc(0x2000 + c).write(b.array(), 0);
                    System.arraycopy(a, 0, b.array(), h, a.length);
                    b.limit(h + a.length);
                    peers.get(c)[1].write(b);
                    sent.addAndGet(2);
                } catch (java.io.IOException e) {
                    return;
                }
            }
        }
    }
}
