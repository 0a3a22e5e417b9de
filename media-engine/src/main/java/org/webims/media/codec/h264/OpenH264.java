package org.webims.media.codec.h264;

import com.sun.jna.Function;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import org.webims.media.codec.video.SystemVideoLibraries;

/**
 * JNA binding of openh264 2.3.1's C encoder API (wels/codec_api.h, codec_app_def.h,
 * codec_def.h). The encoder object is a pointer to a table of function pointers
 * (ISVCEncoderVtbl); each entry takes the object as its first argument. Offsets and sizes are
 * 2.3.1's on x86-64, checked against its headers; {@link #checkVersion} refuses another release.
 */
final class OpenH264 {

    static final int SIZEOF_ENC_PARAM_EXT = 920;
    static final int SIZEOF_SOURCE_PICTURE = 72;
    static final int SIZEOF_FRAME_BS_INFO = 5144;
    static final int SIZEOF_LAYER_BS_INFO = 40;
    static final int SIZEOF_SPATIAL_LAYER_CONFIG = 200;

    // SEncParamExt
    static final int P_USAGE_TYPE = 0;
    static final int P_PIC_WIDTH = 4;
    static final int P_PIC_HEIGHT = 8;
    static final int P_TARGET_BITRATE = 12;
    static final int P_RC_MODE = 16;
    static final int P_MAX_FRAME_RATE = 20;
    static final int P_TEMPORAL_LAYER_NUM = 24;
    static final int P_SPATIAL_LAYER_NUM = 28;
    static final int P_SPATIAL_LAYERS = 32;
    static final int P_INTRA_PERIOD = 836;
    static final int P_NUM_REF_FRAME = 840;
    static final int P_SPS_PPS_ID_STRATEGY = 844;
    static final int P_PREFIX_NAL_ADDING = 848;
    static final int P_ENABLE_SSEI = 849;
    static final int P_ENTROPY_CODING_MODE = 856;
    static final int P_ENABLE_FRAME_SKIP = 860;
    static final int P_MAX_BITRATE = 864;
    static final int P_MAX_NAL_SIZE = 876;
    static final int P_MULTIPLE_THREAD_IDC = 892;
    static final int P_ENABLE_DENOISE = 908;
    static final int P_ENABLE_BACKGROUND_DETECTION = 909;
    static final int P_ENABLE_SCENE_CHANGE_DETECT = 912;

    // SSpatialLayerConfig (inside SEncParamExt at P_SPATIAL_LAYERS)
    static final int L_VIDEO_WIDTH = 0;
    static final int L_VIDEO_HEIGHT = 4;
    static final int L_FRAME_RATE = 8;
    static final int L_SPATIAL_BITRATE = 12;
    static final int L_MAX_SPATIAL_BITRATE = 16;
    static final int L_PROFILE_IDC = 20;
    static final int L_LEVEL_IDC = 24;
    static final int L_SLICE_MODE = 32;
    static final int L_SLICE_NUM = 36;
    static final int L_SLICE_SIZE_CONSTRAINT = 32 + 148;

    // SSourcePicture
    static final int S_COLOR_FORMAT = 0;
    static final int S_STRIDE = 4;
    static final int S_DATA = 24;
    static final int S_PIC_WIDTH = 56;
    static final int S_PIC_HEIGHT = 60;
    static final int S_TIMESTAMP = 64;

    // SFrameBSInfo / SLayerBSInfo
    static final int F_LAYER_NUM = 0;
    static final int F_LAYER_INFO = 8;
    static final int F_FRAME_TYPE = 5128;
    static final int LAYER_NAL_COUNT = 16;
    static final int LAYER_NAL_LENGTHS = 24;
    static final int LAYER_BS_BUF = 32;

    // vtable slots (ISVCEncoderVtbl)
    static final int VT_INITIALIZE_EXT = 1;
    static final int VT_GET_DEFAULT_PARAMS = 2;
    static final int VT_UNINITIALIZE = 3;
    static final int VT_ENCODE_FRAME = 4;
    static final int VT_FORCE_INTRA_FRAME = 6;
    static final int VT_SET_OPTION = 7;

    static final int CAMERA_VIDEO_REAL_TIME = 0;
    static final int RC_BITRATE_MODE = 1;
    static final int PRO_BASELINE = 66;
    static final int SM_SINGLE_SLICE = 0;
    static final int SM_SIZELIMITED_SLICE = 3;
    static final int CONSTANT_ID = 0;
    static final int VIDEO_FORMAT_I420 = 23;
    static final int FRAME_TYPE_SKIP = 4;
    static final int FRAME_TYPE_IDR = 1;
    static final int ENCODER_OPTION_DATAFORMAT = 0;
    static final int ENCODER_OPTION_FRAME_RATE = 4;
    static final int ENCODER_OPTION_BITRATE = 5;
    static final int ENCODER_OPTION_MAX_BITRATE = 6;
    static final int ENCODER_OPTION_TRACE_LEVEL = 25;
    static final int SPATIAL_LAYER_ALL = 4;
    static final int WELS_LOG_ERROR = 1;
    static final int WELS_LOG_QUIET = 0;

    static {
        Native.register(OpenH264.class, NativeLibrary.getInstance(SystemVideoLibraries.OPENH264));
    }

    private OpenH264() {
    }

    static native int WelsCreateSVCEncoder(long encoderOut);

    static native void WelsDestroySVCEncoder(long encoder);

    static native void WelsGetCodecVersionEx(long versionOut);

    /** The library's version as "major.minor.revision". */
    static String version() {
        try (com.sun.jna.Memory version = new com.sun.jna.Memory(16)) {
            WelsGetCodecVersionEx(Pointer.nativeValue(version));
            return version.getInt(0) + "." + version.getInt(4) + "." + version.getInt(8);
        }
    }

    /** Refuses any release but 2.3.x, whose struct layout this binding hard-codes. */
    static void checkVersion() {
        String version = version();
        if (!version.startsWith("2.3.")) {
            throw new UnsatisfiedLinkError(SystemVideoLibraries.OPENH264 + " is openh264 " + version
                    + "; the binding knows 2.3's ABI only");
        }
    }

    /** The vtable entry {@code slot} of an encoder object. */
    static Function vtableFunction(long encoder, int slot) {
        Pointer vtable = new Pointer(encoder).getPointer(0);
        return Function.getFunction(vtable.getPointer(8L * slot));
    }
}
