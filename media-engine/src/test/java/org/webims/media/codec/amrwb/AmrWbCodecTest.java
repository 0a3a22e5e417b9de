package org.webims.media.codec.amrwb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.webims.media.codec.AllocationMeter;
import org.webims.media.codec.AudioCodecs;
import org.webims.media.codec.Backends;
import org.webims.media.codec.CodecException;
import org.webims.media.codec.CodecException.Fault;
import org.webims.media.codec.Tones;

/** AMR-WB through real vo-amrwbenc and opencore-amrwb, on every back-end this machine has. */
class AmrWbCodecTest {

    private static final int FRAME = AmrWbFrames.FRAME_SAMPLES;
    private static final int FRAMES = 100; // 2 s
    private static final int SETTLE = 10;

    static Stream<AudioCodecs> backends() {
        return Backends.available();
    }

    static Stream<Arguments> backendsAndModes() {
        return Backends.available().flatMap(c -> IntStream.range(0, AmrWbFrames.MODE_COUNT).mapToObj(m -> Arguments.of(c, m)));
    }

    static Stream<Arguments> backendsAndToneModes() {
        return Backends.available().flatMap(c -> Stream.of(Arguments.of(c, 8), Arguments.of(c, 2)));
    }

    private static short[] roundTrip(AmrWbEncoder enc, AmrWbDecoder dec, short[] pcm) throws CodecException {
        short[] out = new short[pcm.length];
        byte[] frame = new byte[enc.maxEncodedBytes()];
        for (int f = 0; f < pcm.length / FRAME; f++) {
            int n = enc.encode(pcm, f * FRAME, frame, 0, frame.length);
            assertEquals(FRAME, dec.decode(frame, 0, n, out, f * FRAME));
        }
        return out;
    }

    @ParameterizedTest(name = "{0} mode {1}")
    @MethodSource("backendsAndToneModes")
    void oneKilohertzToneKeepsItsFrequencyAndLevel(AudioCodecs codecs, int mode) throws Exception {
        try (AmrWbEncoder enc = codecs.newAmrWbEncoder(mode); AmrWbDecoder dec = codecs.newAmrWbDecoder()) {
            short[] out = roundTrip(enc, dec, Tones.sine(1000, -10, 16_000, FRAMES * FRAME));
            int from = SETTLE * FRAME;
            int to = FRAMES * FRAME; // 28800 samples: whole 1 kHz periods
            double levelDb = Tones.db(Tones.goertzelAmplitude(out, from, to, 1000, 16_000), Tones.amplitude(-10));
            double toneShare = Tones.goertzelAmplitude(out, from, to, 1000, 16_000) / (Tones.rms(out, from, to) * Math.sqrt(2));
            // ACELP's gain quantiser tracks a steady tone in 50..6400 Hz closely (measured within 0.1 dB
            // at 23.85 and 12.65); ±0.5 dB still catches any gain, byte-order or rate fault (≥ 3 dB)
            assertEquals(0, levelDb, 0.5, "1 kHz level after AMR-WB mode " + mode + ", dB");
            assertTrue(toneShare > 0.9, "share of the output that is the 1 kHz tone: " + toneShare);
            assertEquals(1000, Tones.zeroCrossingHz(out, from, to, 16_000), 10, "frequency from zero crossings");
        }
    }

