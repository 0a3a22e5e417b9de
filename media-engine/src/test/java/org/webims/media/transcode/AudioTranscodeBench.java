package org.webims.media.transcode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.webims.media.codec.AudioCodecBench;
import org.webims.media.codec.AudioCodecs;
import org.webims.media.codec.amrwb.AmrWbEncoder;
import org.webims.media.codec.opus.OpusEncoder;
import org.webims.media.codec.resample.FirResampler;
import org.webims.media.e2e.LoopbackMediaNode;
import org.webims.media.endpoint.rtp.RtpEndpointSettings;
import org.webims.media.node.MediaNode;
import org.webims.media.rtp.payload.amrwb.AmrWbFrameType;
import org.webims.media.rtp.payload.amrwb.AmrWbPacketizer;
import org.webims.media.rtp.payload.amrwb.AmrWbPayloadFormat;
import org.webims.media.sdp.negotiation.CodecCapability;

/**
 * bin/bench audio-transcode: N bidirectional Opus (48 kHz, 20 ms) <-> AMR-WB (23.85 kbit/s) calls
 * through the full RTP path on loopback: a media node, a pipeline per call with RtpEndpoint(Opus)
 * and RtpEndpoint(AMR-WB) connected both ways (receive, peer filter, depacketize, jitter buffer,
 * decode, resample, encode, packetize, send, RTCP). A load generator thread sends real Opus and
 * AMR-WB RTP to each call's two far ends (UDP sockets that negotiated by SDP) and counts what
 * returns. CPU is the media node's threads (I/O, transcode workers, scheduler); the bare codec
 * loop of {@link BareTranscodeLoop} (the same codec work, nothing else) runs in the same process
 * for the ratio. Then the largest number of calls that keeps real time (at least 99% of frames
 * back) is searched in steps.
 * Last line: one JSON object. Usage: AudioTranscodeBench [CALLS] [SECONDS]
 */
public final class AudioTranscodeBench {

    static final RtpEndpointSettings OPUS_SIDE = RtpEndpointSettings.defaults().withOfferedMedia(true, false)
            .withAudioCodecs(List.of(CodecCapability.of("opus", 48_000, 2)));
    static final RtpEndpointSettings AMR_WB_SIDE = RtpEndpointSettings.defaults().withOfferedMedia(true, false)
            .withAudioCodecs(List.of(CodecCapability.of("AMR-WB", 16_000)));
    static final double WARM_UP_SECONDS = 2;

    private AudioTranscodeBench() {
    }

    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        AudioCodecs codecs = AudioCodecs.get();
        short[] speech = AudioCodecBench.speechLike(48_000, 251);
        List<List<byte[]>> opus = new ArrayList<>();
        List<List<byte[]>> amr = new ArrayList<>();
        try (OpusEncoder oe = codecs.newOpusEncoder(); AmrWbEncoder ae = codecs.newAmrWbEncoder(8)) {
            FirResampler down = FirResampler.create(48_000, 16_000);
            short[] narrow = new short[320];
            byte[] buf = new byte[1500];
            AmrWbPacketizer pk = new AmrWbPacketizer(AmrWbPayloadFormat.BANDWIDTH_EFFICIENT, AmrWbFrameType.ALL_MODES, 1200);
            for (int f = 0; f < 250; f++) {
                opus.add(List.of(java.util.Arrays.copyOf(buf, oe.encode(speech, f * 960, buf, 0, buf.length))));
                down.process(speech, f * 960, 960, narrow, 0);
                int n = ae.encode(narrow, 0, buf, 0, buf.length);
                pk.setFrame(buf, 0, n);
                byte[] payload = new byte[1200];
                amr.add(List.of(java.util.Arrays.copyOf(payload, pk.next(payload, 0))));
            }
        }
        LoopbackCalls.Side opusSide = new LoopbackCalls.Side(OPUS_SIDE, "audio", "RTP/AVP", 111, "opus/48000/2",
                List.of(), opus, 960);
        LoopbackCalls.Side amrSide = new LoopbackCalls.Side(AMR_WB_SIDE, "audio", "RTP/AVP", 96, "AMR-WB/16000",
                List.of(), amr, 320);

