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

    /**
     * Which 8-byte slot of AVPacket holds {@code data}: found by planting a marker, since JavaCPP
     * does not publish the field's offset for AVPacket. The packet's data is left null.
     */
    static int packetDataSlot(org.bytedeco.ffmpeg.avcodec.AVPacket packet, org.bytedeco.javacpp.LongPointer fields) {
        BytePointer marker = new BytePointer(1);
        try {
            packet.data(marker);
            for (int slot = 0; slot < 8; slot++) {
                if (fields.get(slot) == marker.address()) {
                    return slot;
                }
            }
            throw new IllegalStateException("AVPacket.data not found in the first 64 bytes");
        } finally {
            packet.data(null);
            marker.close();
        }
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
