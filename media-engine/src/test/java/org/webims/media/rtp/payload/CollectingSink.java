package org.webims.media.rtp.payload;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A FrameSink for tests that keeps a copy of every frame. */
public final class CollectingSink implements FrameSink {

    public record Frame(byte[] bytes, long timestamp, int flags) {
        public boolean keyframe() {
            return FrameFlags.isKeyframe(flags);
        }

        public boolean afterLoss() {
            return FrameFlags.isAfterLoss(flags);
        }
    }

    public final List<Frame> frames = new ArrayList<>();

    @Override
    public void frame(byte[] buffer, int offset, int length, long rtpTimestamp, int flags) {
        frames.add(new Frame(Arrays.copyOfRange(buffer, offset, offset + length), rtpTimestamp, flags));
    }

    public Frame only() {
        if (frames.size() != 1) {
            throw new AssertionError("expected one frame, got " + frames.size());
        }
        return frames.get(0);
    }
}
