package org.webims.media.codec.opus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.webims.media.codec.AllocationMeter;
import org.webims.media.codec.AudioCodecs;
import org.webims.media.codec.CodecBackend;
import org.webims.media.codec.CodecException;
import org.webims.media.codec.Tones;

/** Opus through a real libopus, on every back-end this machine has. */
class OpusCodecTest {

    private static final int FRAME = OpusEncoder.FRAME_SAMPLES;
    private static final int FRAMES = 100; // 2 s
    private static final int SETTLE = 10;  // 200 ms: codec delay (6.5 ms) and the encoder's adaptation

    static java.util.stream.Stream<AudioCodecs> backends() {
        return org.webims.media.codec.Backends.available();
    }

    /** Encodes and decodes {@code pcm} frame by frame, returning the decoded signal. */
    private static short[] roundTrip(OpusEncoder enc, OpusDecoder dec, short[] pcm) throws CodecException {
        short[] out = new short[pcm.length];
        byte[] packet = new byte[enc.maxEncodedBytes()];
        for (int f = 0; f < pcm.length / FRAME; f++) {
            int n = enc.encode(pcm, f * FRAME, packet, 0, packet.length);
            assertEquals(FRAME, dec.decode(packet, 0, n, out, f * FRAME));
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void oneKilohertzToneKeepsItsFrequencyAndLevel(AudioCodecs codecs) throws Exception {
        try (OpusEncoder enc = codecs.newOpusEncoder(); OpusDecoder dec = codecs.newOpusDecoder()) {
            short[] out = roundTrip(enc, dec, Tones.sine(1000, -10, 48_000, FRAMES * FRAME));
            int from = SETTLE * FRAME;
            int to = FRAMES * FRAME; // 86400 samples: whole 1 kHz periods
            double levelDb = Tones.db(Tones.goertzelAmplitude(out, from, to, 1000, 48_000), Tones.amplitude(-10));
            double toneShare = Tones.goertzelAmplitude(out, from, to, 1000, 48_000) / (Tones.rms(out, from, to) * Math.sqrt(2));
            // Opus at 32 kbit/s is near-transparent for a steady tone (measured within 0.1 dB on both
            // back-ends); ±0.5 dB catches gain, sample-format and channel mix-ups (3 dB or more off)
            assertEquals(0, levelDb, 0.5, "1 kHz level after Opus, dB");
            assertTrue(toneShare > 0.95, "share of the output that is the 1 kHz tone: " + toneShare);
            assertEquals(1000, Tones.zeroCrossingHz(out, from, to, 48_000), 10, "frequency from zero crossings");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void oneKilohertzToneEncodedFrom16kHzDecodesAt16kHzWithItsFrequencyAndLevel(AudioCodecs codecs) throws Exception {
        try (OpusEncoder enc = codecs.newOpusEncoder(16_000); OpusDecoder dec = codecs.newOpusDecoder(16_000)) {
            assertEquals(16_000, enc.sampleRate());
            assertEquals(320, enc.frameSamples(), "20 ms at 16 kHz");
            // the bundled FFmpeg's libopus wrapper decodes at 48 kHz only: it reports so, never mislabels
            int rate = codecs.backend() == CodecBackend.SYSTEM ? 16_000 : 48_000;
            assertEquals(rate, dec.sampleRate());
            assertEquals(rate / 50, dec.frameSamples());
            short[] in = Tones.sine(1000, -10, 16_000, FRAMES * 320);
            short[] out = new short[FRAMES * dec.frameSamples()];
            byte[] packet = new byte[enc.maxEncodedBytes()];
            for (int f = 0; f < FRAMES; f++) {
                int n = enc.encode(in, f * 320, packet, 0, packet.length);
                assertEquals(dec.frameSamples(), dec.decode(packet, 0, n, out, f * dec.frameSamples()));
            }
            int from = SETTLE * dec.frameSamples();
            int to = out.length; // whole 1 kHz periods at either rate
            double amplitude = Tones.goertzelAmplitude(out, from, to, 1000, rate);
            assertEquals(0, Tones.db(amplitude, Tones.amplitude(-10)), 0.5, "1 kHz level after Opus at 16 kHz, dB");
            assertTrue(amplitude / (Tones.rms(out, from, to) * Math.sqrt(2)) > 0.95, "share that is the 1 kHz tone");
            assertEquals(1000, Tones.zeroCrossingHz(out, from, to, rate), 10, "frequency from zero crossings");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void sampleRatesLibopusDoesNotRunAtAreRefused(AudioCodecs codecs) {
        assertThrows(IllegalArgumentException.class, () -> codecs.newOpusEncoder(44_100));
        assertThrows(IllegalArgumentException.class, () -> codecs.newOpusDecoder(32_000));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void dtxOnSilenceSendsPacketsThatNeedNotBeTransmitted(AudioCodecs codecs) throws Exception {
        try (OpusEncoder enc = codecs.newOpusEncoder()) {
            boolean honoured = enc.setDtx(true);
            assertEquals(codecs.backend() == CodecBackend.SYSTEM, honoured, "only the system back-end can do Opus DTX");
            short[] silence = new short[FRAME];
            byte[] packet = new byte[enc.maxEncodedBytes()];
            int dtxPackets = 0;
            for (int f = 0; f < 50; f++) {
                if (OpusEncoder.isDtxPacket(enc.encode(silence, 0, packet, 0, packet.length))) {
                    dtxPackets++;
                }
            }
            if (honoured) {
                assertTrue(dtxPackets > 30, "DTX packets in 1 s of silence: " + dtxPackets);
            } else {
                assertEquals(0, dtxPackets);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void concealFillsALostFrameFromTheDecodersPlc(AudioCodecs codecs) throws Exception {
        try (OpusEncoder enc = codecs.newOpusEncoder(); OpusDecoder dec = codecs.newOpusDecoder()) {
            roundTrip(enc, dec, Tones.sine(1000, -10, 48_000, 20 * FRAME));
            short[] pcm = new short[FRAME];
            assertEquals(FRAME, dec.conceal(pcm, 0));
            // PLC continues the tone (fading) rather than playing silence
            assertTrue(Tones.rms(pcm, 0, FRAME) > Tones.amplitude(-30), "concealed frame RMS " + Tones.rms(pcm, 0, FRAME));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void concealBeforeAnyPacketGivesAFrame(AudioCodecs codecs) throws Exception {
        try (OpusDecoder dec = codecs.newOpusDecoder()) {
            assertEquals(FRAME, dec.conceal(new short[FRAME], 0));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void inBandFecRecoversTheLostFrameFromTheNextPacket(AudioCodecs codecs) throws Exception {
        // silence, then the tone: SILK codes LBRR only for frames its VAD calls active, which a tone
        // heard from its onset is (a tone present from the start is taken for background noise)
        short[] signal = Tones.sine(1000, -10, 48_000, 60 * FRAME);
        java.util.Arrays.fill(signal, 0, 30 * FRAME, (short) 0);
        try (OpusEncoder enc = codecs.newOpusEncoder(); OpusDecoder lossy = codecs.newOpusDecoder();
                OpusDecoder lossless = codecs.newOpusDecoder()) {
            enc.setInbandFec(true);
            enc.setPacketLossPercent(20);
            byte[][] packets = new byte[60][enc.maxEncodedBytes()];
            int[] lengths = new int[60];
            short[] reference = new short[signal.length];
            short[] out = new short[signal.length];
            for (int f = 0; f < 60; f++) {
                lengths[f] = enc.encode(signal, f * FRAME, packets[f], 0, packets[f].length);
                lossless.decode(packets[f], 0, lengths[f], reference, f * FRAME);
            }
            int lost = 40;
            for (int f = 0; f < 60; f++) {
                int n = f == lost
                        ? lossy.decodeFec(packets[f + 1], 0, lengths[f + 1], out, f * FRAME)
                        : lossy.decode(packets[f], 0, lengths[f], out, f * FRAME);
                assertEquals(FRAME, n);
            }
            double snr = snrDb(reference, out, lost * FRAME, (lost + 1) * FRAME);
            assertEquals(codecs.backend() == CodecBackend.SYSTEM, lossy.supportsFec());
            if (lossy.supportsFec()) {
                // measured ≈ 40 dB with FEC; PLC alone reaches ≈ 5 dB on this frame
                assertTrue(snr > 15, "recovered frame against the lossless decode, SNR dB: " + snr);
            }
            assertEquals(1000, Tones.zeroCrossingHz(out, (lost + 1) * FRAME, 60 * FRAME, 48_000), 10, "the stream goes on");
        }
    }

    private static double snrDb(short[] reference, short[] x, int from, int to) {
        double signal = 0;
        double noise = 0;
        for (int i = from; i < to; i++) {
            signal += (double) reference[i] * reference[i];
            noise += (double) (reference[i] - x[i]) * (reference[i] - x[i]);
        }
        return 10 * Math.log10(signal / Math.max(noise, 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void malformedPacketsAreRejectedAndTheDecoderCarriesOn(AudioCodecs codecs) throws Exception {
        try (OpusEncoder enc = codecs.newOpusEncoder(); OpusDecoder dec = codecs.newOpusDecoder()) {
            short[] pcm = new short[OpusDecoder.MAX_FRAME_SAMPLES];
            // RFC 6716 §3.4: code 1 with an odd payload (R3), code 3 with zero frames (R5), code 2 whose
            // first frame runs past the end (R4)
            byte[][] bad = {
                {(byte) 0xF9, 0x01},
                {(byte) 0xFB, 0x00},
                {(byte) 0xFA, (byte) 200, 1, 2, 3},
            };
            for (byte[] p : bad) {
                CodecException e = assertThrows(CodecException.class, () -> dec.decode(p, 0, p.length, pcm, 0));
                assertEquals(CodecException.Fault.CORRUPT_FRAME, e.fault(), e.getMessage());
            }
            assertEquals(CodecException.Fault.CORRUPT_FRAME,
                    assertThrows(CodecException.class, () -> dec.decode(new byte[0], 0, 0, pcm, 0)).fault());
            byte[] packet = new byte[enc.maxEncodedBytes()];
            int n = enc.encode(Tones.sine(1000, -10, 48_000, FRAME), 0, packet, 0, packet.length);
            assertEquals(FRAME, dec.decode(packet, 0, n, pcm, 0));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void randomBytesNeverCrashTheDecoder(AudioCodecs codecs) throws Exception {
        Random random = new Random(4867);
        try (OpusDecoder dec = codecs.newOpusDecoder()) {
            short[] pcm = new short[OpusDecoder.MAX_FRAME_SAMPLES];
            int decoded = 0;
            int rejected = 0;
            for (int i = 0; i < 2000; i++) {
                byte[] junk = new byte[1 + random.nextInt(400)];
                random.nextBytes(junk);
                try {
                    decoded += dec.decode(junk, 0, junk.length, pcm, 0) > 0 ? 1 : 0;
                } catch (CodecException e) {
                    rejected++;
                }
            }
            assertEquals(2000, decoded + rejected);
            assertTrue(rejected > 0, "some random packets must be invalid");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void decodingIntoTooSmallABufferIsRejected(AudioCodecs codecs) throws Exception {
        try (OpusEncoder enc = codecs.newOpusEncoder(); OpusDecoder dec = codecs.newOpusDecoder()) {
            byte[] packet = new byte[enc.maxEncodedBytes()];
            int n = enc.encode(new short[FRAME], 0, packet, 0, packet.length);
            assertEquals(CodecException.Fault.OUTPUT_TOO_SMALL,
                    assertThrows(CodecException.class, () -> dec.decode(packet, 0, n, new short[FRAME / 2], 0)).fault());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void closingTwiceIsSafeAndUseAfterCloseIsRefused(AudioCodecs codecs) throws Exception {
        OpusEncoder enc = codecs.newOpusEncoder();
        OpusDecoder dec = codecs.newOpusDecoder();
        enc.close();
        enc.close();
        dec.close();
        dec.close();
        assertThrows(IllegalStateException.class, () -> enc.encode(new short[FRAME], 0, new byte[1500], 0, 1500));
        assertThrows(IllegalStateException.class, () -> dec.conceal(new short[FRAME], 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void settingsOutOfRangeAreRefused(AudioCodecs codecs) throws Exception {
        try (OpusEncoder enc = codecs.newOpusEncoder()) {
            assertThrows(IllegalArgumentException.class, () -> enc.setComplexity(11));
            assertThrows(IllegalArgumentException.class, () -> enc.setPacketLossPercent(-1));
            assertThrows(IllegalArgumentException.class, () -> enc.setBitrate(100));
            enc.setBitrate(16_000);
            enc.setComplexity(5);
            assertEquals(16_000, enc.bitrate());
            byte[] packet = new byte[enc.maxEncodedBytes()];
            assertFalse(enc.encode(Tones.sine(1000, -10, 48_000, FRAME), 0, packet, 0, packet.length) <= 0);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void encodeAndDecodeAllocateNothingPerFrame(AudioCodecs codecs) throws Exception {
        try (OpusEncoder enc = codecs.newOpusEncoder(); OpusDecoder dec = codecs.newOpusDecoder()) {
            short[] tone = Tones.sine(1000, -10, 48_000, FRAME);
            short[] out = new short[FRAME];
            byte[] packet = new byte[enc.maxEncodedBytes()];
            long bytes = AllocationMeter.bytesAllocatedBy(500, () -> {
                int n = enc.encode(tone, 0, packet, 0, packet.length);
                dec.decode(packet, 0, n, out, 0);
                dec.conceal(out, 0);
            });
            assertEquals(0, bytes, "bytes allocated over 500 frames");
        }
    }
}
