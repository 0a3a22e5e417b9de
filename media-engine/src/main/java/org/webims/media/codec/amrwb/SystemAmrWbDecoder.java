package org.webims.media.codec.amrwb;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import org.webims.media.codec.CodecException;
import org.webims.media.codec.CodecException.Fault;

/** {@link AmrWbDecoder} on the system libopencore-amrwb (D_IF_*: storage-format input). */
public final class SystemAmrWbDecoder implements AmrWbDecoder {

    private Pointer state;
    private final Memory frameBuffer = new Memory(AmrWbFrames.MAX_FRAME_BYTES + 3);
    private final Memory pcmBuffer = new Memory(AmrWbFrames.FRAME_SAMPLES * 2L);

    public SystemAmrWbDecoder() throws CodecException {
        state = LibAmrWb.Decoder.D_IF_init();
        if (state == null) {
            close();
            throw new CodecException(Fault.NATIVE_FAILURE, "D_IF_init returned NULL");
        }
        frameBuffer.clear();
    }

    @Override
    public int sampleRate() {
        return AmrWbFrames.SAMPLE_RATE;
    }

    @Override
    public int frameSamples() {
        return AmrWbFrames.FRAME_SAMPLES;
    }

    @Override
    public int decode(byte[] frame, int offset, int length, short[] pcm, int pcmOffset) throws CodecException {
        Pointer st = open();
        int size = StorageFrameCheck.check(frame, offset, length);
        frameBuffer.write(0, frame, offset, size);
        return run(st, pcm, pcmOffset);
    }

    @Override
    public int conceal(short[] pcm, int pcmOffset) throws CodecException {
        // NO_DATA in speech state makes the decoder conceal the frame (TS 26.191 / 26.193 rx handler)
        Pointer st = open();
        frameBuffer.setByte(0, AmrWbFrames.header(AmrWbFrames.FT_NO_DATA, true));
        return run(st, pcm, pcmOffset);
    }

    /** The native state, checked before any native buffer is touched: they are freed on close. */
    private Pointer open() {
        Pointer st = state;
        if (st == null) {
            throw new IllegalStateException("AMR-WB decoder is closed");
        }
        return st;
    }

    private int run(Pointer st, short[] pcm, int pcmOffset) throws CodecException {
        if (pcm.length - pcmOffset < AmrWbFrames.FRAME_SAMPLES) {
            throw new CodecException(Fault.OUTPUT_TOO_SMALL, "room for " + (pcm.length - pcmOffset) + " samples");
        }
        LibAmrWb.Decoder.D_IF_decode(st, frameBuffer, pcmBuffer, 0);
        pcmBuffer.read(0, pcm, pcmOffset, AmrWbFrames.FRAME_SAMPLES);
        return AmrWbFrames.FRAME_SAMPLES;
    }

    @Override
    public void close() {
        if (state != null) {
            LibAmrWb.Decoder.D_IF_exit(state);
            state = null;
        }
        frameBuffer.close();
        pcmBuffer.close();
    }
}
