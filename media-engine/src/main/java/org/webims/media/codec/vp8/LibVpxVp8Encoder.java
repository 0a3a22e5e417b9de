package org.webims.media.codec.vp8;

import static org.webims.media.codec.vp8.LibVpx.*;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import org.webims.media.codec.ConfiguredVideoEncoder;
import org.webims.media.codec.EncodedVideoFrame;
import org.webims.media.codec.VideoCodecException;
import org.webims.media.codec.VideoCodecType;
import org.webims.media.codec.VideoEncoderConfig;
import org.webims.media.codec.video.NativeView;
import org.webims.media.video.I420Picture;

/**
 * VP8 encoder on the system's libvpx 1.12 through JNA, set up for realtime communication the way
 * WebRTC sets libvpx up: one pass, no look-ahead, CBR with a 1 s buffer, quantizer 2..56,
 * error-resilient mode (RFC 7741 receivers may lose frames), a fixed realtime speed ({@value #CPU_USED}).
 * Input pictures must have the encoder's size. Bitrate changes apply in place
 * ({@code vpx_codec_enc_config_set}), without a key frame.
 */
public final class LibVpxVp8Encoder extends ConfiguredVideoEncoder {

    /**
     * libvpx's cpu-used for VP8 realtime. A negative value fixes the speed at its magnitude; a
     * positive one (this encoder had +8) makes libvpx pick the speed per frame from the wall time
     * its last encodes took (vp8_auto_select_speed, between 4 and 16), so the work done per frame
     * followed preemption and the host's load, and differed between two encoders of the same input
     * (decision 0051). 6 is what WebRTC's VP8 encoder fixes on desktop CPUs.
     */
    public static final int CPU_USED = -6;

    private final Memory context = new Memory(SIZEOF_CODEC_CTX);
    private final Memory encoderConfig = new Memory(SIZEOF_ENC_CFG);
    private final Memory image = new Memory(SIZEOF_IMAGE);
    private final Memory iterator = new Memory(8);
    private final long contextAddress = Pointer.nativeValue(context);
    private final long imageAddress = Pointer.nativeValue(image);
    private final long iteratorAddress = Pointer.nativeValue(iterator);
    private final NativeView view = new NativeView();
    private long pts;
    private boolean initialized;

    public LibVpxVp8Encoder(VideoEncoderConfig config) throws VideoCodecException {
        super(config);
        if (config.codec() != VideoCodecType.VP8) {
            throw new IllegalArgumentException("not a VP8 configuration: " + config);
        }
        try {
            init();
        } catch (VideoCodecException | RuntimeException | UnsatisfiedLinkError e) {
            close();
            throw e;
        }
    }

