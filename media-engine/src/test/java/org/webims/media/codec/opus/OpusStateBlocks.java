package org.webims.media.codec.opus;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import org.webims.media.codec.CodecStateWarmer;
import org.webims.media.codec.SystemCodecLibraries;

/** Not a test: libopus keeps a mono encoder's or decoder's whole state in the one block its create call returns (opus.h, *_get_size). */
public final class OpusStateBlocks {

    static {
        Native.register(OpusStateBlocks.class, NativeLibrary.getInstance(SystemCodecLibraries.OPUS));
    }

    private OpusStateBlocks() {
    }

    static native int opus_encoder_get_size(int channels);

    static native int opus_decoder_get_size(int channels);

    public static CodecStateWarmer encoder(Pointer state) {
        return CodecStateWarmer.of(state, opus_encoder_get_size(1));
    }

    public static CodecStateWarmer decoder(Pointer state) {
        return CodecStateWarmer.of(state, opus_decoder_get_size(1));
    }
}
