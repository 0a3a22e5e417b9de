package org.webims.media.codec.amrwb;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import org.webims.media.codec.SystemCodecLibraries;

/** The system AMR-WB libraries, direct-mapped: opencore's decoder and VisualOn's encoder (both IF/storage format). */
final class LibAmrWb {

    private LibAmrWb() {
    }

    /** opencore-amrwb dec_if.h. */
    static final class Decoder {
        static {
            Native.register(Decoder.class, NativeLibrary.getInstance(SystemCodecLibraries.AMRWB_DECODER));
        }

        private Decoder() {
        }

        static native Pointer D_IF_init();

        /** Reads the frame type from bits[0] and then that type's bits; bfi=0: the Q bit says if the frame is good. */
        static native void D_IF_decode(Pointer state, Pointer bits, Pointer synth, int bfi);

        static native void D_IF_exit(Pointer state);
    }

    /** vo-amrwbenc enc_if.h. */
    static final class Encoder {
        static {
            Native.register(Encoder.class, NativeLibrary.getInstance(SystemCodecLibraries.AMRWB_ENCODER));
        }

        private Encoder() {
        }

        static native Pointer E_IF_init();

        /** Encodes 320 samples at {@code mode}; returns the storage-format bytes written. */
        static native int E_IF_encode(Pointer state, int mode, Pointer speech, Pointer out, int dtx);

        static native void E_IF_exit(Pointer state);
    }
}
