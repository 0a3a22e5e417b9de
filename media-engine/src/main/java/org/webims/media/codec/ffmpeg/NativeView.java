package org.webims.media.codec.ffmpeg;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.ShortPointer;

/**
 * Re-aimable views over native memory. JavaCPP's getters for pointer fields
 * ({@code packet.data()}, {@code frame.data(0)}) build a new Pointer object per call; these are
 * built once and re-aimed at each frame's address, so the per-frame path allocates nothing.
 */
final class NativeView {

    private NativeView() {
    }

    static final class Bytes extends BytePointer {
        Bytes aim(long address, long length) {
            this.address = address;
            this.position = 0;
            this.limit = length;
            this.capacity = length;
            return this;
        }
    }

    static final class Shorts extends ShortPointer {
        Shorts aim(long address, long length) {
            this.address = address;
            this.position = 0;
            this.limit = length;
            this.capacity = length;
            return this;
        }
    }

    static final class Floats extends FloatPointer {
        Floats aim(long address, long length) {
            this.address = address;
            this.position = 0;
            this.limit = length;
            this.capacity = length;
            return this;
        }
    }
}
