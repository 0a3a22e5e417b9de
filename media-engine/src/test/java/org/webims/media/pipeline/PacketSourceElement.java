package org.webims.media.pipeline;

import java.util.concurrent.atomic.AtomicInteger;

/** A test element that emits packets it is given, and counts keyframe/bitrate requests. */
public final class PacketSourceElement extends MediaElement {

    public final AtomicInteger keyframeRequests = new AtomicInteger();
    volatile long bitrateLimit;
    /** Every limit that reached this element, in order. */
    final java.util.List<Long> bitrateLimits = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final SourcePad audio;
    private final SourcePad video;
    private final MediaPacket packet = new MediaPacket();

    public PacketSourceElement(MediaPipeline pipeline) {
        super(pipeline, "PacketSource");
        UpstreamControl control = new UpstreamControl() {
            @Override public void requestKeyframe() { keyframeRequests.incrementAndGet(); }
            @Override public void limitBitrate(long bps) {
                bitrateLimit = bps;
                bitrateLimits.add(bps);
            }
        };
        audio = addSourcePad(MediaType.AUDIO, control);
        video = addSourcePad(MediaType.VIDEO, control);
    }

    public void send(MediaFormat format, byte[] payload, int seq) {
        SourcePad pad = format.type() == MediaType.AUDIO ? audio : video;
        pad.push(packet.set(format, payload, 0, payload.length, seq * 960L, seq, false));
    }

    /** Sends {@code payload[0..length)} with the RTP fields the caller chooses (video frames, other clocks). */
    public void send(MediaFormat format, byte[] payload, int length, long timestamp, int seq, boolean marker) {
        SourcePad pad = format.type() == MediaType.AUDIO ? audio : video;
        pad.push(packet.set(format, payload, 0, length, timestamp, seq & 0xFFFF, marker));
    }
}
