package org.webims.media.codec;

import com.sun.jna.NativeLibrary;

/**
 * The system codec libraries, by their exact sonames (no -dev symlinks are installed), and whether
 * all of them load with the entry points we bind.
 */
public final class SystemCodecLibraries {

    public static final String OPUS = "libopus.so.0";
    /** opencore's AMR-WB decoder (D_IF_init / D_IF_decode / D_IF_exit). */
    public static final String AMRWB_DECODER = "libopencore-amrwb.so.0";
    /** VisualOn's AMR-WB encoder (E_IF_init / E_IF_encode / E_IF_exit). */
    public static final String AMRWB_ENCODER = "libvo-amrwbenc.so.0";

    private static final String[][] REQUIRED = {
        {OPUS, "opus_encoder_create", "opus_encode", "opus_encoder_ctl", "opus_decoder_create", "opus_decode"},
        {AMRWB_DECODER, "D_IF_init", "D_IF_decode", "D_IF_exit"},
        {AMRWB_ENCODER, "E_IF_init", "E_IF_encode", "E_IF_exit"},
    };

    private static final String UNAVAILABLE_REASON = probe();

    private SystemCodecLibraries() {
    }

    /** Whether every system codec library loads with the functions we call. */
    public static boolean available() {
        return UNAVAILABLE_REASON == null;
    }

    /** Why they are not available, or null when they are. */
    public static String unavailableReason() {
        return UNAVAILABLE_REASON;
    }

    private static String probe() {
        for (String[] lib : REQUIRED) {
            try {
                NativeLibrary library = NativeLibrary.getInstance(lib[0]);
                for (int i = 1; i < lib.length; i++) {
                    library.getFunction(lib[i]);
                }
            } catch (UnsatisfiedLinkError e) {
                return lib[0] + ": " + e.getMessage();
            }
        }
        return null;
    }
}