    private void init() throws VideoCodecException {
        context.clear();
        encoderConfig.clear();
        image.clear();
        long iface = vpx_codec_vp8_cx();
        long cfg = Pointer.nativeValue(encoderConfig);
        check(vpx_codec_enc_config_default(iface, cfg, 0), "vpx_codec_enc_config_default");
        encoderConfig.setInt(CFG_G_THREADS, 1);
        encoderConfig.setInt(CFG_G_W, config.width());
        encoderConfig.setInt(CFG_G_H, config.height());
        encoderConfig.setInt(CFG_G_TIMEBASE, 1);
        encoderConfig.setInt(CFG_G_TIMEBASE + 4, config.fps());
        encoderConfig.setInt(CFG_G_ERROR_RESILIENT, ERROR_RESILIENT_DEFAULT);
        encoderConfig.setInt(CFG_G_LAG_IN_FRAMES, 0);
        encoderConfig.setInt(CFG_RC_DROPFRAME_THRESH, 0); // one frame out per picture in
        encoderConfig.setInt(CFG_RC_END_USAGE, RC_CBR);
        encoderConfig.setInt(CFG_RC_TARGET_BITRATE, targetBitrate() / 1000);
        encoderConfig.setInt(CFG_RC_MIN_QUANTIZER, 2);
        encoderConfig.setInt(CFG_RC_MAX_QUANTIZER, 56);
        encoderConfig.setInt(CFG_RC_UNDERSHOOT_PCT, 100);
        encoderConfig.setInt(CFG_RC_OVERSHOOT_PCT, 15);
        encoderConfig.setInt(CFG_RC_BUF_SZ, 1000);
        encoderConfig.setInt(CFG_RC_BUF_INITIAL_SZ, 500);
        encoderConfig.setInt(CFG_RC_BUF_OPTIMAL_SZ, 600);
        encoderConfig.setInt(CFG_KF_MODE, KF_AUTO);
        encoderConfig.setInt(CFG_KF_MIN_DIST, 0);
        encoderConfig.setInt(CFG_KF_MAX_DIST, config.keyFrameInterval() > 0 ? config.keyFrameInterval() : 1 << 30);
        check(vpx_codec_enc_init_ver(contextAddress, iface, cfg, 0, ENCODER_ABI_VERSION), "vpx_codec_enc_init_ver");
        initialized = true;
        check(vpx_codec_control_(contextAddress, VP8E_SET_CPUUSED, CPU_USED), "VP8E_SET_CPUUSED");
        check(vpx_codec_control_(contextAddress, VP8E_SET_NOISE_SENSITIVITY, 0), "VP8E_SET_NOISE_SENSITIVITY");
        check(vpx_codec_control_(contextAddress, VP8E_SET_STATIC_THRESHOLD, 1), "VP8E_SET_STATIC_THRESHOLD");
        check(vpx_codec_control_(contextAddress, VP8E_SET_TOKEN_PARTITIONS, 0), "VP8E_SET_TOKEN_PARTITIONS");
        // WebRTC's cap on key frame size: 0.5 x frames per second x 100 % of the per-frame budget
        check(vpx_codec_control_(contextAddress, VP8E_SET_MAX_INTRA_BITRATE_PCT, config.fps() * 50),
                "VP8E_SET_MAX_INTRA_BITRATE_PCT");
        // a template image (fmt, sizes, chroma shifts); its plane pointers are re-aimed every frame
        if (vpx_img_wrap(imageAddress, IMG_FMT_I420, config.width(), config.height(), 1, 1L << 12) == 0) {
            throw new VideoCodecException("vpx_img_wrap refused " + config.width() + "x" + config.height());
        }
    }

    private void check(int err, String call) throws VideoCodecException {
        if (err != CODEC_OK) {
            throw new VideoCodecException("libvpx " + call + ": " + vpx_codec_err_to_string(err)
                    + (err == CODEC_ABI_MISMATCH ? " (the system libvpx is not 1.12's ABI)" : ""));
        }
    }

    @Override
    public boolean encode(I420Picture picture, EncodedVideoFrame out) throws VideoCodecException {
        checkPicture(picture);
        for (int p = 0; p < 3; p++) {
            image.setLong(IMG_PLANES + 8L * p, picture.address(p));
            image.setInt(IMG_STRIDE + 4L * p, picture.stride(p));
        }
        long flags = takeKeyFrameRequest() ? EFLAG_FORCE_KF : 0;
        check(vpx_codec_encode(contextAddress, imageAddress, pts++, 1, flags, DL_REALTIME), "vpx_codec_encode");
        iterator.setLong(0, 0);
        int length = 0;
        boolean key = false;
        long packet;
        while ((packet = vpx_codec_get_cx_data(contextAddress, iteratorAddress)) != 0) {
            view.at(packet);
            if (view.getInt(PKT_KIND) != CX_FRAME_PKT) {
                continue;
            }
            long buffer = view.getLong(PKT_FRAME_BUF);
            int size = (int) view.getLong(PKT_FRAME_SZ);
            key |= (view.getInt(PKT_FRAME_FLAGS) & FRAME_IS_KEY) != 0;
            byte[] target = out.ensureCapacity(length + size, length);
            view.at(buffer).read(0, target, length, size);
            length += size;
        }
        return finish(out, length, key, picture);
    }

    @Override
    protected int applyBitrate(int bitsPerSecond) throws VideoCodecException {
        encoderConfig.setInt(CFG_RC_TARGET_BITRATE, bitsPerSecond / 1000);
        check(vpx_codec_enc_config_set(contextAddress, Pointer.nativeValue(encoderConfig)), "vpx_codec_enc_config_set");
        return bitsPerSecond;
    }

    @Override
    public String implementation() {
        return "system libvpx " + vpx_codec_version_str();
    }

    @Override
    protected void release() {
        if (initialized) {
            vpx_codec_destroy(contextAddress);
        }
        context.close();
        encoderConfig.close();
        image.close();
        iterator.close();
    }
}
