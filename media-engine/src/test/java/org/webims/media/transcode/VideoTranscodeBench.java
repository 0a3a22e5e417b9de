package org.webims.media.transcode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.webims.media.codec.VideoCodecType;
import org.webims.media.codec.VideoCodecs;
import org.webims.media.codec.video.VideoCodecBench;
import org.webims.media.e2e.LoopbackMediaNode;
import org.webims.media.endpoint.rtp.RtpEndpointSettings;
import org.webims.media.node.MediaNode;
import org.webims.media.rtp.payload.Packetizer;
import org.webims.media.rtp.payload.h264.H264PacketizationMode;
import org.webims.media.rtp.payload.h264.H264Packetizer;
import org.webims.media.rtp.payload.vp8.Vp8Packetizer;
import org.webims.media.sdp.negotiation.CodecCapability;
import org.webims.media.video.I420Picture;

/**
 * bin/bench video-transcode: bidirectional VP8 <-> H.264 calls at 640x360 and 1280x720, 30 fps,
 * through the full RTP path on loopback, as {@link AudioTranscodeBench} does for audio: a pipeline
 * per call with RtpEndpoint(VP8) and RtpEndpoint(H.264) connected both ways; a generator sends the
 * moving test pattern, pre-encoded at call rates, as VP8 and as H.264 RTP to each call's far ends
 * and counts the frames that return. A call is two one-way streams. The bare reference is
 * {@link BareVideoLoop} on this thread: the same access units, the two directions taking turns in
 * runs of a second of video (the gateway's mix, as many frames each way), its codecs open for the
 * whole size as a call's are. The two are interleaved, as {@link AudioTranscodeBench} does, because on a shared machine the
 * bare loop alone moved by a third between runs minutes apart: per size, {@link #ROUNDS} rounds of
 * a gateway window (the first is the main one, which also decides real time) then, with the far
 * ends paused, the bare loop for as long; the ratio is the median of the rounds' ratios, with its
 * spread and the ratio of the sums (all frames over all CPU, each side). Decision 0030 says what
 * changed from the earlier method and why. Each round also runs the bare loop paced at 30 fps
 * (decision 0035: the same codec work, a frame each way per 1/30 s with the thread asleep between,
 * as a real-time stream must be): the JSON's {@code ratio_to_paced_bare_codec} is the gateway
 * against that, the most any real-time gateway can reach on the machine of the run (decision 0092).
 * Last line: one JSON object. Usage: VideoTranscodeBench [CALLS_360P] [CALLS_720P] [SECONDS]
 */
public final class VideoTranscodeBench {

    static final String[] FEEDBACK = RtpEndpointSettings.VIDEO_FEEDBACK.toArray(String[]::new);
    static final RtpEndpointSettings VP8_SIDE = RtpEndpointSettings.defaults().withOfferedMedia(false, true)
            .withVideoCodecs(List.of(CodecCapability.of("VP8", 90_000).withFeedback(FEEDBACK)));
    static final RtpEndpointSettings H264_SIDE = RtpEndpointSettings.defaults().withOfferedMedia(false, true)
            .withVideoCodecs(List.of(CodecCapability.of("H264", 90_000).withParameter("profile-level-id", "42e01f")
                    .withParameter("packetization-mode", "1").withFeedback(FEEDBACK)));
    static final long FRAME_NANOS = 1_000_000_000L / 30;
    /**
     * Gateway window then bare loop, this many times per size. Nine: with the bare codecs kept open
     * (no warm-up per round) and both directions in one window, a round takes 7-8 s instead of 12,
     * so nine fit in the time five took, and a median of nine moves less with one bad window.
     */
    static final int ROUNDS = 9;
    /**
     * Seconds the calls run before anything is measured. With 3 s the gateway's per-frame Java code
     * was still in C1's profiling tier 45 s later (decision 0027); a server lives in C2's steady state.
     */
    static final int WARM_UP_SECONDS = 15;
    /** Seconds of each gateway window after the main one, and of each bare window (both directions). */
    static final double ROUND_SECONDS = 3;
    /** Seconds the bare loop runs uncounted before the load starts: codec start-up, JIT. */
    static final double BARE_WARM_UP_SECONDS = 2;
    /** After the far ends resume, before a window: the first frames through again. */
    static final long SETTLE_MILLIS = 1000;

