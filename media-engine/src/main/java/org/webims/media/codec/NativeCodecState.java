package org.webims.media.codec;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.util.function.Consumer;

/**
 * The native state of a codec on a system library (JNA) and the native buffers frames are copied
 * through, freed together by {@link #close()}. {@link #open()} is checked before any buffer is
 * touched, so a closed codec fails with IllegalStateException instead of reading freed memory.
 */
public final class NativeCodecState implements AutoCloseable {

    private final String codec;
    private final Consumer<Pointer> destroy;
    private final Memory[] buffers;
    private Pointer state;

    /**
     * @param codec what to name in the closed message, e.g. "Opus encoder"
     * @param state the created native state, or null when creation failed
     * @param destroy the library's free function for {@code state}
     * @param buffers the codec's native buffers, closed with it
     */
    public NativeCodecState(String codec, Pointer state, Consumer<Pointer> destroy, Memory... buffers) {
        this.codec = codec;
        this.state = state;
        this.destroy = destroy;
        this.buffers = buffers;
    }

    /** Whether the native state was created and is not closed yet. */
    public boolean isOpen() {
        return state != null;
    }

    /** The native state; IllegalStateException once closed. */
    public Pointer open() {
        Pointer st = state;
        if (st == null) {
            throw new IllegalStateException(codec + " is closed");
        }
        return st;
    }

    /** Frees the native state and the buffers; idempotent. */
    @Override
    public void close() {
        if (state != null) {
            destroy.accept(state);
            state = null;
        }
        for (Memory m : buffers) {
            m.close();
        }
    }
}
