package org.webims.media.pipeline;

/** Takes packets pushed by a source pad, on the pushing thread; must not block. */
@FunctionalInterface
public interface MediaSink {
    void accept(MediaPacket packet);

    /** Reads what {@link #accept} will reach, ahead of it (decision 0054); plain loads, answers anything. */
    default int warm() {
        return 0;
    }
}