    /** What one size measured. */
    record Figures(int calls, double streamsPerCore, double bareStreamsPerCore, double ratio, double ratioMin,
                   double ratioMax, double ratioOfSums, double returned, long bad, double barePacedStreamsPerCore,
                   double ratioToPaced) {
        boolean realtime() {
            return returned >= 0.99;
        }
    }

    private VideoTranscodeBench() {
    }

    public static void main(String[] args) throws Exception {
        int calls360 = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        int calls720 = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        Figures p360 = run(new int[] {640, 360}, calls360, seconds);
        Figures p720 = run(new int[] {1280, 720}, calls720, seconds);
        String backend = VideoCodecs.backend().name().toLowerCase(Locale.ROOT);
        System.out.printf(Locale.ROOT,
                "{\"bench\":\"video-transcode\",\"path\":\"rtp-endpoints+pipeline on loopback\","
                        + "\"calls_360p\":%d,\"calls_720p\":%d,\"streams_per_core_360p\":%.2f,\"streams_per_core_720p\":%.2f,"
                        + "\"bare_streams_per_core_360p\":%.2f,\"bare_streams_per_core_720p\":%.2f,"
                        + "\"ratio_to_bare_codec\":%.3f,\"ratio_to_bare_codec_720p\":%.3f,\"backend\":\"%s\","
                        + "\"returned_fraction_360p\":%.4f,\"returned_fraction_720p\":%.4f,"
                        + "\"realtime_360p\":%b,\"realtime_720p\":%b,\"ratio_min\":%.3f,\"ratio_max\":%.3f,"
                        + "\"ratio_min_720p\":%.3f,\"ratio_max_720p\":%.3f,\"ratio_of_sums\":%.3f,"
                        + "\"ratio_of_sums_720p\":%.3f,\"bare_paced_streams_per_core_360p\":%.2f,"
                        + "\"bare_paced_streams_per_core_720p\":%.2f,\"ratio_to_paced_bare_codec\":%.3f,"
                        + "\"ratio_to_paced_bare_codec_720p\":%.3f,\"rounds\":%d,\"cores\":%d}%n",
                p360.calls(), p720.calls(), p360.streamsPerCore(), p720.streamsPerCore(), p360.bareStreamsPerCore(),
                p720.bareStreamsPerCore(), p360.ratio(), p720.ratio(), backend, p360.returned(), p720.returned(),
                p360.realtime(), p720.realtime(), p360.ratioMin(), p360.ratioMax(), p720.ratioMin(), p720.ratioMax(),
                p360.ratioOfSums(), p720.ratioOfSums(), p360.barePacedStreamsPerCore(), p720.barePacedStreamsPerCore(),
                p360.ratioToPaced(), p720.ratioToPaced(), ROUNDS, Runtime.getRuntime().availableProcessors());
    }

