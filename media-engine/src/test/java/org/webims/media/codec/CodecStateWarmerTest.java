package org.webims.media.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;
import org.webims.media.codec.amrwb.AmrWbDecoder;
import org.webims.media.codec.amrwb.AmrWbEncoder;
import org.webims.media.codec.opus.OpusDecoder;
import org.webims.media.codec.opus.OpusEncoder;

/** The sweep of decision 0055 finds every system codec's state and only reads it: output byte for byte the same. */
class CodecStateWarmerTest {

    private static final int RATE = 16_000;
    private static final int FRAME = RATE / 50;
    private static final int FRAMES = 100;

    @Test
    void everySystemCodecHasAStateToSweep() throws CodecException {
        assumeTrue(SystemCodecLibraries.available());
        AudioCodecs codecs = AudioCodecs.of(CodecBackend.SYSTEM);
        try (OpusEncoder oe = codecs.newOpusEncoder(RATE); OpusDecoder od = codecs.newOpusDecoder(RATE);
                AmrWbEncoder ae = codecs.newAmrWbEncoder(8); AmrWbDecoder ad = codecs.newAmrWbDecoder()) {
            for (Object codec : new Object[] {oe, od, ae, ad}) {
                assertTrue(CodecStateWarmers.of(codec).bytes() >= 1024, codec.getClass().getSimpleName());
            }
        }
    }

    @Test
    void sweepingBeforeEveryCallLeavesTheOutputUnchanged() throws CodecException {
        assumeTrue(SystemCodecLibraries.available());
        assertArrayEquals(chain(false), chain(true));
    }

    /** Opus -> AMR-WB -> Opus over a tone, every native call preceded by a sweep of that codec if {@code warm}. */
    private static byte[] chain(boolean warm) throws CodecException {
        AudioCodecs codecs = AudioCodecs.of(CodecBackend.SYSTEM);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        short[] tone = Tones.sine(440, -12, RATE, FRAME * FRAMES);
        short[] pcm = new short[OpusDecoder.MAX_FRAME_SAMPLES];
        byte[] out = new byte[OpusEncoder.MAX_PACKET_BYTES];
        try (OpusEncoder oe = codecs.newOpusEncoder(RATE); OpusDecoder od = codecs.newOpusDecoder(RATE);
                AmrWbEncoder ae = codecs.newAmrWbEncoder(8); AmrWbDecoder ad = codecs.newAmrWbDecoder();
                OpusEncoder back = codecs.newOpusEncoder(RATE)) {
            CodecStateWarmer[] w = {CodecStateWarmers.of(oe), CodecStateWarmers.of(od), CodecStateWarmers.of(ae),
                CodecStateWarmers.of(ad), CodecStateWarmers.of(back)};
            for (int f = 0; f < FRAMES; f++) {
                sweep(warm, w[0]);
                int n = oe.encode(tone, f * FRAME, out, 0, out.length);
                all.write(out, 0, n);
                sweep(warm, w[1]);
                assertEquals(FRAME, od.decode(out, 0, n, pcm, 0));
                sweep(warm, w[2]);
                n = ae.encode(pcm, 0, out, 0, out.length);
                all.write(out, 0, n);
                sweep(warm, w[3]);
                ad.decode(out, 0, n, pcm, 0);
                sweep(warm, w[4]);
                n = back.encode(pcm, 0, out, 0, out.length);
                all.write(out, 0, n);
            }
        }
        return all.toByteArray();
    }

    private static void sweep(boolean warm, CodecStateWarmer w) {
        if (warm) {
            w.warm();
        }
    }
}
