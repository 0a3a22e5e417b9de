package org.webims.media.pipeline;

/** Takes packets pushed by a source pad, on the pushing thread; must not block. */
@FunctionalInterface
public interface MediaSink {
    void accept(MediaPacket packet);
}
