package org.webims.media.transcode;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.webims.media.pipeline.MediaElement;
import org.webims.media.pipeline.MediaFormat;
import org.webims.media.pipeline.MediaPacket;
import org.webims.media.pipeline.MediaPipeline;
import org.webims.media.pipeline.MediaType;
import org.webims.media.pipeline.SourcePad;
import org.webims.media.pipeline.UpstreamControl;

/** A test element emitting the packets it is given, with the RTP fields the test chooses. */
final class TestSource extends MediaElement {

    final AtomicInteger keyframeRequests = new AtomicInteger();
    final AtomicLong bitrateLimit = new AtomicLong(-1);
    private final SourcePad audio;
    private final SourcePad video;
    private final MediaPacket packet = new MediaPacket();

    TestSource(MediaPipeline pipeline) {
        super(pipeline, "TestSource");
        UpstreamControl control = new UpstreamControl() {
            @Override public void requestKeyframe() { keyframeRequests.incrementAndGet(); }
            @Override public void limitBitrate(long bps) { bitrateLimit.set(bps); }
        };
        audio = addSourcePad(MediaType.AUDIO, control);
        video = addSourcePad(MediaType.VIDEO, control);
    }

    void send(MediaFormat format, byte[] payload, int length, long timestamp, int seq, boolean marker, int ssrc) {
        send(format, payload, length, timestamp, seq, marker, ssrc, 0);
    }

    /** As a receiving endpoint hands a packet on: {@code receivedNanos} is when it arrived (0: unknown). */
    void send(MediaFormat format, byte[] payload, int length, long timestamp, int seq, boolean marker, int ssrc,
              long receivedNanos) {
        SourcePad pad = format.type() == MediaType.AUDIO ? audio : video;
        pad.push(packet.set(format, payload, 0, length, timestamp, seq & 0xFFFF, marker).ssrc(ssrc)
                .receivedNanos(receivedNanos));
    }
}
