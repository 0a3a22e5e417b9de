package org.webims.media.recording;

import java.time.Duration;

/**
 * Tuning of a {@link MediaFileWriter}. {@code queueCapacity} frames (a power of two) may wait
 * for the writer thread; each slot starts with {@code initialFrameBytes} and grows to the
 * biggest frame it held. {@code flushInterval} bounds what a crash loses.
 */
public record WriterSettings(int queueCapacity, int initialFrameBytes, Duration flushInterval) {

    public WriterSettings {
        if (queueCapacity < 2 || Integer.bitCount(queueCapacity) != 1) {
            throw new IllegalArgumentException("queue capacity must be a power of two >= 2: " + queueCapacity);
        }
        if (initialFrameBytes < 1 || flushInterval.isNegative() || flushInterval.isZero()) {
            throw new IllegalArgumentException("bad writer settings " + initialFrameBytes + ", " + flushInterval);
        }
    }

    /** 512 frames (about 5 s of audio and video at 30 fps), 4 KiB slots, a flush every second. */
    public static WriterSettings defaults() {
        return new WriterSettings(512, 4096, Duration.ofSeconds(1));
    }

    public WriterSettings withQueueCapacity(int capacity) {
        return new WriterSettings(capacity, initialFrameBytes, flushInterval);
    }
}
