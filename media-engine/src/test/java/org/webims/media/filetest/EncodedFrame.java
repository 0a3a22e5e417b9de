package org.webims.media.filetest;

/** An encoded frame made by {@link TestEncoders}: bytes, time in microseconds, keyframe flag. */
public record EncodedFrame(byte[] data, long timeUs, boolean keyframe) {
}
