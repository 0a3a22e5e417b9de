package org.webims.media.codec.opus;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import org.webims.media.codec.CodecException;
import org.webims.media.codec.CodecException.Fault;
import org.webims.media.codec.NativeCodecState;

/** {@link OpusDecoder} on the system libopus: PLC and FEC through opus_decode itself. */
public final class SystemOpusDecoder implements OpusDecoder {

    private final Memory packetBuffer = new Memory(MAX_INPUT_BYTES);
    private final Memory pcmBuffer = new Memory(MAX_FRAME_SAMPLES * 2L);
    private final NativeCodecState state;
    private final int sampleRate;
    private final int frameSamples;

    public SystemOpusDecoder() throws CodecException {
        this(SAMPLE_RATE);
    }

    /** A decoder producing PCM at {@code sampleRate}: 8000, 12000, 16000, 24000 or 48000 Hz. */
    public SystemOpusDecoder(int sampleRate) throws CodecException {
        this.sampleRate = OpusSettings.checkSampleRate(sampleRate);
        this.frameSamples = sampleRate / 50;
        int[] error = new int[1];
        state = new NativeCodecState("Opus decoder", LibOpus.opus_decoder_create(sampleRate, 1, error),
                LibOpus::opus_decoder_destroy, packetBuffer, pcmBuffer);
        if (!state.isOpen() || error[0] != LibOpus.OPUS_OK) {
            close();
            throw new CodecException(Fault.NATIVE_FAILURE, "opus_decoder_create: " + LibOpus.opus_strerror(error[0]));
        }
    }

    @Override
    public int sampleRate() {
        return sampleRate;
    }

    @Override
    public int frameSamples() {
        return frameSamples;
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
        return run(nextPacket, offset, length, pcm, pcmOffset, frameSamples, 1);
    }

    @Override
    public int conceal(short[] pcm, int pcmOffset) throws CodecException {
        return run(null, 0, 0, pcm, pcmOffset, frameSamples, 0);
    }

    private int run(byte[] frame, int offset, int length, short[] pcm, int pcmOffset, int maxSamples, int fec)
            throws CodecException {
        Pointer st = state.open();
        if (frame != null && (length <= 0 || length > MAX_INPUT_BYTES)) {
            throw new CodecException(Fault.CORRUPT_FRAME, "Opus packet of " + length + " bytes");
        }
        CodecException.checkRoom(maxSamples, pcm.length - pcmOffset, "samples");
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

    @Override
    public void close() {
        state.close();
    }
}
