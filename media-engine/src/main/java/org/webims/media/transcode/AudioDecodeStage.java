package org.webims.media.transcode;

import java.util.Map;
import org.webims.media.codec.AudioDecoder;
import org.webims.media.codec.CodecException;
import org.webims.media.codec.opus.OpusDecoder;

/**
 * Turns received frames into PCM at the source's rate: a codec decoder (Opus, AMR-WB), or, for
 * L16, a byte-order conversion. Also makes the PCM for frames that never came: the codec's own
 * concealment, or Opus in-band FEC from the packet after the gap (RFC 6716 §2.1.7).
 */
final class AudioDecodeStage implements AutoCloseable {

    /** Longest decoded packet: Opus's 120 ms at 48 kHz (RFC 6716 §3.2.5). */
    static final int MAX_SAMPLES = OpusDecoder.MAX_FRAME_SAMPLES;

    private final AudioDecoder decoder; // null for L16
    private final OpusDecoder opus; // the same decoder when it is Opus
    private final int sampleRate;
    private final int clockRate;
    private final int frameSamples;
    private long decoded;
    private long concealed;
    private long recovered;
    private long corrupt;

    private AudioDecodeStage(AudioDecoder decoder, int sampleRate, int clockRate) {
        this.decoder = decoder;
        this.opus = decoder instanceof OpusDecoder o && o.supportsFec() ? o : null;
        this.sampleRate = sampleRate;
        this.clockRate = clockRate;
        this.frameSamples = sampleRate / 50;
    }

    /**
     * A codec whose RTP clock is {@code clockRate}; its PCM may run slower (Opus decoded at 16 kHz
     * keeps its 48 kHz RTP clock, RFC 7587 §4.1), but always by an integer factor.
     */
    static AudioDecodeStage codec(AudioDecoder decoder, int clockRate) {
        if (clockRate % decoder.sampleRate() != 0) {
            throw new IllegalArgumentException("RTP clock " + clockRate + " is not a multiple of " + decoder.sampleRate());
        }
        return new AudioDecodeStage(decoder, decoder.sampleRate(), clockRate);
    }

    /** RFC 3551 §4.5.11: L16 is big-endian signed 16-bit. */
    static AudioDecodeStage l16(int sampleRate) {
        return new AudioDecodeStage(null, sampleRate, sampleRate);
    }

    /** Rate of the PCM this stage produces. */
    int sampleRate() {
        return sampleRate;
    }

    /** The source's RTP clock: the unit of its timestamps. */
    int clockRate() {
        return clockRate;
    }

    /** Samples one concealed frame covers (20 ms). */
    int frameSamples() {
        return frameSamples;
    }

    /** Decodes one frame into {@code pcm[0..]}; returns samples, or 0 (counted) for a bad frame. */
    int decode(byte[] frame, int offset, int length, short[] pcm) {
        if (decoder == null) {
            int n = Math.min(length / 2, pcm.length);
            for (int i = 0; i < n; i++) {
                pcm[i] = (short) ((frame[offset + 2 * i] << 8) | (frame[offset + 2 * i + 1] & 0xFF));
            }
            decoded++;
            return n;
        }
        try {
            int n = decoder.decode(frame, offset, length, pcm, 0);
            decoded++;
            return n;
        } catch (CodecException e) {
            corrupt++;
            return 0;
        }
    }

    /** One 20 ms frame for a frame that was lost. */
    int conceal(short[] pcm) {
        concealed++;
        if (decoder != null) {
            try {
                return decoder.conceal(pcm, 0);
            } catch (CodecException e) {
                corrupt++;
            }
        }
        java.util.Arrays.fill(pcm, 0, frameSamples, (short) 0);
        return frameSamples;
    }

    /** The lost frame just before {@code next}: from its in-band FEC if the codec has it, else concealed. */
    int recover(byte[] next, int offset, int length, short[] pcm) {
        if (opus == null || length <= 0) {
            return conceal(pcm);
        }
        try {
            int n = opus.decodeFec(next, offset, length, pcm, 0);
            recovered++;
            return n;
        } catch (CodecException e) {
            return conceal(pcm);
        }
    }

    void putCounters(Map<String, Long> into) {
        into.put("decode.frames", decoded);
        into.put("decode.concealed", concealed);
        into.put("decode.fecRecovered", recovered);
        into.put("decode.corrupt", corrupt);
    }

    @Override
    public void close() {
        if (decoder != null) {
            decoder.close();
        }
    }
}
