package org.webims.media.video;

import java.nio.ByteBuffer;
import org.bytedeco.javacpp.BytePointer;

/**
 * One planar YUV 4:2:0 picture (I420: Y plane, then U and V at half width and height) in native
 * memory, so codecs read and write it without a copy. Strides are rounded up to 32 bytes for the
 * codecs' SIMD loads. The storage is a direct buffer sized for {@link #capacityWidth()} x
 * {@link #capacityHeight()}; {@link #resize} reuses it for any smaller size, so a decoder's output
 * picture reallocates only when the stream grows.
 *
 * <p>Not thread-safe: one picture belongs to one stage of one stream at a time (see
 * {@link I420PicturePool}).
 */
public final class I420Picture {

    private static final int STRIDE_ALIGN = 32;

    private final int capacityWidth;
    private final int capacityHeight;
    private final ByteBuffer storage;
    private final ByteBuffer[] planes = new ByteBuffer[3];
    private final BytePointer[] pointers = new BytePointer[3];
    private final long[] addresses = new long[3];
    private final int[] strides = new int[3];
    private int width;
    private int height;
    private long timestamp;

    private I420Picture(int capacityWidth, int capacityHeight) {
        checkSize(capacityWidth, capacityHeight);
        this.capacityWidth = capacityWidth;
        this.capacityHeight = capacityHeight;
        int lumaStride = align(capacityWidth);
        int chromaStride = align((capacityWidth + 1) / 2);
        int chromaHeight = (capacityHeight + 1) / 2;
        // one block, plus alignment slack so every plane starts on a 32-byte boundary
        this.storage = ByteBuffer.allocateDirect(
                lumaStride * capacityHeight + 2 * chromaStride * chromaHeight + 3 * STRIDE_ALIGN);
        resize(capacityWidth, capacityHeight);
    }

    /** A picture of exactly this size (and that capacity). */
    public static I420Picture allocate(int width, int height) {
        return new I420Picture(width, height);
    }

    /**
     * Sets the picture's size, keeping the storage (and the pixel bytes, which are not meaningful
     * across a size change). Strides follow the new width.
     *
     * @throws IllegalArgumentException if the size exceeds the capacity
     */
    public void resize(int newWidth, int newHeight) {
        checkSize(newWidth, newHeight);
        if (newWidth > capacityWidth || newHeight > capacityHeight) {
            throw new IllegalArgumentException("picture " + newWidth + "x" + newHeight
                    + " exceeds capacity " + capacityWidth + "x" + capacityHeight);
        }
        if (newWidth == width && newHeight == height) {
            return;
        }
        width = newWidth;
        height = newHeight;
        strides[0] = align(newWidth);
        strides[1] = align((newWidth + 1) / 2);
        strides[2] = strides[1];
        long base = new BytePointer(storage).address();
        int offset = (int) (-base & (STRIDE_ALIGN - 1));
        int[] sizes = {strides[0] * newHeight, strides[1] * chromaHeight(), strides[2] * chromaHeight()};
        for (int p = 0; p < 3; p++) {
            planes[p] = storage.slice(offset, sizes[p]);
            pointers[p] = new BytePointer(planes[p]);
            addresses[p] = pointers[p].address();
            offset += align(sizes[p]);
        }
    }

    private static void checkSize(int w, int h) {
        if (w < 2 || h < 2 || w > 8192 || h > 8192) {
            throw new IllegalArgumentException("picture size " + w + "x" + h + " out of range 2..8192");
        }
    }

    private static int align(int n) {
        return (n + STRIDE_ALIGN - 1) & -STRIDE_ALIGN;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public int chromaWidth() {
        return (width + 1) / 2;
    }

    public int chromaHeight() {
        return (height + 1) / 2;
    }

    public int capacityWidth() {
        return capacityWidth;
    }

    public int capacityHeight() {
        return capacityHeight;
    }

    /** Bytes from one row to the next of plane 0 (Y), 1 (U) or 2 (V). */
    public int stride(int plane) {
        return strides[plane];
    }

    /** The plane's bytes (a view; position 0, limit = stride x rows). */
    public ByteBuffer plane(int plane) {
        return planes[plane];
    }

    /** The plane's native address, for codec bindings. */
    public long address(int plane) {
        return addresses[plane];
    }

    /** The plane as a JavaCPP pointer (created once per size, not per frame). */
    public BytePointer pointer(int plane) {
        return pointers[plane];
    }

    public int planeWidth(int plane) {
        return plane == 0 ? width : chromaWidth();
    }

    public int planeHeight(int plane) {
        return plane == 0 ? height : chromaHeight();
    }

    /** Presentation time in the caller's clock units (RTP 90 kHz in the pipeline). */
    public long timestamp() {
        return timestamp;
    }

    public void timestamp(long value) {
        timestamp = value;
    }

    /** Copies another picture's pixels (of any stride) into this one, taking its size. */
    public void copyFrom(I420Picture source) {
        resize(source.width, source.height);
        timestamp = source.timestamp;
        for (int p = 0; p < 3; p++) {
            copyPlane(source.planes[p], source.strides[p], planes[p], strides[p], planeWidth(p), planeHeight(p));
        }
    }

    /** Copies rows of {@code rowBytes} from one strided plane to another. */
    public static void copyPlane(ByteBuffer src, int srcStride, ByteBuffer dst, int dstStride, int rowBytes, int rows) {
        for (int r = 0; r < rows; r++) {
            dst.put(r * dstStride, src, r * srcStride, rowBytes);
        }
    }

    @Override
    public String toString() {
        return "I420Picture[" + width + "x" + height + ", strides " + strides[0] + "/" + strides[1] + "]";
    }
}
