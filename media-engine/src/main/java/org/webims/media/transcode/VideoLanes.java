package org.webims.media.transcode;

/**
 * A fixed set of {@link VideoLane}s: each video stream is given the lane with the fewest streams
 * when it is made and keeps it (decision 0030). The threads start together when the first stream
 * joins, so an engine that never transcodes video has none, and the count never depends on timing.
 */
final class VideoLanes {

    private final VideoLane[] lanes;
    private boolean started; // guarded by this
    private boolean closed; // guarded by this

    VideoLanes(int count, String namePrefix, boolean batchingSends) {
        lanes = new VideoLane[Math.max(1, count)];
        for (int i = 0; i < lanes.length; i++) {
            lanes[i] = new VideoLane(namePrefix + (i + 1), batchingSends);
        }
    }

    /** Puts {@code m} on the least-loaded lane (the first of equals) and returns it; null once closed. */
    synchronized VideoLane join(VideoLane.Member m) {
        if (closed) {
            return null;
        }
        if (!started) {
            started = true;
            for (VideoLane lane : lanes) {
                lane.start();
            }
        }
        VideoLane best = lanes[0];
        for (VideoLane lane : lanes) {
            if (lane.load() < best.load()) {
                best = lane;
            }
        }
        best.add(m);
        return best;
    }

    int count() {
        return lanes.length;
    }

    VideoLane lane(int i) {
        return lanes[i];
    }

    /** Stops every lane; waits up to {@code millis} in all. */
    void close(long millis) {
        synchronized (this) {
            closed = true;
        }
        long end = System.nanoTime() + millis * 1_000_000L;
        for (VideoLane lane : lanes) {
            lane.close(Math.max(1, (end - System.nanoTime()) / 1_000_000L));
        }
    }
}
