package org.webims.media.codec.amrwb;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import org.webims.media.codec.CodecException;
import org.webims.media.codec.NativeCodecState;

/** {@link AmrWbDecoder} on the system libopencore-amrwb (D_IF_*: storage-format input). */
public final class SystemAmrWbDecoder implements AmrWbDecoder {

    private final Memory frameBuffer = new Memory(AmrWbFrames.MAX_FRAME_BYTES + 3);
    private final Memory pcmBuffer = new Memory(AmrWbFrames.FRAME_SAMPLES * 2L);
    /** The native state, checked before any native buffer is touched: they are freed on close. */
    private final NativeCodecState state = new NativeCodecState("AMR-WB decoder", LibAmrWb.Decoder.D_IF_init(),
            LibAmrWb.Decoder::D_IF_exit, frameBuffer, pcmBuffer);

    public SystemAmrWbDecoder() throws CodecException {
        if (!state.isOpen()) {
            close();
            throw new CodecException(CodecException.Fault.NATIVE_FAILURE, "D_IF_init returned NULL");
        }
        frameBuffer.clear();
    }

    @Override
    public int decode(byte[] frame, int offset, int length, short[] pcm, int pcmOffset) throws CodecException {
        Pointer st = state.open();
        int size = StorageFrameCheck.check(frame, offset, length);
        frameBuffer.write(0, frame, offset, size);
        return run(st, pcm, pcmOffset);
    }

    @Override
    public int conceal(short[] pcm, int pcmOffset) throws CodecException {
        // NO_DATA in speech state makes the decoder conceal the frame (TS 26.191 / 26.193 rx handler)
        Pointer st = state.open();
        frameBuffer.setByte(0, AmrWbFrames.header(AmrWbFrames.FT_NO_DATA, true));
        return run(st, pcm, pcmOffset);
    }

    private int run(Pointer st, short[] pcm, int pcmOffset) throws CodecException {
        CodecException.checkRoom(AmrWbFrames.FRAME_SAMPLES, pcm.length - pcmOffset, "samples");
        LibAmrWb.Decoder.D_IF_decode(st, frameBuffer, pcmBuffer, 0);
        pcmBuffer.read(0, pcm, pcmOffset, AmrWbFrames.FRAME_SAMPLES);
        return AmrWbFrames.FRAME_SAMPLES;
    }

    @Override
    public void close() {
        state.close();
    }
}
