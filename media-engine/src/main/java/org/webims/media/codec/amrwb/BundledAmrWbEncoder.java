package org.webims.media.codec.amrwb;

import java.util.Map;
import org.bytedeco.ffmpeg.global.avutil;
import org.webims.media.codec.CodecException;
import org.webims.media.codec.ffmpeg.FfmpegAudioEncoderCore;

/**
 * {@link AmrWbEncoder} on the bundled FFmpeg's libvo_amrwbenc, which calls E_IF_encode and so gives
 * storage-format frames. It reads the context's bit_rate and its "dtx" option on every frame, so
 * mode and DTX changes apply without re-opening.
 */
public final class BundledAmrWbEncoder extends ModeSettingAmrWbEncoder {

    private final FfmpegAudioEncoderCore core;

    public BundledAmrWbEncoder(int mode) throws CodecException {
        super(mode);
        core = FfmpegAudioEncoderCore.open("libvo_amrwbenc", AmrWbFrames.SAMPLE_RATE, AmrWbFrames.FRAME_SAMPLES,
                AmrWbFrames.modeBitrate(mode), -1, Map.of("dtx", "0"));
    }

    @Override
    public int encode(short[] pcm, int pcmOffset, byte[] out, int outOffset, int outCapacity) throws CodecException {
        return core.encode(pcm, pcmOffset, out, outOffset, outCapacity);
    }

    /** libvo_amrwbenc reads the context's bit_rate on every frame. */
    @Override
    void applyMode(int mode) {
        core.context().bit_rate(AmrWbFrames.modeBitrate(mode));
    }

    @Override
    public boolean setDtx(boolean enabled) {
        return avutil.av_opt_set_int(core.context().priv_data(), "dtx", enabled ? 1 : 0, 0) >= 0;
    }

    @Override
    public void close() {
        core.close();
    }
}
