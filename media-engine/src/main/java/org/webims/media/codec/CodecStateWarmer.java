package org.webims.media.codec;

import com.sun.jna.Pointer;
import java.lang.reflect.Field;

/**
 * Reads a codec's native state front to back just before the codec works on a frame (decision
 * 0055). After a transcode worker's sleep between ticks that state is cold; the codec's own
 * scattered accesses would pay one demand miss after another, while one load per cache line in
 * address order is streamed by the hardware prefetcher. Reads only, never outside its block.
 * The loads are plain JIT-compiled ones through {@code sun.misc.Unsafe} (a JNA call per line or a
 * bulk copy cost more than they saved); without it nothing is warmed.
 */
public final class CodecStateWarmer {

    /** Nothing to warm: a back-end or library whose state layout is not known. */
    public static final CodecStateWarmer NONE = new CodecStateWarmer(0, 0);

    private static final int LINE = 64;
    private static final sun.misc.Unsafe UNSAFE = unsafe();
    private static boolean enabled = true;

    private final long start;
    private final long lastWord;
    /** Where the loads are folded, so that the JIT cannot drop them; per codec, so no line is shared between workers. */
    private long sink;

    private CodecStateWarmer(long start, long bytes) {
        this.start = start;
        this.lastWord = start + (bytes & ~7L) - Long.BYTES;
    }

    /** A warmer of the {@code bytes} bytes at {@code start}, which the caller owns for as long as it warms. */
    public static CodecStateWarmer of(Pointer start, long bytes) {
        long address = Pointer.nativeValue(start);
        return UNSAFE == null || address == 0 || (address & 7) != 0 || bytes < Long.BYTES
                ? NONE : new CodecStateWarmer(address, bytes);
    }

    /** On by default; checks that compare the same codec work with and without the sweep turn it off. */
    public static void setEnabled(boolean on) {
        enabled = on;
    }

    /** The bytes each {@link #warm()} covers, 0 for {@link #NONE}. */
    public long bytes() {
        return start == 0 ? 0 : lastWord + Long.BYTES - start;
    }

    /** One load in every cache line of the block, in address order; call only while the codec's state is open. */
    public void warm() {
        if (enabled) {
            sweep();
        }
    }

    /** {@link #warm()} whether or not warming is enabled. */
    void sweep() {
        if (start == 0) {
            return;
        }
        long sum = 0;
        for (long a = start; a < lastWord; a += LINE) {
            sum += UNSAFE.getLong(a);
        }
        sink += sum + UNSAFE.getLong(lastWord);
    }

    private static sun.misc.Unsafe unsafe() {
        try {
            Field f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            return (sun.misc.Unsafe) f.get(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
