package org.webims.media.recording;

/**
 * Maps the caller's frame times (microseconds, one clock for all tracks) onto the file's
 * timeline: the file starts at 0, and each recording segment (start, or a resume after a pause)
 * is glued to the end of the previous one so that paused time is cut out, as Kurento's recorder
 * does. A segment opens on its first video keyframe when the file has video, so every segment
 * decodes from its first frame; earlier frames of every track are dropped. Writer thread only.
 */
final class Timeline {

    static final long DROP = Long.MIN_VALUE;

    private final boolean hasVideo;
    private final long[] lastOut;
    private int segment = -1;
    private boolean open;
    private long shiftUs;
    private long nextOutUs;

    Timeline(int tracks, boolean hasVideo) {
        this.hasVideo = hasVideo;
        this.lastOut = new long[tracks];
        java.util.Arrays.fill(lastOut, Long.MIN_VALUE);
    }

    /** Whether the current segment still waits for the frame that opens it. */
    boolean waiting(int frameSegment) {
        return frameSegment != segment || !open;
    }

    /**
     * The file time of a frame in microseconds, or {@link #DROP}: before the segment's first
     * keyframe, or not after the last frame of its track (late or duplicate).
     */
    long map(int track, long inUs, long durationUs, boolean video, boolean keyframe, int frameSegment) {
        if (frameSegment != segment) {
            segment = frameSegment;
            open = false;
        }
        if (!open) {
            if (hasVideo && !(video && keyframe)) {
                return DROP;
            }
            shiftUs = inUs - nextOutUs;
            open = true;
        }
        long out = inUs - shiftUs;
        if (out < 0 || out <= lastOut[track]) {
            return DROP;
        }
        lastOut[track] = out;
        nextOutUs = Math.max(nextOutUs, out + Math.max(durationUs, 1));
        return out;
    }

    /** The end of the media written so far, in file microseconds. */
    long endUs() {
        return nextOutUs;
    }
}
