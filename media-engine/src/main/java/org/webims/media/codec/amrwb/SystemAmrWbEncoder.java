package org.webims.media.codec.amrwb;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import org.webims.media.codec.CodecException;
import org.webims.media.codec.CodecException.Fault;

/** {@link AmrWbEncoder} on the system libvo-amrwbenc (E_IF_*: storage-format output). */
public final class SystemAmrWbEncoder implements AmrWbEncoder {

    private Pointer state;
    private final Memory pcmBuffer = new Memory(AmrWbFrames.FRAME_SAMPLES * 2L);
    /** vo-amrwbenc writes whole 16-bit words; leave room beyond the longest frame. */
    private final Memory frameBuffer = new Memory(AmrWbFrames.MAX_FRAME_BYTES + 3);
    private int mode;
    private boolean dtx;

    public SystemAmrWbEncoder(int mode) throws CodecException {
        AmrWbFrames.checkMode(mode);
        this.mode = mode;
        state = LibAmrWb.Encoder.E_IF_init();
        if (state == null) {
            close();
            throw new CodecException(Fault.NATIVE_FAILURE, "E_IF_init returned NULL");
        }
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
    public int maxEncodedBytes() {
        return AmrWbFrames.MAX_FRAME_BYTES;
    }

    @Override
    public int encode(short[] pcm, int pcmOffset, byte[] out, int outOffset, int outCapacity) throws CodecException {
        Pointer st = state;
        if (st == null) {
            throw new IllegalStateException("AMR-WB encoder is closed");
        }
        pcmBuffer.write(0, pcm, pcmOffset, AmrWbFrames.FRAME_SAMPLES);
        int n = LibAmrWb.Encoder.E_IF_encode(st, mode, pcmBuffer, frameBuffer, dtx ? 1 : 0);
        if (n <= 0 || n > AmrWbFrames.MAX_FRAME_BYTES) {
            throw new CodecException(Fault.NATIVE_FAILURE, "E_IF_encode returned " + n);
        }
        if (n > outCapacity) {
            throw new CodecException(Fault.OUTPUT_TOO_SMALL, n + " bytes for room of " + outCapacity);
        }
        frameBuffer.read(0, out, outOffset, n);
        return n;
    }

    @Override
    public void setMode(int mode) {
        AmrWbFrames.checkMode(mode);
        this.mode = mode;
    }

    @Override
    public int mode() {
        return mode;
    }

    @Override
    public void setBitrate(int bitsPerSecond) {
        mode = AmrWbFrames.modeForBitrate(bitsPerSecond);
    }

    @Override
    public int bitrate() {
        return AmrWbFrames.modeBitrate(mode);
    }

    @Override
    public boolean setDtx(boolean enabled) {
        dtx = enabled;
        return true;
    }

    @Override
    public void close() {
        if (state != null) {
            LibAmrWb.Encoder.E_IF_exit(state);
            state = null;
        }
        pcmBuffer.close();
        frameBuffer.close();
    }
}
