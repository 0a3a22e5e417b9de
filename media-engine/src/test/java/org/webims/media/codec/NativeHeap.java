package org.webims.media.codec;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/** glibc's malloc_usable_size, for {@link CodecStateWarmer}: how much of a block the C heap gave a library can be read. */
public final class NativeHeap {

    static {
        Native.register(NativeHeap.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
    }

    private NativeHeap() {
    }

    /** Only for a pointer that malloc returned and that is not freed yet. */
    public static native long malloc_usable_size(Pointer block);
}
