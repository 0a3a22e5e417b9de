package org.webims.webrtc;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.webims.media.pipeline.MediaElement;
import org.webims.media.pipeline.MediaFormat;
import org.webims.media.pipeline.MediaPacket;
import org.webims.media.pipeline.MediaPipeline;
import org.webims.media.pipeline.MediaType;
import org.webims.media.pipeline.UpstreamControl;

/**
 * A test element with a source and a sink pad per media type: it pushes the packets a test gives
 * it, counts what reaches its sinks, and records the keyframe and bitrate requests that reach it.
 */
final class TestElement extends MediaElement {

    final AtomicInteger keyframeRequests = new AtomicInteger();
    final AtomicLong bitrateLimit = new AtomicLong();
    /** How many times upstream was told that no sink holds a limit any more. */
    final AtomicInteger bitrateLimitsLifted = new AtomicInteger();
    final AtomicInteger received = new AtomicInteger();
    /** The sequence numbers of the video packets that reached the video sink, in order of arrival. */
    final java.util.List<Integer> videoSequence = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final MediaPacket packet = new MediaPacket();

    TestElement(MediaPipeline pipeline) {
        super(pipeline, "TestElement");
        UpstreamControl control = new UpstreamControl() {
            @Override public void requestKeyframe() { keyframeRequests.incrementAndGet(); }
            @Override public void limitBitrate(long bps) { bitrateLimit.set(bps); }
            @Override public void liftBitrateLimit() { bitrateLimitsLifted.incrementAndGet(); }
        };
        for (MediaType type : MediaType.values()) {
            addSourcePad(type, control);
            addSinkPad(type, p -> {
                if (type == MediaType.VIDEO) {
                    videoSequence.add(p.sequenceNumber());
                }
                received.incrementAndGet();
            });
        }
    }

    synchronized void send(MediaFormat format, byte[] payload, int seq, long timestamp) {
        sourcePad(format.type()).push(packet.set(format, payload, 0, payload.length, timestamp, seq, true).ssrc(1234));
    }
}
