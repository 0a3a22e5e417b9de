package org.webims.media.video;

import java.util.ArrayDeque;

/**
 * Recycles pictures of one capacity, so a stream's steady state allocates none. Single-threaded
 * by contract: one pool per stream, used from that stream's thread (no lock on the frame path).
 */
public final class I420PicturePool {

    private final int width;
    private final int height;
    private final int maxIdle;
    private final ArrayDeque<I420Picture> idle;

    /**
     * @param maxIdle pictures kept for reuse; releases beyond it are left to the garbage collector
     */
    public I420PicturePool(int width, int height, int maxIdle) {
        this.width = width;
        this.height = height;
        this.maxIdle = maxIdle;
        this.idle = new ArrayDeque<>(maxIdle);
    }

    /** A picture sized width x height: a recycled one when there is one. */
    public I420Picture acquire() {
        I420Picture picture = idle.pollFirst();
        if (picture == null) {
            picture = I420Picture.allocate(width, height);
        } else {
            picture.resize(width, height);
        }
        return picture;
    }

    /** Gives a picture back; one of another capacity is ignored (it was not this pool's). */
    public void release(I420Picture picture) {
        if (picture.capacityWidth() == width && picture.capacityHeight() == height && idle.size() < maxIdle) {
            idle.addFirst(picture);
        }
    }

    public int idleCount() {
        return idle.size();
    }
}
