package org.webims.media.codec;

import com.sun.jna.Pointer;
import java.lang.reflect.Field;

/**
 * Not a test: reads a block of native memory (a codec's state, a library's mapping) one load per
 * cache line in address order, for {@code BareAudioPacingCheck}'s warmed variants (decision 0055:
 * whether a sequential sweep, streamed by the hardware prefetcher, makes a cold codec state cheaper
 * than the codec's own scattered misses; it did not, so nothing in the gateway does it). Reads
 * only, never outside its block. The loads are plain JIT-compiled ones through
 * {@code sun.misc.Unsafe} (a bulk JNA copy cost more than it could save); without it nothing is read.
 */
public final class CodecStateWarmer {

    /** Nothing to warm: a back-end or library whose state layout is not known. */
    public static final CodecStateWarmer NONE = new CodecStateWarmer(0, 0);

    private static final int LINE = 64;
    private static final sun.misc.Unsafe UNSAFE = unsafe();

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

    /** The bytes each {@link #warm()} covers, 0 for {@link #NONE}. */
    public long bytes() {
        return start == 0 ? 0 : lastWord + Long.BYTES - start;
    }

    /** One load in every cache line of the block, in address order; call only while its owner keeps it allocated. */
    public void warm() {
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
