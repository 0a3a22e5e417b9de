package org.webims.media.transcode;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Map;
import org.webims.media.codec.AudioCodecs;
import org.webims.media.codec.CodecException;
import org.webims.media.codec.amrwb.AmrWbDecoder;
import org.webims.media.codec.amrwb.AmrWbEncoder;
import org.webims.media.codec.amrwb.AmrWbFrames;
import org.webims.media.codec.opus.OpusDecoder;
import org.webims.media.codec.opus.OpusEncoder;
import org.webims.media.codec.resample.FirResampler;

/**
 * The audio-transcode bench's reference: the codec work of one Opus (48 kHz RTP) ⇄ AMR-WB call
 * exactly as {@link CodecFormatAdapterFactory} sets it up, in a bare loop (AMR-WB with DTX). That is Opus decoded
 * and encoded at 16 kHz where the back-end can (decision 0009), a resampler only where it cannot,
 * and no resampler toward Opus. The generic {@code AudioCodecBench} loop runs Opus at 48 kHz with
 * two resamplers, work the transcoder does not do (about 10 % more here), so comparing with it
 * flattered the full path. Thread CPU of the measuring thread only, as for the gateway's threads:
 * JIT and GC threads are counted on neither side.
 */
final class BareTranscodeLoop {

    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    private static final int RATE = AmrWbFrames.SAMPLE_RATE;

    private interface Step {
        void run(int frame) throws CodecException;
    }

    private BareTranscodeLoop() {
    }

    /**
     * µs of thread CPU per 20 ms frame of each step over {@code frames} frames of {@code wide}
     * (48 kHz speech), their sum, and {@code bare_codec_calls_per_core}.
     */
    static Map<String, Double> run(AudioCodecs codecs, short[] wide, int frames) throws CodecException {
        int w = OpusEncoder.FRAME_SAMPLES;
        int n = RATE / 50;
        int opusRate = OpusDecoder.isNativeSampleRate(RATE) ? RATE : OpusDecoder.SAMPLE_RATE;
        Map<String, Double> us = new LinkedHashMap<>();
        try (OpusDecoder opusDec = codecs.newOpusDecoder(opusRate); AmrWbEncoder amrEnc = codecs.newAmrWbEncoder(8);
                AmrWbDecoder amrDec = codecs.newAmrWbDecoder(); OpusEncoder opusEnc = codecs.newOpusEncoder(opusRate)) {
            // what the far ends send: Opus from a 48 kHz WebRTC encoder, AMR-WB 23.85 from 16 kHz speech
            byte[][] opusIn = new byte[frames][OpusEncoder.MAX_PACKET_BYTES];
            int[] opusInLength = new int[frames];
            byte[][] amrIn = new byte[frames][AmrWbFrames.MAX_FRAME_BYTES];
            int[] amrInLength = new int[frames];
            short[][] narrow = new short[frames][n];
            try (OpusEncoder far = codecs.newOpusEncoder(); AmrWbEncoder farAmr = codecs.newAmrWbEncoder(8)) {
                FirResampler down = FirResampler.create(48_000, RATE);
                for (int f = 0; f < frames; f++) {
                    opusInLength[f] = far.encode(wide, f * w, opusIn[f], 0, opusIn[f].length);
                    down.process(wide, f * w, w, narrow[f], 0);
                    amrInLength[f] = farAmr.encode(narrow[f], 0, amrIn[f], 0, amrIn[f].length);
                }
            }
            // toward AMR-WB the transcoder runs the encoder's DTX (decision 0019), whose VAD costs CPU
            amrEnc.setDtx(true);
            short[] pcm = new short[OpusDecoder.MAX_FRAME_SAMPLES];
            short[] pcmNarrow = new short[n];
            byte[] out = new byte[OpusEncoder.MAX_PACKET_BYTES];
            us.put("opus_decode_us", time(frames, f -> opusDec.decode(opusIn[f], 0, opusInLength[f], pcm, 0)));
            if (opusDec.sampleRate() != RATE) {
                // the bundled libopus decodes at 48 kHz whatever is asked: then, as in the transcoder, resample
                FirResampler toAmr = FirResampler.create(opusDec.sampleRate(), RATE);
                us.put("resample_to_16k_us", time(frames, f -> toAmr.process(wide, f * w, w, pcmNarrow, 0)));
            }
            us.put("amrwb_encode_us", time(frames, f -> amrEnc.encode(narrow[f], 0, out, 0, out.length)));
            us.put("amrwb_decode_us", time(frames, f -> amrDec.decode(amrIn[f], 0, amrInLength[f], pcm, 0)));
            // both back-ends encode Opus from 16 kHz PCM natively (AudioCodecs#newOpusEncoder(int))
            us.put("opus_encode_us", time(frames, f -> opusEnc.encode(narrow[f], 0, out, 0, out.length)));
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
}
