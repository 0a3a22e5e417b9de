package org.webims.media.endpoint.rtp;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.webims.media.pipeline.MediaElement;
import org.webims.media.pipeline.MediaFormat;
import org.webims.media.pipeline.MediaPacket;
import org.webims.media.pipeline.MediaPipeline;
import org.webims.media.pipeline.MediaType;
import org.webims.media.pipeline.SourcePad;
import org.webims.media.pipeline.UpstreamControl;

/** A test element that emits the packets it is given and records keyframe and bitrate requests. */
final class TestSource extends MediaElement {

    final AtomicInteger keyframeRequests = new AtomicInteger();
    final AtomicLong bitrateLimit = new AtomicLong();
    private final MediaPacket packet = new MediaPacket();

    TestSource(MediaPipeline pipeline) {
        super(pipeline, "TestSource");
        UpstreamControl control = new UpstreamControl() {
            @Override public void requestKeyframe() { keyframeRequests.incrementAndGet(); }
            @Override public void limitBitrate(long bps) { bitrateLimit.set(bps); }
        };
        addSourcePad(MediaType.AUDIO, control);
        addSourcePad(MediaType.VIDEO, control);
    }

    /** 20 ms of 16 kHz L16, a 16-bit ramp: never silent, so an encoder with DTX still sends speech frames. */
    static byte[] l16Ramp() {
        byte[] frame = new byte[640];
        for (int i = 0; i < frame.length; i += 2) {
            frame[i] = (byte) (i >> 3);
        }
        return frame;
    }

    synchronized void send(MediaFormat format, byte[] payload, int seq, long timestamp, int ssrc) {
        send(format, payload, payload.length, seq, timestamp, ssrc, false);
    }

    /** The first {@code length} bytes of {@code payload}, with the RTP marker (a video frame's last packet). */
    synchronized void send(MediaFormat format, byte[] payload, int length, int seq, long timestamp, int ssrc, boolean marker) {
        SourcePad pad = sourcePad(format.type());
        pad.push(packet.set(format, payload, 0, length, timestamp, seq & 0xFFFF, marker).ssrc(ssrc));
    }
}
