package org.webims.media.codec.opus;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import org.webims.media.codec.SystemCodecLibraries;

/** libopus (opus.h), direct-mapped: the per-frame calls take raw pointers and allocate nothing. */
final class LibOpus {

    static final int OPUS_OK = 0;
    static final int OPUS_BUFFER_TOO_SMALL = -2;
    static final int OPUS_INVALID_PACKET = -4;
    static final int OPUS_APPLICATION_VOIP = 2048;
    static final int OPUS_SET_BITRATE_REQUEST = 4002;
    static final int OPUS_SET_COMPLEXITY_REQUEST = 4010;
    static final int OPUS_SET_INBAND_FEC_REQUEST = 4012;
    static final int OPUS_SET_PACKET_LOSS_PERC_REQUEST = 4014;
    static final int OPUS_SET_DTX_REQUEST = 4016;
    static final int OPUS_SET_SIGNAL_REQUEST = 4024;
    static final int OPUS_SIGNAL_VOICE = 3001;

    static {
        Native.register(LibOpus.class, NativeLibrary.getInstance(SystemCodecLibraries.OPUS));
    }

    /** The variadic ctl calls: interface-mapped, since direct mapping has no varargs. Configuration only. */
    interface Ctl extends Library {
        Ctl INSTANCE = Native.load(SystemCodecLibraries.OPUS, Ctl.class);

        int opus_encoder_ctl(Pointer st, int request, Object... args);
    }

    private LibOpus() {
    }

    static native Pointer opus_encoder_create(int fs, int channels, int application, int[] error);

    static native int opus_encode(Pointer st, Pointer pcm, int frameSize, Pointer data, int maxDataBytes);

    static native void opus_encoder_destroy(Pointer st);

    static native Pointer opus_decoder_create(int fs, int channels, int[] error);

    static native int opus_decode(Pointer st, Pointer data, int len, Pointer pcm, int frameSize, int decodeFec);

    static native void opus_decoder_destroy(Pointer st);

    static native String opus_strerror(int error);
}
