package org.webims.media.codec.amrwb;

import org.webims.media.codec.CodecException;
import org.webims.media.codec.CodecException.Fault;
import org.webims.media.codec.ffmpeg.FfmpegAudioDecoderCore;

/**
 * {@link AmrWbDecoder} on the bundled FFmpeg: libopencore_amrwb (D_IF_decode, with the codec's own
 * concealment), else FFmpeg's native amrwb decoder. Both take storage-format frames.
 */
public final class BundledAmrWbDecoder implements AmrWbDecoder {

    private final FfmpegAudioDecoderCore core;
    private final byte[] noData = {AmrWbFrames.header(AmrWbFrames.FT_NO_DATA, true)};

    public BundledAmrWbDecoder() throws CodecException {
        core = FfmpegAudioDecoderCore.open(AmrWbFrames.SAMPLE_RATE, AmrWbFrames.MAX_FRAME_BYTES, "libopencore_amrwb", "amrwb");
    }

    @Override
    public int decode(byte[] frame, int offset, int length, short[] pcm, int pcmOffset) throws CodecException {
        int size = StorageFrameCheck.check(frame, offset, length);
        return expectFrame(core.decode(frame, offset, size, pcm, pcmOffset));
    }

    @Override
    public int conceal(short[] pcm, int pcmOffset) throws CodecException {
        // NO_DATA in speech state makes opencore conceal the frame, as in SystemAmrWbDecoder
        return expectFrame(core.decode(noData, 0, 1, pcm, pcmOffset));
    }

    private static int expectFrame(int samples) throws CodecException {
        if (samples != AmrWbFrames.FRAME_SAMPLES) {
            throw new CodecException(Fault.NATIVE_FAILURE, "AMR-WB decoder gave " + samples + " samples");
        }
        return samples;
    }

    @Override
    public void close() {
        core.close();
    }
}
