package org.webims.media.codec.vp8;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import org.webims.media.codec.video.SystemVideoLibraries;

/**
 * JNA direct mapping of the libvpx 1.12 calls the VP8 encoder needs (vpx/vpx_encoder.h,
 * vpx/vpx_image.h, vpx/vp8cx.h). Pointers are passed as {@code long} addresses so no call
 * allocates. The offsets and sizes below are libvpx 1.12's (x86-64), checked against its headers;
 * {@link #ENCODER_ABI_VERSION} makes the library refuse a mismatching build
 * (VPX_CODEC_ABI_MISMATCH) rather than misread our structs.
 */
final class LibVpx {

    /** VPX_ENCODER_ABI_VERSION of 1.12: 15 + VPX_CODEC_ABI_VERSION (4 + VPX_IMAGE_ABI_VERSION 5) + VPX_EXT_RATECTRL_ABI_VERSION 1. */
    static final int ENCODER_ABI_VERSION = 15 + (4 + 5) + 1;

    static final int SIZEOF_CODEC_CTX = 56;
    static final int SIZEOF_ENC_CFG = 504;
    static final int SIZEOF_IMAGE = 136;

    // struct vpx_codec_enc_cfg
    static final int CFG_G_THREADS = 4;
    static final int CFG_G_W = 12;
    static final int CFG_G_H = 16;
    static final int CFG_G_TIMEBASE = 28;
    static final int CFG_G_ERROR_RESILIENT = 36;
    static final int CFG_G_LAG_IN_FRAMES = 44;
    static final int CFG_RC_DROPFRAME_THRESH = 48;
    static final int CFG_RC_END_USAGE = 72;
    static final int CFG_RC_TARGET_BITRATE = 112;
    static final int CFG_RC_MIN_QUANTIZER = 116;
    static final int CFG_RC_MAX_QUANTIZER = 120;
    static final int CFG_RC_UNDERSHOOT_PCT = 124;
    static final int CFG_RC_OVERSHOOT_PCT = 128;
    static final int CFG_RC_BUF_SZ = 132;
    static final int CFG_RC_BUF_INITIAL_SZ = 136;
    static final int CFG_RC_BUF_OPTIMAL_SZ = 140;
    static final int CFG_KF_MODE = 160;
    static final int CFG_KF_MIN_DIST = 164;
    static final int CFG_KF_MAX_DIST = 168;

    // struct vpx_image
    static final int IMG_PLANES = 48;
    static final int IMG_STRIDE = 80;

    // struct vpx_codec_cx_pkt
    static final int PKT_KIND = 0;
    static final int PKT_FRAME_BUF = 8;
    static final int PKT_FRAME_SZ = 16;
    static final int PKT_FRAME_FLAGS = 40;

    static final int CODEC_OK = 0;
    static final int CODEC_ABI_MISMATCH = 3;
    static final int IMG_FMT_I420 = 0x102;
    static final int CX_FRAME_PKT = 0;
    static final int FRAME_IS_KEY = 0x1;
    static final int EFLAG_FORCE_KF = 1;
    static final int ERROR_RESILIENT_DEFAULT = 0x1;
    static final int RC_CBR = 1;
    static final int KF_AUTO = 1;
    static final long DL_REALTIME = 1;
    static final int VP8E_SET_CPUUSED = 13;
    static final int VP8E_SET_NOISE_SENSITIVITY = 15;
    static final int VP8E_SET_STATIC_THRESHOLD = 17;
    static final int VP8E_SET_TOKEN_PARTITIONS = 18;
    static final int VP8E_SET_MAX_INTRA_BITRATE_PCT = 26;

    static {
        Native.register(LibVpx.class, NativeLibrary.getInstance(SystemVideoLibraries.LIBVPX));
    }

    private LibVpx() {
    }

    static native String vpx_codec_version_str();

    static native String vpx_codec_err_to_string(int err);

    static native long vpx_codec_vp8_cx();

    static native int vpx_codec_enc_config_default(long iface, long cfg, int usage);

    static native int vpx_codec_enc_init_ver(long ctx, long iface, long cfg, long flags, int abiVersion);

    static native int vpx_codec_enc_config_set(long ctx, long cfg);

    /** vpx_codec_control_ is variadic; its controls here take one int, which the x86-64 ABI passes alike. */
    static native int vpx_codec_control_(long ctx, int controlId, int value);

    static native long vpx_img_wrap(long img, int fmt, int width, int height, int align, long data);

    static native int vpx_codec_encode(long ctx, long img, long pts, long duration, long flags, long deadline);

    static native long vpx_codec_get_cx_data(long ctx, long iter);

    static native int vpx_codec_destroy(long ctx);

    /** Loads the library and binds the calls; throws UnsatisfiedLinkError when it cannot. */
    static void load() {
        // the static initializer did the work
    }
}
