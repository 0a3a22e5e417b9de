package org.webims.media.codec;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.webims.media.codec.amrwb.AmrWbDecoder;
import org.webims.media.codec.amrwb.AmrWbEncoder;
import org.webims.media.codec.opus.OpusDecoder;
import org.webims.media.codec.opus.OpusEncoder;
import org.webims.media.codec.resample.FirResampler;

/**
 * The bare codec loop, per back-end: thread CPU µs per 20 ms frame for each step of transcoding a
 * WebRTC (Opus 48 kHz) ⇄ IMS (AMR-WB 16 kHz) call, and how many such calls one core carries in real
 * time. Run by {@code bin/bench audio-codec}; the last line is one JSON object.
 * Usage: AudioCodecBench [FRAMES]
 */
public final class AudioCodecBench {

    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private interface Step {
        void run(int frame) throws CodecException;
    }

    private AudioCodecBench() {
    }

    public static void main(String[] args) throws Exception {
        int frames = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        short[] wide = speechLike(48_000, frames + 1);
        List<String> json = new ArrayList<>();
        List<CodecBackend> backends = new ArrayList<>(List.of(CodecBackend.values()));
        if (!SystemCodecLibraries.available()) {
            System.out.println("system back-end unavailable: " + SystemCodecLibraries.unavailableReason());
            backends.remove(CodecBackend.SYSTEM);
        }
        for (CodecBackend backend : backends) {
            Map<String, Double> us = run(AudioCodecs.of(backend), wide, frames);
            System.out.printf(Locale.ROOT, "%-8s", backend.name().toLowerCase(Locale.ROOT));
            us.forEach((k, v) -> System.out.printf(Locale.ROOT, "  %s=%.1f", k, v));
            System.out.println();
            StringBuilder b = new StringBuilder("\"" + backend.name().toLowerCase(Locale.ROOT) + "\":{");
            us.forEach((k, v) -> b.append(String.format(Locale.ROOT, "\"%s\":%.1f,", k, v)));
            b.setLength(b.length() - 1);
            json.add(b.append('}').toString());
        }
        System.out.println("{\"bench\":\"audio-codec\",\"frames\":" + frames + "," + String.join(",", json) + "}");
    }

    /**
     * The bare loop on one back-end: µs per 20 ms frame of each step, their sum and
     * {@code bare_codec_calls_per_core}. Also the reference the audio-transcode bench compares with.
     */
    public static Map<String, Double> run(AudioCodecs codecs, short[] wide, int frames) throws CodecException {
        final int w = OpusEncoder.FRAME_SAMPLES;
        final int n = 320;
        Map<String, Double> us = new LinkedHashMap<>();
        try (OpusEncoder opusEnc = codecs.newOpusEncoder(); OpusDecoder opusDec = codecs.newOpusDecoder();
                AmrWbEncoder amrEnc = codecs.newAmrWbEncoder(8); AmrWbDecoder amrDec = codecs.newAmrWbDecoder()) {
            FirResampler down = FirResampler.create(48_000, 16_000);
            FirResampler up = FirResampler.create(16_000, 48_000);
            // inputs prepared up front so each step is timed alone
            byte[][] opusPackets = new byte[frames][opusEnc.maxEncodedBytes()];
            int[] opusLengths = new int[frames];
            short[][] narrow = new short[frames][n];
            byte[][] amrFrames = new byte[frames][amrEnc.maxEncodedBytes()];
            int[] amrLengths = new int[frames];
            short[] pcmOut = new short[OpusDecoder.MAX_FRAME_SAMPLES];
            try (OpusEncoder prep = codecs.newOpusEncoder(); AmrWbEncoder prepAmr = codecs.newAmrWbEncoder(8)) {
                FirResampler prepDown = FirResampler.create(48_000, 16_000);
                for (int f = 0; f < frames; f++) {
                    opusLengths[f] = prep.encode(wide, f * w, opusPackets[f], 0, opusPackets[f].length);
                    prepDown.process(wide, f * w, w, narrow[f], 0);
                    amrLengths[f] = prepAmr.encode(narrow[f], 0, amrFrames[f], 0, amrFrames[f].length);
                }
            }
            short[] scratchNarrow = new short[n];
            us.put("opus_encode_us", time(frames, f -> opusEnc.encode(wide, f * w, opusPackets[f], 0, opusPackets[f].length)));
            us.put("opus_decode_us", time(frames, f -> opusDec.decode(opusPackets[f], 0, opusLengths[f], pcmOut, 0)));
            us.put("amrwb_encode_us", time(frames, f -> amrEnc.encode(narrow[f], 0, amrFrames[f], 0, amrFrames[f].length)));
            us.put("amrwb_decode_us", time(frames, f -> amrDec.decode(amrFrames[f], 0, amrLengths[f], scratchNarrow, 0)));
            us.put("resample_48_16_us", time(frames, f -> down.process(wide, f * w, w, scratchNarrow, 0)));
            us.put("resample_16_48_us", time(frames, f -> up.process(narrow[f], 0, n, pcmOut, 0)));
        }
        double perCall = us.values().stream().mapToDouble(Double::doubleValue).sum();
        us.put("transcode_us_per_20ms", perCall);
        us.put("bare_codec_calls_per_core", 20_000.0 / perCall);
        return us;
    }

    /** Thread CPU µs per call of {@code step} over {@code frames} frames, after one warm-up pass. */
    private static double time(int frames, Step step) throws CodecException {
        int warm = Math.min(frames, 500);
        for (int f = 0; f < warm; f++) {
            step.run(f);
        }
        long start = CPU.getCurrentThreadCpuTime();
        for (int f = 0; f < frames; f++) {
            step.run(f);
        }
        return (CPU.getCurrentThreadCpuTime() - start) / 1000.0 / frames;
    }

    /** A voiced-speech stand-in: 20 harmonics of a gliding 110..190 Hz pitch, syllable-rate envelope, a little noise. */
    public static short[] speechLike(int rate, int frames) {
        short[] s = new short[frames * (rate / 50)];
        java.util.Random noise = new java.util.Random(1);
        double phase = 0;
        for (int i = 0; i < s.length; i++) {
            double t = (double) i / rate;
            double pitch = 150 + 40 * Math.sin(2 * Math.PI * 0.7 * t);
            phase += 2 * Math.PI * pitch / rate;
            double v = 0;
            for (int h = 1; h <= 20 && h * pitch < rate / 2.0; h++) {
                v += Math.sin(h * phase) / h;
            }
            double envelope = 0.55 + 0.45 * Math.sin(2 * Math.PI * 4 * t);
            s[i] = (short) Math.max(-32768, Math.min(32767, 4000 * v * envelope + 200 * noise.nextGaussian()));
        }
        return s;
    }
}
