package org.webims.media.codec.opus;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import org.webims.media.codec.CodecException;
import org.webims.media.codec.CodecException.Fault;

/** {@link OpusDecoder} on the system libopus: PLC and FEC through opus_decode itself. */
public final class SystemOpusDecoder implements OpusDecoder {

    /** Input bigger than this is not one Opus packet we would ever receive in RTP (RFC 6716 §3.4 R5 allows 1275 * 48). */
    private static final int MAX_PACKET_BYTES = 1275 * 3;

    private Pointer state;
    private final Memory packetBuffer = new Memory(MAX_PACKET_BYTES);
    private final Memory pcmBuffer = new Memory(MAX_FRAME_SAMPLES * 2L);

    public SystemOpusDecoder() throws CodecException {
        int[] error = new int[1];
        state = LibOpus.opus_decoder_create(SAMPLE_RATE, 1, error);
        if (state == null || error[0] != LibOpus.OPUS_OK) {
            close();
            throw new CodecException(Fault.NATIVE_FAILURE, "opus_decoder_create: " + LibOpus.opus_strerror(error[0]));
        }
    }

    @Override
    public int sampleRate() {
        return SAMPLE_RATE;
    }

    @Override
    public int frameSamples() {
        return FRAME_SAMPLES;
    }

    @Override
    public boolean supportsFec() {
        return true;
    }

    @Override
    public int decode(byte[] frame, int offset, int length, short[] pcm, int pcmOffset) throws CodecException {
        return run(frame, offset, length, pcm, pcmOffset, Math.min(pcm.length - pcmOffset, MAX_FRAME_SAMPLES), 0);
    }

    @Override
    public int decodeFec(byte[] nextPacket, int offset, int length, short[] pcm, int pcmOffset) throws CodecException {
        // with decode_fec=1 the frame size must be the lost frame's duration (opus.h, opus_decode)
        return run(nextPacket, offset, length, pcm, pcmOffset, FRAME_SAMPLES, 1);
    }

    @Override
    public int conceal(short[] pcm, int pcmOffset) throws CodecException {
        return run(null, 0, 0, pcm, pcmOffset, FRAME_SAMPLES, 0);
    }

    private int run(byte[] frame, int offset, int length, short[] pcm, int pcmOffset, int maxSamples, int fec)
            throws CodecException {
        Pointer st = open();
        if (frame != null && (length <= 0 || length > MAX_PACKET_BYTES)) {
            throw new CodecException(Fault.CORRUPT_FRAME, "Opus packet of " + length + " bytes");
        }
        if (maxSamples > pcm.length - pcmOffset) {
            throw new CodecException(Fault.OUTPUT_TOO_SMALL, "room for " + (pcm.length - pcmOffset) + " samples");
        }
        if (frame != null) {
            packetBuffer.write(0, frame, offset, length);
        }
        int n = LibOpus.opus_decode(st, frame == null ? null : packetBuffer, length, pcmBuffer, maxSamples, fec);
        if (n < 0) {
            throw new CodecException(n == LibOpus.OPUS_BUFFER_TOO_SMALL ? Fault.OUTPUT_TOO_SMALL : Fault.CORRUPT_FRAME,
                    "opus_decode returned " + n);
        }
        pcmBuffer.read(0, pcm, pcmOffset, n);
        return n;
    }

    private Pointer open() {
        Pointer st = state;
        if (st == null) {
            throw new IllegalStateException("Opus decoder is closed");
        }
        return st;
    }

    @Override
    public void close() {
        if (state != null) {
            LibOpus.opus_decoder_destroy(state);
            state = null;
        }
        packetBuffer.close();
        pcmBuffer.close();
    }
}