    static Figures run(int[] size, int calls, int seconds) throws Exception {
        String label = size[1] + "p";
        List<I420Picture> pictures = VideoCodecBench.pattern(size);
        List<byte[]> vp8 = VideoCodecBench.encodeStream(VideoCodecType.VP8, size, pictures);
        List<byte[]> h264 = VideoCodecBench.encodeStream(VideoCodecType.H264, size, pictures);
        // RFC 4585 §4.2, RFC 5104 §7.1: the far ends take PLI and FIR, so the gateway may ask them for key frames;
        // they ask for generic NACKs as MTSI video clients do (TS 26.114 §7.3), so the gateway keeps what it sends
        // for retransmission (decision 0063)
        LoopbackCalls.Side vp8Side = new LoopbackCalls.Side(VP8_SIDE, "video", "RTP/AVPF", 96, "VP8/90000",
                List.of("rtcp-fb:96 nack", "rtcp-fb:96 nack pli", "rtcp-fb:96 ccm fir"), packetize(vp8, new Vp8Packetizer(CodecFormatAdapterFactory.MAX_PAYLOAD, true, 1)), 3000);
        LoopbackCalls.Side h264Side = new LoopbackCalls.Side(H264_SIDE, "video", "RTP/AVPF", 97, "H264/90000",
                List.of("fmtp:97 profile-level-id=42e01f;packetization-mode=1", "rtcp-fb:97 nack", "rtcp-fb:97 nack pli",
                        "rtcp-fb:97 ccm fir"),
                packetize(h264, new H264Packetizer(H264PacketizationMode.NON_INTERLEAVED,
                        CodecFormatAdapterFactory.MAX_PAYLOAD)), 3000);
        CodecFormatAdapterFactory factory = new CodecFormatAdapterFactory();
        LoopbackCalls.Window w;
        java.util.Map<String, Long> totals;
        double[] gateway = new double[ROUNDS];
        double[] bareRounds = new double[ROUNDS];
        double[] pacedRounds = new double[ROUNDS];
        double[] toH264 = new double[ROUNDS];
        double[] toVp8 = new double[ROUNDS];
        // sums over all rounds: frames, and CPU in ns, of each side
        double gatewayFrames = 0;
        double gatewayCpu = 0;
        double bareFrames = 0;
        double bareCpu = 0;
        try (BareVideoLoop bare = new BareVideoLoop(size, vp8, h264);
                MediaNode node = LoopbackMediaNode.start(factory, 1, 4 * calls + 40);
                LoopbackCalls load = LoopbackCalls.open(node, vp8Side, h264Side, calls, FRAME_NANOS)) {
            bare.warmUp(BARE_WARM_UP_SECONDS);
            load.start();
            Thread.sleep(WARM_UP_SECONDS * 1000L); // JIT to steady state, first key frames through
            w = load.measure(seconds, factory); // leaves the far ends paused
            // by work done (frames encoded per CPU-second over 30 fps), so dropped frames do not flatter the figure
            gateway[0] = w.framesPerCoreSecond() / 30;
            gatewayFrames += w.framesEncoded();
            gatewayCpu += w.seconds() * w.coresUsed() * 1e9;
            for (int round = 0; round < ROUNDS; round++) {
                if (round > 0) {
                    load.resume();
                    Thread.sleep(SETTLE_MILLIS);
                    long[][] g0 = VideoWindowWork.snapshot(factory);
                    long k0 = load.countsA.firstFramesSent.get() + load.countsB.firstFramesSent.get();
                    LoopbackCalls.Cpu cpu = load.cpuWindow(ROUND_SECONDS, factory);
                    load.pause();
                    long[][] g1 = VideoWindowWork.snapshot(factory);
                    System.out.printf(Locale.ROOT, "  round %d gateway: %.2f spc; to H.264 %s | to VP8 %s | far-end key frames sent %d%n",
                            round, cpu.total() == 0 ? 0 : cpu.encoded() / (cpu.total() / 1e9) / 30,
                            VideoWindowWork.describe(g0, g1, 0), VideoWindowWork.describe(g0, g1, 1),
                            load.countsA.firstFramesSent.get() + load.countsB.firstFramesSent.get() - k0);
                    gateway[round] = cpu.total() == 0 ? 0 : cpu.encoded() / (cpu.total() / 1e9) / 30;
                    gatewayFrames += cpu.encoded();
                    gatewayCpu += cpu.total();
                }
                long[] c0 = bare.counters();
                BareVideoLoop.Figures b = bare.measure(ROUND_SECONDS);
                long[] c1 = bare.counters();
                long half = Math.max(1, b.frames() / 2);
                System.out.printf(Locale.ROOT, "  round %d bare:    %.2f spc; to H.264 %d fr, key %d (in %d), %d B/fr, %.2f ms/fr"
                                + " | to VP8 %d fr, key %d (in %d), %d B/fr, %.2f ms/fr%n", round, b.streamsPerCore(),
                        c1[0] - c0[0], c1[1] - c0[1], c1[3] - c0[3], (c1[2] - c0[2]) / Math.max(1, c1[0] - c0[0]),
                        b.toH264Nanos() / 1e6 / half, c1[4] - c0[4], c1[5] - c0[5], c1[7] - c0[7],
                        (c1[6] - c0[6]) / Math.max(1, c1[4] - c0[4]), b.toVp8Nanos() / 1e6 / half);
                toH264[round] = b.toH264StreamsPerCore();
                toVp8[round] = b.toVp8StreamsPerCore();
                bareRounds[round] = b.streamsPerCore();
                bareFrames += b.frames();
                bareCpu += b.cpuNanos();
                // the same codec work at 30 fps, asleep between frames: what pacing alone costs (0035)
                pacedRounds[round] = bare.measurePaced(ROUND_SECONDS, FRAME_NANOS).streamsPerCore();
            }
            totals = factory.totals();
        } finally {
            factory.close();
        }
        double streamsPerCore = gateway[0];
        double[] ratios = new double[ROUNDS];
        double[] pacedRatios = new double[ROUNDS];
        StringBuilder rounds = new StringBuilder();
        for (int round = 0; round < ROUNDS; round++) {
            ratios[round] = gateway[round] / bareRounds[round];
            pacedRatios[round] = gateway[round] / pacedRounds[round];
            rounds.append(String.format(Locale.ROOT, " %.2f/%.2f=%.3f (paced %.2f)", gateway[round], bareRounds[round],
                    ratios[round], pacedRounds[round]));
        }
        double ratio = median(ratios);
        double ratioOfSums = gatewayCpu == 0 || bareFrames == 0 ? 0 : (gatewayFrames / gatewayCpu) / (bareFrames / bareCpu);
        System.out.printf(Locale.ROOT, "%s: %d calls (%d one-way streams), %.1f s, gateway cpu %.2f cores "
                        + "(I/O %.2f, transcode workers %.2f), frames back %.4f, bad %d%n", label, calls, 2 * calls,
                w.seconds(), w.coresUsed(), w.ioCores(), w.workerCores(), w.returnedFraction(), w.bad());
        System.out.println("  adapter counters (all calls): " + totals);
        System.out.printf(Locale.ROOT, "  streams per core %.2f; bare loop (first round): VP8->H.264 %.2f, H.264->VP8 %.2f,"
                + " mix %.2f; rounds (gateway/bare=ratio):%s; ratio (median) %.3f, of sums %.3f;"
                + " to the paced bare loop (median) %.3f%n", streamsPerCore,
                toH264[0], toVp8[0], bareRounds[0], rounds, ratio, ratioOfSums, median(pacedRatios));
        if (w.returnedFraction() < 0.99) {
            System.out.println("  NOT REAL-TIME at " + label + ": only " + w.returnedFraction() + " of the frames came back");
        }
        double[] sorted = ratios.clone();
        java.util.Arrays.sort(sorted);
        return new Figures(calls, streamsPerCore, bareRounds[0], ratio, sorted[0], sorted[sorted.length - 1],
                ratioOfSums, w.returnedFraction(), w.bad(), median(pacedRounds), median(pacedRatios));
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        java.util.Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** Each access unit cut into RTP payloads, as a sender would. */
    static List<List<byte[]>> packetize(List<byte[]> accessUnits, Packetizer packetizer) {
        List<List<byte[]>> frames = new ArrayList<>();
        byte[] payload = new byte[CodecFormatAdapterFactory.MAX_PAYLOAD];
        for (byte[] au : accessUnits) {
            if (!packetizer.setFrame(au, 0, au.length)) {
                throw new IllegalStateException("frame of " + au.length + " bytes not packetized");
            }
            List<byte[]> packets = new ArrayList<>();
            while (packetizer.hasNext()) {
                packets.add(java.util.Arrays.copyOf(payload, packetizer.next(payload, 0)));
            }
            frames.add(packets);
        }
        return frames;
    }
}