    @ParameterizedTest(name = "{0} mode {1}")
    @MethodSource("backendsAndModes")
    void eachModeGivesFramesOfItsStorageSize(AudioCodecs codecs, int mode) throws Exception {
        // RFC 4867 §5.3: 1 header octet + the mode's bits (TS 26.201 Table 1a) rounded up to octets
        int[] expectedBytes = {18, 24, 33, 37, 41, 47, 51, 59, 61};
        try (AmrWbEncoder enc = codecs.newAmrWbEncoder(mode)) {
            byte[] frame = new byte[enc.maxEncodedBytes()];
            short[] tone = Tones.sine(440, -20, 16_000, 5 * FRAME);
            for (int f = 0; f < 5; f++) {
                int n = enc.encode(tone, f * FRAME, frame, 0, frame.length);
                assertEquals(expectedBytes[mode], n, "bytes of a mode " + mode + " frame");
                assertEquals(mode, AmrWbFrames.frameType(frame[0]), "FT in the header octet");
                assertTrue(AmrWbFrames.quality(frame[0]), "Q bit");
                assertEquals(0, frame[0] & 0x83, "padding bits of the header octet");
            }
            assertEquals(AmrWbFrames.modeBitrate(mode), enc.bitrate());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void modeChangesApplyFromTheNextFrame(AudioCodecs codecs) throws Exception {
        try (AmrWbEncoder enc = codecs.newAmrWbEncoder(8)) {
            byte[] frame = new byte[enc.maxEncodedBytes()];
            short[] tone = Tones.sine(440, -20, 16_000, FRAME);
            assertEquals(61, enc.encode(tone, 0, frame, 0, frame.length));
            enc.setMode(2); // e.g. a CMR asking for 12.65 kbit/s
            assertEquals(33, enc.encode(tone, 0, frame, 0, frame.length));
            enc.setBitrate(16_000); // highest mode not above: 15.85 (mode 4)
            assertEquals(4, enc.mode());
            assertEquals(41, enc.encode(tone, 0, frame, 0, frame.length));
            assertThrows(IllegalArgumentException.class, () -> enc.setMode(9));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void dtxOnSilenceGivesSidAndNoDataFrames(AudioCodecs codecs) throws Exception {
        try (AmrWbEncoder enc = codecs.newAmrWbEncoder(8)) {
            assertTrue(enc.setDtx(true));
            byte[] frame = new byte[enc.maxEncodedBytes()];
            short[] silence = new short[FRAME];
            int sid = 0;
            int noData = 0;
            for (int f = 0; f < 100; f++) {
                int n = enc.encode(silence, 0, frame, 0, frame.length);
                int ft = AmrWbFrames.frameType(frame[0]);
                assertEquals(AmrWbFrames.storageFrameBytes(ft), n, "length of an FT " + ft + " frame");
                sid += ft == AmrWbFrames.FT_SID ? 1 : 0;
                noData += ft == AmrWbFrames.FT_NO_DATA ? 1 : 0;
            }
            // TS 26.193: after the hangover, a SID update every 8th frame and NO_DATA in between
            assertTrue(sid >= 5, "SID frames in 2 s of silence: " + sid);
            assertTrue(noData >= 50, "NO_DATA frames in 2 s of silence: " + noData);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void sidAndNoDataFramesDecodeToComfortNoiseFrames(AudioCodecs codecs) throws Exception {
        try (AmrWbEncoder enc = codecs.newAmrWbEncoder(8); AmrWbDecoder dec = codecs.newAmrWbDecoder()) {
            enc.setDtx(true);
            short[] out = roundTrip(enc, dec, new short[100 * FRAME]);
            assertTrue(Tones.rms(out, 50 * FRAME, 100 * FRAME) < Tones.amplitude(-40), "comfort noise stays quiet");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void concealFillsALostFrameFromTheDecodersPlc(AudioCodecs codecs) throws Exception {
        try (AmrWbEncoder enc = codecs.newAmrWbEncoder(8); AmrWbDecoder dec = codecs.newAmrWbDecoder()) {
            roundTrip(enc, dec, Tones.sine(1000, -10, 16_000, 20 * FRAME));
            short[] pcm = new short[FRAME];
            assertEquals(FRAME, dec.conceal(pcm, 0));
            assertTrue(Tones.rms(pcm, 0, FRAME) > Tones.amplitude(-30), "concealed frame RMS " + Tones.rms(pcm, 0, FRAME));
            assertEquals(FRAME, dec.conceal(pcm, 0));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void truncatedAndReservedFramesAreRejectedAndTheDecoderCarriesOn(AudioCodecs codecs) throws Exception {
        try (AmrWbEncoder enc = codecs.newAmrWbEncoder(8); AmrWbDecoder dec = codecs.newAmrWbDecoder()) {
            short[] pcm = new short[FRAME];
            byte[] frame = new byte[enc.maxEncodedBytes()];
            int n = enc.encode(Tones.sine(1000, -10, 16_000, FRAME), 0, frame, 0, frame.length);
            CodecException truncated = assertThrows(CodecException.class, () -> dec.decode(frame, 0, n - 1, pcm, 0));
            assertEquals(Fault.TRUNCATED_FRAME, truncated.fault());
            assertEquals(Fault.TRUNCATED_FRAME, assertThrows(CodecException.class, () -> dec.decode(frame, 0, 0, pcm, 0)).fault());
            for (int ft = 10; ft <= 13; ft++) {
                byte[] reserved = new byte[61];
                reserved[0] = AmrWbFrames.header(ft, true);
                assertEquals(Fault.RESERVED_FRAME_TYPE,
                        assertThrows(CodecException.class, () -> dec.decode(reserved, 0, reserved.length, pcm, 0)).fault());
            }
            assertEquals(Fault.OUTPUT_TOO_SMALL,
                    assertThrows(CodecException.class, () -> dec.decode(frame, 0, n, new short[FRAME - 1], 0)).fault());
            assertEquals(FRAME, dec.decode(frame, 0, n, pcm, 0));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void randomBytesNeverCrashTheDecoder(AudioCodecs codecs) throws Exception {
        Random random = new Random(26201);
        try (AmrWbDecoder dec = codecs.newAmrWbDecoder()) {
            short[] pcm = new short[FRAME];
            int decoded = 0;
            int rejected = 0;
            for (int i = 0; i < 2000; i++) {
                byte[] junk = new byte[1 + random.nextInt(70)];
                random.nextBytes(junk);
                try {
                    decoded += dec.decode(junk, 0, junk.length, pcm, 0) == FRAME ? 1 : 0;
                } catch (CodecException e) {
                    rejected++;
                }
            }
            assertEquals(2000, decoded + rejected);
            assertTrue(decoded > 0 && rejected > 0, decoded + " decoded, " + rejected + " rejected");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void closingTwiceIsSafeAndUseAfterCloseIsRefused(AudioCodecs codecs) throws Exception {
        AmrWbEncoder enc = codecs.newAmrWbEncoder(8);
        AmrWbDecoder dec = codecs.newAmrWbDecoder();
        enc.close();
        enc.close();
        dec.close();
        dec.close();
        assertThrows(IllegalStateException.class, () -> enc.encode(new short[FRAME], 0, new byte[61], 0, 61));
        assertThrows(IllegalStateException.class, () -> dec.conceal(new short[FRAME], 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void encodeAndDecodeAllocateNothingPerFrame(AudioCodecs codecs) throws Exception {
        try (AmrWbEncoder enc = codecs.newAmrWbEncoder(8); AmrWbDecoder dec = codecs.newAmrWbDecoder()) {
            short[] tone = Tones.sine(1000, -10, 16_000, FRAME);
            short[] out = new short[FRAME];
            byte[] frame = new byte[enc.maxEncodedBytes()];
            long bytes = AllocationMeter.bytesAllocatedBy(500, () -> {
                int n = enc.encode(tone, 0, frame, 0, frame.length);
                dec.decode(frame, 0, n, out, 0);
                dec.conceal(out, 0);
            });
            assertEquals(0, bytes, "bytes allocated over 500 frames");
        }
    }
}
