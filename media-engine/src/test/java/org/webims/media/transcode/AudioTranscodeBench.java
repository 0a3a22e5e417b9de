package org.webims.media.transcode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.webims.media.codec.AudioCodecBench;
import org.webims.media.codec.AudioCodecs;
import org.webims.media.codec.amrwb.AmrWbEncoder;
import org.webims.media.codec.opus.OpusEncoder;
import org.webims.media.codec.resample.FirResampler;
import org.webims.media.e2e.LoopbackMediaNode;
import org.webims.media.endpoint.rtp.RtpEndpointContext;
import org.webims.media.endpoint.rtp.RtpEndpointSettings;
import org.webims.media.node.MediaNode;
import org.webims.media.rtp.payload.amrwb.AmrWbFrameType;
import org.webims.media.rtp.payload.amrwb.AmrWbPacketizer;
import org.webims.media.rtp.payload.amrwb.AmrWbPayloadFormat;
import org.webims.media.sdp.negotiation.CodecCapability;
import org.webims.media.transport.MediaIoLoop;
import org.webims.media.transport.SendBatchingThread;

/**
 * bin/bench audio-transcode: N bidirectional Opus (48 kHz, 20 ms) <-> AMR-WB (23.85 kbit/s) calls
 * through the full RTP path on loopback: a media node, a pipeline per call with RtpEndpoint(Opus)
 * and RtpEndpoint(AMR-WB) connected both ways (receive, peer filter, depacketize, jitter buffer,
 * decode, encode, packetize, send, RTCP). A load generator thread sends real Opus and AMR-WB RTP
 * to each call's two far ends (UDP sockets that negotiated by SDP) and counts what returns.
 *
 * <p>How it measures. The gateway's figure is frames its transcoders encoded per CPU-second of
 * its threads (I/O, transcode workers, scheduler), over 100 (a call encodes 100 frames a second).
 * The reference is {@link BareTranscodeLoop}: the same codec work on the same frames with the same
 * codec settings, nothing else, on one thread, by that thread's CPU. On a shared machine either
 * figure moves by 20-30 % from minute to minute (other processes' cache and memory traffic, CPU
 * frequency), so one measurement of each, minutes apart, says little. So the two are interleaved
 * in one run, A B A B ...: a gateway window (A) with the load running, then the far ends pause
 * and the bare loop runs {@value #BARE_FRAMES} frames (B) right after it, {@value #ROUNDS} times
 * (the first A is the main window, which also decides real time); each round's ratio is A over
 * its own B, and the ratio reported is the median of the rounds' ratios, with their spread and
 * the ratio of the summed figures beside it. While the load pauses, the gateway's AMR-WB encoders
 * go on encoding silence for their SID frames (decision 0019), a quarter of the call's codec
 * work, on the other core: the bare loop is not run on an idle machine either. Real time: the
 * main window's frames back over frames sent (counted from the first frame, warm-up included), at
 * least 99 %; {@code handoff_dropped} counts packets a transcoder could not take because it had
 * not ticked for 1.28 s (a starved worker or I/O thread): they are concealed instead of decoded,
 * which is cheaper, so a run with many of them flatters the gateway's figure. Then the largest number of calls
 * that keeps real time is searched in steps, each step measured the same way over two rounds.
 * Where the script could build it, each round ends with {@link CodecLoopInC}, the bare loop's work
 * from C (decision 0064): {@code c_codec_calls_per_core} is this host's codec limit today, and
 * {@code bare_to_c} what the Java bare loop costs over the libraries themselves.
 * Last line: one JSON object. Usage: AudioTranscodeBench [CALLS] [SECONDS]
 */
public final class AudioTranscodeBench {

    static final RtpEndpointSettings OPUS_SIDE = RtpEndpointSettings.defaults().withOfferedMedia(true, false)
            .withAudioCodecs(List.of(CodecCapability.of("opus", 48_000, 2)));
    static final RtpEndpointSettings AMR_WB_SIDE = RtpEndpointSettings.defaults().withOfferedMedia(true, false)
            .withAudioCodecs(List.of(CodecCapability.of("AMR-WB", 16_000)));
    static final double WARM_UP_SECONDS = 2;
    /** Measurement rounds of the main load (A B pairs); the first A is the main window. */
    static final int ROUNDS = 5;
    /** Rounds of each search step. */
    static final int STEP_ROUNDS = 2;
    /** Seconds of each gateway window after the first. */
    static final double WINDOW_SECONDS = 3;
    /** After the far ends resume, before a window: jitter buffers refilled, the DTX filler stopped. */
    static final long SETTLE_MILLIS = 500;
    /** Frames (20 ms, both directions) of each bare-loop round: about a second of one core. */
    static final int BARE_FRAMES = 2000;

