package org.webims.media.transcode;

import org.webims.media.pipeline.FormatAdapter;
import org.webims.media.pipeline.MediaFormat;
import org.webims.media.pipeline.MediaPacket;
import org.webims.media.pipeline.MediaSink;
import org.webims.media.pipeline.UpstreamControl;
import org.webims.media.rtp.RtpPacket;
import org.webims.media.rtp.payload.Depacketizer;
import org.webims.media.rtp.payload.FrameFlags;
import org.webims.media.rtp.payload.FrameSink;
import org.webims.media.rtp.payload.ResequencingDepacketizer;
import org.webims.media.rtp.payload.h264.H264Depacketizer;
import org.webims.media.rtp.payload.h264.H264PacketizationMode;
import org.webims.media.rtp.payload.h264.H264Packetizer;

/**
 * H.264 between packetization-mode 0 and 1 (RFC 6184 §6.2, §6.3) without decoding: access units
 * are reassembled and packetized again. A NAL unit too large for a single-NAL packet cannot go to
 * a mode-0 receiver; that access unit is dropped (counted) and a key frame is asked for, which
 * only helps if the sender limits its NAL size. Runs on the pushing thread: no codec, no lock.
 */
final class H264RepacketizingAdapter implements FormatAdapter {

    static final int MAX_ACCESS_UNIT = 1 << 20;

    private final UpstreamControl upstream;
    private final RtpFraming framing = new RtpFraming(AudioTranscoder.MAX_PAYLOAD);
    // in sequence order, so that a packet retransmitted on a NACK completes its access unit (RFC 4588)
    private final Depacketizer depacketizer = new ResequencingDepacketizer(new H264Depacketizer(MAX_ACCESS_UNIT));
    private final PacketOutput output;
    private final KeyframeRequests keyframes;
    private final FrameSink onFrame = this::onFrame;
    private long inputTsBase = -1;
    private long outBase;

    H264RepacketizingAdapter(MediaFormat to, MediaSink downstream, UpstreamControl upstream, int maxPayload) {
        this.upstream = upstream;
        H264PacketizationMode mode = H264PacketizationMode.fromSdp(to.intParameter("packetization-mode", 0));
        this.output = new PacketOutput(to, downstream, new H264Packetizer(mode, maxPayload));
        this.keyframes = new KeyframeRequests(upstream, VideoTranscoder.KEYFRAME_REQUEST_INTERVAL_MS);
    }

    @Override
    public Kind kind() {
        return Kind.REPACKETIZE;
    }

    @Override
    public void accept(MediaPacket p) {
        RtpPacket rtp = framing.wrap(p);
        if (rtp != null) {
            depacketizer.push(rtp, onFrame);
        }
    }

    private void onFrame(byte[] au, int offset, int length, long ts, int flags) {
        if (FrameFlags.isAfterLoss(flags)) {
            keyframes.request();
        }
        if (inputTsBase < 0) {
            inputTsBase = ts;
            outBase = java.util.concurrent.ThreadLocalRandom.current().nextInt() & 0xFFFFFFFFL;
        }
        long before = output.refused();
        output.send(au, offset, length, outBase + ts - inputTsBase, false, FrameFlags.isKeyframe(flags));
        if (output.refused() > before) {
            keyframes.request();
        }
    }

    @Override
    public void requestKeyframe() {
        upstream.requestKeyframe();
    }

    @Override
    public void limitBitrate(long bitsPerSecond) {
        upstream.limitBitrate(bitsPerSecond);
    }

    @Override
    public void close() {
        // nothing native
    }
}
