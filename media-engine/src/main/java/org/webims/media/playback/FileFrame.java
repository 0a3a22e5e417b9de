package org.webims.media.playback;

/**
 * One frame read from a file, filled in place by {@link MediaFileReader#readFrame}: the caller
 * keeps one instance and its buffer grows to the biggest frame. Times are microseconds from the
 * start of the file.
 */
public final class FileFrame {

    private FileTrack track;
    private byte[] data = new byte[4096];
    private int length;
    private long timeUs;
    private long durationUs;
    private boolean keyframe;

    public FileTrack track() { return track; }
    public byte[] data() { return data; }
    public int length() { return length; }
    public long timeUs() { return timeUs; }
    public long durationUs() { return durationUs; }
    public boolean keyframe() { return keyframe; }

    /** A copy of the frame's bytes (for tests and slow paths). */
    public byte[] bytes() {
        return java.util.Arrays.copyOf(data, length);
    }

    byte[] buffer(int size) {
        if (data.length < size) {
            data = new byte[Math.max(size, data.length * 2)];
        }
        return data;
    }

    void set(FileTrack track, int length, long timeUs, long durationUs, boolean keyframe) {
        this.track = track;
        this.length = length;
        this.timeUs = timeUs;
        this.durationUs = durationUs;
        this.keyframe = keyframe;
    }

    /** Moves the frame on the timeline (looping playback). */
    void shift(long us) {
        timeUs += us;
    }
}
