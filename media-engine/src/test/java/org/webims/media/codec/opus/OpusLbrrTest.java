package org.webims.media.codec.opus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.webims.media.codec.AudioCodecs;
import org.webims.media.codec.Tones;

/**
 * The LBRR flag read from packets of a real libopus encoder (RFC 6716 §4.2.3): there in packets
 * of active speech when in-band FEC is on and loss is expected, absent with no loss expected or
 * FEC off, as libopus's own choice (decide_fec) makes it.
 */
class OpusLbrrTest {

    static final int FRAME = 320; // 20 ms at 16 kHz, the rate our Opus <-> AMR-WB transcoder encodes from
    static final int FRAMES = 150;

    static Stream<AudioCodecs> backends() {
        return org.webims.media.codec.Backends.available();
    }

    /** Encodes 3 s of speech-like sound; returns per packet {TOC, LBRR present ? 1 : 0}. */
    static int[][] encode(AudioCodecs codecs, boolean fec, int lossPercent, int bitrate) throws Exception {
        short[] speech = Tones.speechLike(16_000, FRAMES * FRAME);
        int[][] out = new int[FRAMES][];
        try (OpusEncoder enc = codecs.newOpusEncoder(16_000)) {
            enc.setBitrate(bitrate);
            enc.setInbandFec(fec);
            enc.setPacketLossPercent(lossPercent);
            byte[] packet = new byte[enc.maxEncodedBytes()];
            for (int f = 0; f < FRAMES; f++) {
                int n = enc.encode(speech, f * FRAME, packet, 0, packet.length);
                out[f] = new int[] {packet[0] & 0xFF, OpusLbrr.present(packet, 0, n) ? 1 : 0};
            }
        }
        return out;
    }

    static int withLbrr(int[][] packets) {
        int n = 0;
        for (int[] p : packets) {
            n += p[1];
        }
        return n;
    }

    /** RFC 6716 §3.1 Table 2: the audio bandwidth a TOC's configuration codes, 0 NB .. 4 FB. */
    static int bandwidth(int toc) {
        int config = toc >>> 3;
        if (config < 12) {
            return config / 4; // SILK-only: NB, MB, WB
        }
        if (config < 16) {
            return config < 14 ? 3 : 4; // hybrid: SWB, FB
        }
        int celt = (config - 16) / 4; // CELT-only: NB, WB, SWB, FB
        return celt == 0 ? 0 : celt + 1;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void fecWithLossExpectedPutsLbrrInTheSpeechPackets(AudioCodecs codecs) throws Exception {
        int[][] packets = encode(codecs, true, 20, 32_000);
        int lbrr = withLbrr(packets);
        // the signal sounds 240 of every 340 ms; LBRR protects the frame before, when that was speech
        assertTrue(lbrr > FRAMES / 3, "packets with LBRR: " + lbrr + " of " + FRAMES);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void noLossExpectedOrFecOffMeansNoLbrr(AudioCodecs codecs) throws Exception {
        assertEquals(0, withLbrr(encode(codecs, true, 0, 32_000)), "FEC on, 0 % loss expected");
        assertEquals(0, withLbrr(encode(codecs, false, 20, 32_000)), "FEC off, 20 % loss expected");
    }

    /**
     * The audio floor our WebRTC endpoint lets the estimate push Opus to (20 kbit/s, decision 0070)
     * still codes wideband with LBRR at the most loss the encoder is told (20 %); 16 kbit/s does not
     * pay for it.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void atTheAudioFloorFecStillCodesWideband(AudioCodecs codecs) throws Exception {
        int[][] packets = encode(codecs, true, 20, 20_000);
        int lbrr = withLbrr(packets);
        int narrower = 0;
        for (int[] p : packets) {
            if (p[1] == 1 && bandwidth(p[0]) < 2) {
                narrower++;
            }
        }
        int[][] at16k = encode(codecs, true, 20, 16_000);
        int narrowerAt16k = 0;
        for (int[] p : at16k) {
            narrowerAt16k += bandwidth(p[0]) < 2 ? 1 : 0;
        }
        System.out.println("Opus LBRR at 20 kbit/s, 20 % loss (" + codecs.backend() + "): " + lbrr + " of " + FRAMES
                + " packets, " + narrower + " of them narrower than wideband; at 16 kbit/s " + withLbrr(at16k)
                + " with LBRR, " + narrowerAt16k + " packets narrower than wideband");
        assertTrue(lbrr > FRAMES / 3, "packets with LBRR at 20 kbit/s: " + lbrr);
        assertEquals(0, narrower, "LBRR packets below wideband at 20 kbit/s");
        // measured with libopus 1.3.1 and the bundled FFmpeg's: none at all at 16 kbit/s (its decide_fec)
        assertTrue(withLbrr(at16k) < lbrr / 2, "16 kbit/s affords less FEC: " + withLbrr(at16k));
    }

    @Test
    void celtOnlyShortAndCodeThreePacketsHaveNoLbrr() {
        byte[] celt = {(byte) (31 << 3), (byte) 0xFF, (byte) 0xFF, 0};
        assertFalse(OpusLbrr.present(celt, 0, celt.length), "CELT-only has no SILK layer");
        byte[] tocOnly = {(byte) (9 << 3)};
        assertFalse(OpusLbrr.present(tocOnly, 0, 1), "an empty frame (DTX)");
        byte[] code2Short = {(byte) ((9 << 3) | 2), (byte) 200, 0};
        assertFalse(OpusLbrr.present(code2Short, 0, code2Short.length), "a first frame longer than the packet");
        byte[] code3 = {(byte) ((9 << 3) | 3), 1, 0, 0};
        assertFalse(OpusLbrr.present(code3, 0, code3.length), "code 3 is not read");
    }

    /**
     * A SILK frame whose range-coded first symbols are VAD 1, LBRR 1: with rng 2^31 after init and
     * two renormalizations, val below 2^30 reads a 1, then below 2^29 another; a first byte of 0xFF
     * gives val = 127 - 127 = 0, the smallest, so both flags read 1 (§4.1.1, §4.1.3.3).
     */
    @Test
    void theFirstTwoHalfProbabilitySymbolsAreVadAndLbrr() {
        byte[] both = {(byte) (9 << 3), (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF};
        assertTrue(OpusLbrr.present(both, 0, both.length));
        byte[] none = {(byte) (9 << 3), 0, 0, 0, 0}; // val as large as it gets: both symbols 0
        assertFalse(OpusLbrr.present(none, 0, none.length));
        // stereo (TOC s bit): mid VAD, mid LBRR 0, side VAD, side LBRR: a set side flag counts too
        byte[] stereoNone = {(byte) ((9 << 3) | 4), 0, 0, 0, 0};
        assertFalse(OpusLbrr.present(stereoNone, 0, stereoNone.length));
    }
}
