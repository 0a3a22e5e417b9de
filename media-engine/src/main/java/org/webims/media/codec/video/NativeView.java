package org.webims.media.codec.video;

import com.sun.jna.Pointer;

/**
 * A JNA pointer that can be re-aimed at another native address, so reading a codec's output
 * (whose address changes every frame) needs no new {@link Pointer} object per frame.
 */
public final class NativeView extends Pointer {

    public NativeView() {
        super(0);
    }

    /** Points this view at {@code address} and returns it. */
    public NativeView at(long address) {
        this.peer = address;
        return this;
    }

    public long address() {
        return peer;
    }
}