        CodecFormatAdapterFactory factory = new CodecFormatAdapterFactory();
        int maxCalls = calls * 4 + 1;
        try (MediaNode node = LoopbackMediaNode.start(factory, 1, 4 * maxCalls + 40)) {
            System.gc();
            long heapBefore = usedHeap();
            LoopbackCalls.Window main;
            long heapWith;
            java.util.Map<String, Long> totals;
            try (LoopbackCalls load = LoopbackCalls.open(node, opusSide, amrSide, calls, 20_000_000L)) {
                load.start();
                Thread.sleep((long) (WARM_UP_SECONDS * 1000)); // JIT, jitter buffers filled
                System.gc();
                heapWith = usedHeap();
                main = load.measure(seconds, factory);
                totals = factory.totals();
            }
            // by work done: a call encodes 100 frames a second (50 each way); what was not asked is not counted
            double callsPerCore = main.framesPerCoreSecond() / 100;
            boolean realtime = main.returnedFraction() >= 0.99;
            System.out.printf(Locale.ROOT, "calls=%d seconds=%.1f gateway cpu=%.2f cores (I/O %.2f, transcode workers "
                    + "%.2f) frames back=%.4f bad=%d allocated=%.0f bytes/frame%n", calls, main.seconds(),
                    main.coresUsed(), main.ioCores(), main.workerCores(), main.returnedFraction(), main.bad(),
                    main.allocatedBytesPerFrame());
            System.out.println("adapter counters (all calls): " + totals);
            if (!realtime) {
                // the figure counts only CPU actually used; calls that did not keep up are not a capacity
                System.out.println("NOT REAL-TIME: only " + main.returnedFraction() + " of the frames came back");
            }
            int step = Math.max(3, Math.min(seconds, 8));
            java.util.Map<Integer, Double> perCoreAt = new java.util.HashMap<>();
            perCoreAt.put(calls, callsPerCore);
            int largest = LoopbackCalls.largestClean(calls, realtime, n -> {
                try (LoopbackCalls load = LoopbackCalls.open(node, opusSide, amrSide, n, 20_000_000L)) {
                    load.start();
                    Thread.sleep((long) (WARM_UP_SECONDS * 1000));
                    LoopbackCalls.Window w = load.measure(step, factory);
                    System.out.printf(Locale.ROOT, "  search: %d calls, frames back %.4f, %.2f cores%n", n,
                            w.returnedFraction(), w.coresUsed());
                    perCoreAt.put(n, w.framesPerCoreSecond() / 100);
                    return w.returnedFraction() >= 0.99;
                }
            });
            // the reference does the transcoder's own codec work (Opus at 16 kHz, no resampler with the
            // system back-end), not AudioCodecBench's 48 kHz loop with two resamplers: see BareTranscodeLoop
            Map<String, Double> bareSteps = BareTranscodeLoop.run(codecs, AudioCodecBench.speechLike(48_000, 2001), 2000);
            double bare = bareSteps.get("bare_codec_calls_per_core");
            System.out.println("bare codec loop, us per 20 ms: " + bareSteps);
            // fixed per-tick costs weigh less as the load grows: the figure at the largest real-time load too
            double atLargest = perCoreAt.getOrDefault(largest, 0.0);
            System.out.printf(Locale.ROOT, "calls_per_core=%.1f bare_codec_calls_per_core=%.1f ratio=%.3f "
                    + "largest real-time load=%d calls%s (steps of %d s), calls per core there %.1f (ratio %.3f)%n",
                    callsPerCore, bare, callsPerCore / bare, largest,
                    largest == calls * 4 ? " or more (the last step)" : "", step, atLargest, atLargest / bare);
            System.out.printf(Locale.ROOT,
                    "{\"bench\":\"audio-transcode\",\"path\":\"rtp-endpoints+pipeline on loopback\",\"calls\":%d,"
                            + "\"calls_per_core\":%.1f,\"bare_codec_calls_per_core\":%.1f,\"ratio_to_bare_codec\":%.3f,"
                            + "\"backend\":\"%s\",\"heap_bytes_per_call\":%d,\"returned_fraction\":%.4f,"
                            + "\"bad_packets\":%d,\"realtime\":%b,\"max_realtime_calls\":%d,"
                            + "\"calls_per_core_at_max_realtime\":%.1f,\"ratio_at_max_realtime\":%.3f,\"cores\":%d,"
                            + "\"gateway_alloc_bytes_per_frame\":%.0f}%n",
                    calls, callsPerCore, bare, callsPerCore / bare, codecs,
                    Math.max(0, (heapWith - heapBefore) / calls), main.returnedFraction(), main.bad(), realtime,
                    largest, atLargest, atLargest / bare, Runtime.getRuntime().availableProcessors(),
                    main.allocatedBytesPerFrame());
        } finally {
            factory.close();
        }
    }

    static long usedHeap() {
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }
}
