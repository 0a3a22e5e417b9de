package org.webims.media.codec.amrwb;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import org.webims.media.codec.CodecException;
import org.webims.media.codec.CodecException.Fault;
import org.webims.media.codec.NativeCodecState;

/** {@link AmrWbEncoder} on the system libvo-amrwbenc (E_IF_*: storage-format output). */
public final class SystemAmrWbEncoder extends ModeSettingAmrWbEncoder {

    private final Memory pcmBuffer = new Memory(AmrWbFrames.FRAME_SAMPLES * 2L);
    /** vo-amrwbenc writes whole 16-bit words; leave room beyond the longest frame. */
    private final Memory frameBuffer = new Memory(AmrWbFrames.MAX_FRAME_BYTES + 3);
    private final NativeCodecState state;
    private boolean dtx;

    public SystemAmrWbEncoder(int mode) throws CodecException {
        super(mode);
        state = new NativeCodecState("AMR-WB encoder", LibAmrWb.Encoder.E_IF_init(), LibAmrWb.Encoder::E_IF_exit,
                pcmBuffer, frameBuffer);
        if (!state.isOpen()) {
            close();
            throw new CodecException(Fault.NATIVE_FAILURE, "E_IF_init returned NULL");
        }
    }

    @Override
    public int encode(short[] pcm, int pcmOffset, byte[] out, int outOffset, int outCapacity) throws CodecException {
        Pointer st = state.open();
        pcmBuffer.write(0, pcm, pcmOffset, AmrWbFrames.FRAME_SAMPLES);
        int n = LibAmrWb.Encoder.E_IF_encode(st, mode(), pcmBuffer, frameBuffer, dtx ? 1 : 0);
        if (n <= 0 || n > AmrWbFrames.MAX_FRAME_BYTES) {
            throw new CodecException(Fault.NATIVE_FAILURE, "E_IF_encode returned " + n);
        }
        CodecException.checkRoom(n, outCapacity, "bytes");
        frameBuffer.read(0, out, outOffset, n);
        return n;
    }

    @Override
    public boolean setDtx(boolean enabled) {
        dtx = enabled;
        return true;
    }

    @Override
    public void close() {
        state.close();
    }
}
