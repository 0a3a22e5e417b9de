package org.webims.media.codec;

import com.sun.jna.Pointer;
import java.lang.reflect.Field;
import org.webims.media.codec.amrwb.AmrWbStateBlocks;
import org.webims.media.codec.amrwb.SystemAmrWbDecoder;
import org.webims.media.codec.amrwb.SystemAmrWbEncoder;
import org.webims.media.codec.opus.OpusStateBlocks;
import org.webims.media.codec.opus.SystemOpusDecoder;
import org.webims.media.codec.opus.SystemOpusEncoder;

/** Not a test: the {@link CodecStateWarmer} of a system-library codec's native state, {@link CodecStateWarmer#NONE} for others. */
public final class CodecStateWarmers {

    private CodecStateWarmers() {
    }

    public static CodecStateWarmer of(Object codec) {
        if (codec instanceof SystemOpusEncoder) {
            return OpusStateBlocks.encoder(state(codec));
        } else if (codec instanceof SystemOpusDecoder) {
            return OpusStateBlocks.decoder(state(codec));
        } else if (codec instanceof SystemAmrWbEncoder) {
            return AmrWbStateBlocks.encoder(state(codec));
        } else if (codec instanceof SystemAmrWbDecoder) {
            return AmrWbStateBlocks.decoder(state(codec));
        }
        return CodecStateWarmer.NONE;
    }

    /** The codec's open native state: its private {@link NativeCodecState}, read by reflection (diagnostics only). */
    private static Pointer state(Object codec) {
        try {
            Field f = codec.getClass().getDeclaredField("state");
            f.setAccessible(true);
            return ((NativeCodecState) f.get(codec)).open();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
