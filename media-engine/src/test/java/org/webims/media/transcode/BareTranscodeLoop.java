package org.webims.media.transcode;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import org.webims.media.codec.AudioCodecs;
import org.webims.media.codec.CodecException;
import org.webims.media.codec.CodecStateWarmer;
import org.webims.media.codec.CodecStateWarmers;
import org.webims.media.codec.amrwb.AmrWbDecoder;
import org.webims.media.codec.amrwb.AmrWbEncoder;
import org.webims.media.codec.amrwb.AmrWbFrames;
import org.webims.media.codec.opus.OpusDecoder;
import org.webims.media.codec.opus.OpusEncoder;
import org.webims.media.codec.resample.FirResampler;

/**
 * The audio-transcode bench's reference: the codec work of one Opus (48 kHz RTP) ⇄ AMR-WB call
 * exactly as {@link CodecFormatAdapterFactory} sets it up for the bench's SDP, on the very frames
 * the bench's far ends send, in a bare loop. Per 20 ms: the far end's Opus packet decoded (at
 * 16 kHz where the back-end can, decision 0009, else at 48 kHz and resampled as the transcoder
 * does), that PCM encoded to AMR-WB 23.85 with DTX (decision 0019); the far end's AMR-WB frame
 * decoded and that PCM encoded to Opus at 16 kHz with the encoder's defaults (no fmtp in the
 * bench's offer: no FEC, no DTX, no bitrate cap). No RTP, no jitter buffer, no threads: what is
 * left of the gateway's CPU beyond this is the price of the path. Thread CPU of the calling
 * thread only, as for the gateway's threads: JIT and GC threads are counted on neither side.
 * The codecs keep their state from one {@link #run} to the next, as a call's do.
 */
final class BareTranscodeLoop implements AutoCloseable {

    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    private static final int RATE = AmrWbFrames.SAMPLE_RATE;

    private final List<byte[]> opusIn;
    private final List<byte[]> amrIn;
    private final OpusDecoder opusDec;
    private final AmrWbEncoder amrEnc;
    private final AmrWbDecoder amrDec;
    private final OpusEncoder opusEnc;
    private final FirResampler toAmr; // null where libopus decodes at 16 kHz itself
    private final short[] pcm = new short[OpusDecoder.MAX_FRAME_SAMPLES];
    private final short[] pcmNarrow = new short[RATE / 50];
    private final byte[] out = new byte[OpusEncoder.MAX_PACKET_BYTES];
    private int next;
    private CodecStateWarmer[] warmers;

    /**
     * {@code opusIn}: the Opus packets the bench's Opus far end sends; {@code amrFrames}: the
     * AMR-WB storage-format frames (RFC 4867 §5.3) its AMR-WB far end packetizes and sends.
     */
    BareTranscodeLoop(AudioCodecs codecs, List<byte[]> opusIn, List<byte[]> amrFrames) throws CodecException {
        this.opusIn = opusIn;
        this.amrIn = amrFrames;
        int opusRate = OpusDecoder.isNativeSampleRate(RATE) ? RATE : OpusDecoder.SAMPLE_RATE;
        opusDec = codecs.newOpusDecoder(opusRate);
        amrEnc = codecs.newAmrWbEncoder(8);
        amrEnc.setDtx(true);
        amrDec = codecs.newAmrWbDecoder();
        opusEnc = codecs.newOpusEncoder(opusRate);
        toAmr = opusDec.sampleRate() == RATE ? null : FirResampler.create(opusDec.sampleRate(), RATE);
    }

    /** Thread CPU µs per 20 ms of one call (both directions) over the next {@code frames} frames. */
    double run(int frames) throws CodecException {
        long start = CPU.getCurrentThreadCpuTime();
        for (int f = 0; f < frames; f++) {
            frame();
        }
        return (CPU.getCurrentThreadCpuTime() - start) / 1000.0 / frames;
    }

    private void frame() throws CodecException {
        toAmrWb();
        toOpus();
    }

    /** Reads this call's four codec states through, one load per cache line (BareAudioPacingCheck, decision 0055). */
    void warmStates() {
        if (warmers == null) {
            warmers = new CodecStateWarmer[] {CodecStateWarmers.of(opusDec), CodecStateWarmers.of(amrEnc),
                CodecStateWarmers.of(amrDec), CodecStateWarmers.of(opusEnc)};
        }
        for (CodecStateWarmer w : warmers) {
            w.warm();
        }
    }

    /** This frame's Opus -> AMR-WB direction: the far end's Opus packet decoded, encoded to AMR-WB. */
    void toAmrWb() throws CodecException {
        byte[] opus = opusIn.get(next);
        int n = opusDec.decode(opus, 0, opus.length, pcm, 0);
        if (toAmr != null) {
            toAmr.process(pcm, 0, n, pcmNarrow, 0);
            amrEnc.encode(pcmNarrow, 0, out, 0, out.length);
        } else {
            amrEnc.encode(pcm, 0, out, 0, out.length);
        }
    }

    /** This frame's AMR-WB -> Opus direction, then on to the next frame. */
    void toOpus() throws CodecException {
        byte[] amr = amrIn.get(next % amrIn.size());
        next = (next + 1) % opusIn.size();
        amrDec.decode(amr, 0, amr.length, pcm, 0);
        opusEnc.encode(pcm, 0, out, 0, out.length);
    }

    @Override
    public void close() {
        opusDec.close();
        amrEnc.close();
        amrDec.close();
        opusEnc.close();
    }
}
