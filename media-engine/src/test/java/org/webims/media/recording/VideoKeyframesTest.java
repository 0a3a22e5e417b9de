package org.webims.media.recording;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.webims.media.filetest.EncodedFrame;
import org.webims.media.filetest.TestEncoders;

class VideoKeyframesTest {

    @Test
    void readsTheSizeOfAVp8KeyFrameAndNothingFromAnInterFrame() {
        var frames = TestEncoders.vp8(0.2);
        EncodedFrame key = frames.get(0);
        assertArrayEquals(new int[] {TestEncoders.WIDTH, TestEncoders.HEIGHT},
                VideoKeyframes.vp8Size(key.data(), 0, key.data().length));
        EncodedFrame inter = frames.get(1);
        assertNull(VideoKeyframes.vp8Size(inter.data(), 0, inter.data().length));
    }

    @Test
    void findsSpsPpsAndSizeInAnH264Idr() {
        var frames = TestEncoders.h264(0.2);
        EncodedFrame idr = frames.get(0);
        byte[] config = VideoKeyframes.h264ParameterSets(idr.data(), 0, idr.data().length);
        assertNotNull(config);
        assertEquals(7, config[4] & 0x1f, "starts with the SPS (NAL type 7)");
        assertArrayEquals(new int[] {TestEncoders.WIDTH, TestEncoders.HEIGHT},
                VideoKeyframes.h264Size(idr.data(), 0, idr.data().length));
        EncodedFrame p = frames.get(1);
        assertNull(VideoKeyframes.h264ParameterSets(p.data(), 0, p.data().length));
    }

    @Test
    void opusDurationComesFromTheTocByte() {
        // RFC 6716 §3.1: config 31 (CELT FB 20 ms), code 0; config 3 (SILK 60 ms); code 3 with 3 frames.
        assertEquals(20_000, FrameDurations.opusUs(new byte[] {(byte) (31 << 3)}, 0, 1));
        assertEquals(60_000, FrameDurations.opusUs(new byte[] {(byte) (3 << 3)}, 0, 1));
        assertEquals(60_000, FrameDurations.opusUs(new byte[] {(byte) (31 << 3 | 3), 3}, 0, 2));
    }
}
