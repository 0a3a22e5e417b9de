package org.webims.media.codec.opus;

import org.webims.media.codec.AudioDecoder;
import org.webims.media.codec.CodecException;

/**
 * Opus decoder: Opus packets (RTP payloads, RFC 7587) to mono PCM at {@link #sampleRate()}: 48 kHz
 * by default, or a lower rate libopus decodes to natively (RFC 6716 §4.3.9: any of 8, 12, 16, 24 kHz),
 * whatever bandwidth the packet codes. A packet may hold up to 120 ms ({@link #MAX_FRAME_SAMPLES}
 * at 48 kHz); {@link #conceal} produces 20 ms.
 */
public interface OpusDecoder extends AudioDecoder {

    int SAMPLE_RATE = 48_000;
    int FRAME_SAMPLES = 960;
    /** 120 ms at 48 kHz: the longest packet (RFC 6716 §3.2.5). */
    int MAX_FRAME_SAMPLES = 5760;
    /** Input bigger than this is not one Opus packet we would ever receive in RTP (RFC 6716 §3.4 R5 allows 1275 * 48). */
    int MAX_INPUT_BYTES = 1275 * 3;

    /** Whether libopus decodes to (and encodes from) PCM at {@code hz} natively (opus.h, opus_decoder_create). */
    static boolean isNativeSampleRate(int hz) {
        return hz == 8_000 || hz == 12_000 || hz == 16_000 || hz == 24_000 || hz == 48_000;
    }

    /** Whether {@link #decodeFec} recovers from in-band FEC (else it conceals). */
    boolean supportsFec();

    /**
     * Recovers the frame lost just before {@code nextPacket} from the in-band FEC that packet carries
     * (RFC 6716 §2.1.7). Call it for the gap, then {@link #decode} {@code nextPacket} as usual.
     * Writes {@link #frameSamples()} samples; where the packet has no FEC, libopus conceals.
     */
    int decodeFec(byte[] nextPacket, int offset, int length, short[] pcm, int pcmOffset) throws CodecException;
}