    private AudioTranscodeBench() {
    }

    /** What the interleaved rounds measured: per round the gateway's and the bare loop's calls per core. */
    static final class Rounds {
        // gateway encoded, gateway cpu ns, bare frames, bare µs, C loop µs (0 without it)
        private final List<double[]> rounds = new ArrayList<>();
        private final BareTranscodeLoop bare;
        private final CodecLoopInC inC;

        Rounds(BareTranscodeLoop bare, CodecLoopInC inC) {
            this.bare = bare;
            this.inC = inC;
        }

        /** One round: the gateway window just measured ({@code load} now paused), then the bare loop, then the C loop. */
        void add(long encoded, long cpuNanos) throws Exception {
            double us = bare.run(BARE_FRAMES);
            double cUs = inC == null ? 0 : inC.run(BARE_FRAMES);
            rounds.add(new double[] {encoded, cpuNanos, BARE_FRAMES, us * BARE_FRAMES, cUs * BARE_FRAMES});
        }

        /** Rounds after the first: resume, settle, a gateway window, pause, the bare loop. */
        void more(LoopbackCalls load, CodecFormatAdapterFactory factory, int n, double seconds) throws Exception {
            for (int i = 0; i < n; i++) {
                load.resume();
                Thread.sleep(SETTLE_MILLIS);
                LoopbackCalls.Cpu w = load.cpuWindow(seconds, factory);
                load.pause();
                add(w.encoded(), w.total());
            }
        }

        static double gateway(double[] r) {
            return r[1] == 0 ? 0 : r[0] / (r[1] / 1e9) / 100;
        }

        static double bare(double[] r) {
            return 20_000.0 / (r[3] / r[2]);
        }

        double[] ratios() {
            return rounds.stream().mapToDouble(r -> gateway(r) / bare(r)).sorted().toArray();
        }

        double medianRatio() {
            double[] r = ratios();
            return r.length % 2 == 1 ? r[r.length / 2] : (r[r.length / 2 - 1] + r[r.length / 2]) / 2;
        }

        double gatewaySum() {
            return gateway(new double[] {sum(0), sum(1)});
        }

        double bareSum() {
            return 20_000.0 / (sum(3) / sum(2));
        }

        /** The C loop's calls per core over all rounds (decision 0064), 0 without it. */
        double inCSum() {
            return sum(4) == 0 ? 0 : 20_000.0 / (sum(4) / sum(2));
        }

        private double sum(int k) {
            return rounds.stream().mapToDouble(r -> r[k]).sum();
        }

        String describe() {
            StringBuilder b = new StringBuilder();
            for (double[] r : rounds) {
                b.append(String.format(Locale.ROOT, " %.1f/%.1f=%.3f", gateway(r), bare(r), gateway(r) / bare(r)));
                if (r[4] > 0) {
                    b.append(String.format(Locale.ROOT, " (C %.1f)", 20_000.0 / (r[4] / r[2])));
                }
            }
            return b.toString().trim();
        }
    }

    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        AudioCodecs codecs = AudioCodecs.get();
        List<byte[]> opusPackets = new ArrayList<>();
        List<byte[]> amrFrames = new ArrayList<>();
        List<List<byte[]>> amr = farEndFrames(codecs, opusPackets, amrFrames);
        List<List<byte[]>> opus = opusPackets.stream().map(List::of).toList();
        LoopbackCalls.Side opusSide = new LoopbackCalls.Side(OPUS_SIDE, "audio", "RTP/AVP", 111, "opus/48000/2",
                List.of(), opus, 960);
        LoopbackCalls.Side amrSide = new LoopbackCalls.Side(AMR_WB_SIDE, "audio", "RTP/AVP", 96, "AMR-WB/16000",
                List.of(), amr, 320);

