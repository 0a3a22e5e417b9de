package org.webims.media.recording;

/**
 * One slot of the {@link FrameQueue}: a copy of a frame with its own buffer, reused for the
 * life of the writer. The buffer grows when a bigger frame comes and then keeps its size.
 */
final class QueuedFrame {

    enum Kind { AUDIO, VIDEO, PCM }

    final int index;
    long position;
    Kind kind;
    byte[] data;
    int length;
    long timestampUs;
    boolean keyframe;
    int segment;

    QueuedFrame(int index, int initialCapacity) {
        this.index = index;
        this.data = new byte[initialCapacity];
    }

    /** Room for {@code length} bytes; allocates only when a frame is bigger than any before. */
    byte[] ensureCapacity(int length) {
        if (data.length < length) {
            data = new byte[Math.max(length, data.length * 2)];
        }
        return data;
    }
}