        CodecFormatAdapterFactory factory = new CodecFormatAdapterFactory();
        int maxCalls = calls * 4 + 1;
        try (MediaNode node = LoopbackMediaNode.start(factory, 1, 4 * maxCalls + 40);
                BareTranscodeLoop bare = new BareTranscodeLoop(codecs, opusPackets, amrFrames);
                CodecLoopInC inC = CodecLoopInC.startIfBuilt(opusPackets, amrFrames)) {
            bare.run(500); // the JIT and the codecs' first frames, as the gateway's warm-up does
            if (inC != null) {
                inC.run(500);
            }
            System.gc();
            long heapBefore = usedHeap();
            LoopbackCalls.Window main;
            long heapWith;
            Map<String, Long> totals;
            Rounds rounds = new Rounds(bare, inC);
            try (LoopbackCalls load = LoopbackCalls.open(node, opusSide, amrSide, calls, 20_000_000L)) {
                load.start();
                Thread.sleep((long) (WARM_UP_SECONDS * 1000)); // JIT, jitter buffers filled
                System.gc();
                heapWith = usedHeap();
                main = load.measure(seconds, factory);
                totals = factory.totals();
                rounds.add(main.framesEncoded(), Math.round(main.coresUsed() * main.seconds() * 1e9));
                rounds.more(load, factory, ROUNDS - 1, WINDOW_SECONDS);
            }
            boolean realtime = main.returnedFraction() >= 0.99;
            System.out.printf(Locale.ROOT, "calls=%d seconds=%.1f gateway cpu=%.2f cores (I/O %.2f, transcode workers "
                    + "%.2f) frames back=%.4f bad=%d allocated=%.0f bytes/frame%n", calls, main.seconds(),
                    main.coresUsed(), main.ioCores(), main.workerCores(), main.returnedFraction(), main.bad(),
                    main.allocatedBytesPerFrame());
            System.out.println("adapter counters (all calls): " + totals);
            System.out.println("rounds, gateway/bare calls per core=ratio: " + rounds.describe());
            System.out.println(workerSends(node));
            if (!realtime) {
                // the figure counts only CPU actually used; calls that did not keep up are not a capacity
                System.out.println("NOT REAL-TIME: only " + main.returnedFraction() + " of the frames came back");
            }
            int step = Math.max(3, Math.min(seconds, 8));
            Map<Integer, Rounds> at = new HashMap<>();
            at.put(calls, rounds);
            int largest = LoopbackCalls.largestClean(calls, realtime, n -> {
                Rounds r = new Rounds(bare, inC);
                try (LoopbackCalls load = LoopbackCalls.open(node, opusSide, amrSide, n, 20_000_000L)) {
                    load.start();
                    Thread.sleep((long) (WARM_UP_SECONDS * 1000));
                    LoopbackCalls.Window w = load.measure(step, factory);
                    r.add(w.framesEncoded(), Math.round(w.coresUsed() * w.seconds() * 1e9));
                    r.more(load, factory, STEP_ROUNDS - 1, WINDOW_SECONDS);
                    System.out.printf(Locale.ROOT, "  search: %d calls, frames back %.4f, %.2f cores, rounds %s%n", n,
                            w.returnedFraction(), w.coresUsed(), r.describe());
                    at.put(n, r);
                    return w.returnedFraction() >= 0.99;
                }
            });
            double[] ratios = rounds.ratios();
            Rounds top = at.get(largest);
            double atLargest = top == null ? 0 : top.gatewaySum();
            double ratioAtLargest = top == null ? 0 : top.medianRatio();
            System.out.printf(Locale.ROOT, "calls_per_core=%.1f bare_codec_calls_per_core=%.1f ratio (median of %d rounds)"
                    + "=%.3f [%.3f..%.3f], of the sums %.3f; largest real-time load=%d calls%s (steps of %d s), calls "
                    + "per core there %.1f (ratio %.3f)%n", rounds.gatewaySum(), rounds.bareSum(), ratios.length,
                    rounds.medianRatio(), ratios[0], ratios[ratios.length - 1], rounds.gatewaySum() / rounds.bareSum(),
                    largest, largest == calls * 4 ? " or more (the last step)" : "", step, atLargest, ratioAtLargest);
            System.out.printf(Locale.ROOT,
                    "{\"bench\":\"audio-transcode\",\"path\":\"rtp-endpoints+pipeline on loopback\",\"calls\":%d,"
                            + "\"calls_per_core\":%.1f,\"bare_codec_calls_per_core\":%.1f,\"ratio_to_bare_codec\":%.3f,"
                            + "\"ratio_min\":%.3f,\"ratio_max\":%.3f,\"ratio_of_sums\":%.3f,\"rounds\":%d,"
                            + "\"backend\":\"%s\",\"heap_bytes_per_call\":%d,\"returned_fraction\":%.4f,"
                            + "\"bad_packets\":%d,\"realtime\":%b,\"max_realtime_calls\":%d,"
                            + "\"calls_per_core_at_max_realtime\":%.1f,\"ratio_at_max_realtime\":%.3f,\"cores\":%d,"
                            + "\"gateway_alloc_bytes_per_frame\":%.0f,\"handoff_dropped\":%d%s}%n",
                    calls, rounds.gatewaySum(), rounds.bareSum(), rounds.medianRatio(), ratios[0],
                    ratios[ratios.length - 1], rounds.gatewaySum() / rounds.bareSum(), ratios.length, codecs,
                    Math.max(0, (heapWith - heapBefore) / calls), main.returnedFraction(), main.bad(), realtime,
                    largest, atLargest, ratioAtLargest, Runtime.getRuntime().availableProcessors(),
                    main.allocatedBytesPerFrame(), totals.getOrDefault("handoff.dropped", 0L),
                    inC == null ? "" : String.format(Locale.ROOT, ",\"c_codec_calls_per_core\":%.1f,\"bare_to_c\":%.3f",
                            rounds.inCSum(), rounds.bareSum() / rounds.inCSum()));
        } finally {
            factory.close();
        }
    }

    /**
     * What the far ends send, 250 frames of speech-like signal: the Opus packets into {@code opusPackets},
     * the AMR-WB storage-format frames into {@code amrFrames}; returns the AMR-WB RTP payloads of those frames.
     */
    static List<List<byte[]>> farEndFrames(AudioCodecs codecs, List<byte[]> opusPackets, List<byte[]> amrFrames)
            throws Exception {
        short[] speech = AudioCodecBench.speechLike(48_000, 251);
        List<List<byte[]>> amr = new ArrayList<>();
        try (OpusEncoder oe = codecs.newOpusEncoder(); AmrWbEncoder ae = codecs.newAmrWbEncoder(8)) {
            FirResampler down = FirResampler.create(48_000, 16_000);
            short[] narrow = new short[320];
            byte[] buf = new byte[1500];
            AmrWbPacketizer pk = new AmrWbPacketizer(AmrWbPayloadFormat.BANDWIDTH_EFFICIENT, AmrWbFrameType.ALL_MODES, 1200);
            for (int f = 0; f < 250; f++) {
                opusPackets.add(Arrays.copyOf(buf, oe.encode(speech, f * 960, buf, 0, buf.length)));
                down.process(speech, f * 960, 960, narrow, 0);
                int n = ae.encode(narrow, 0, buf, 0, buf.length);
                amrFrames.add(Arrays.copyOf(buf, n));
                pk.setFrame(buf, 0, n);
                byte[] payload = new byte[1200];
                amr.add(List.of(Arrays.copyOf(payload, pk.next(payload, 0))));
            }
        }
        return amr;
    }

    /** How the transcode workers' RTP left: held and handed to the io_uring I/O thread together, or sent one by one. */
    static String workerSends(MediaNode node) {
        long held = 0;
        long handOffs = 0;
        long direct = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t instanceof SendBatchingThread b) {
                held += b.batch().held();
                handOffs += b.batch().handOffs();
                direct += b.batch().direct();
            }
        }
        MediaIoLoop io = RtpEndpointContext.of(node).ioLoop();
        return String.format(Locale.ROOT, "media I/O %s: %d sends through the ring; transcode workers' sends: %d held "
                + "in %d hand-offs (%.1f each), %d straight out (every parcel in flight)", io.kind(), io.batchedSends(),
                held, handOffs, handOffs == 0 ? 0.0 : (double) held / handOffs, direct);
    }

    static long usedHeap() {
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }
}
