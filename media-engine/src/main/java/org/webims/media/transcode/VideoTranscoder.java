package org.webims.media.transcode;

import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.media.codec.EncodedVideoFrame;
import org.webims.media.codec.VideoCodecException;
import org.webims.media.codec.VideoCodecType;
import org.webims.media.codec.VideoCodecs;
import org.webims.media.codec.VideoDecoder;
import org.webims.media.codec.VideoEncoder;
import org.webims.media.codec.VideoEncoderConfig;
import org.webims.media.pipeline.FormatAdapter;
import org.webims.media.pipeline.MediaPacket;
import org.webims.media.pipeline.UpstreamControl;
import org.webims.media.rtp.RtpPacket;
import org.webims.media.rtp.payload.Depacketizer;
import org.webims.media.rtp.payload.FrameFlags;
import org.webims.media.rtp.payload.FrameSink;
import org.webims.media.video.I420Picture;
import org.webims.media.video.VideoScaler;

/**
 * Transcodes one video stream: the pushing I/O thread depacketizes (cheap) and hands whole frames
 * to a small bounded queue; the stream's own worker ({@link VideoLane}, fixed when the stream is
 * made, decision 0030) decodes, scales where needed, encodes and packetizes (decision 0007: heavy
 * work never on the I/O thread). A full queue drops the frame,
 * counts it, drops what follows until a key frame and asks upstream for one. Loss upstream or a
 * decoder that lost its reference also asks upstream (rate-limited); a downstream key frame request
 * is served by our encoder. Raw I420 on either side (for filters) skips the codec on that side.
 *
 * <p>Codec state is touched only under {@link #lock}, which {@link #close} takes too.
 */
final class VideoTranscoder implements FormatAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(VideoTranscoder.class);

    static final long KEYFRAME_REQUEST_INTERVAL_MS = 500;
    /**
     * Frames waiting for the worker: about 250 ms at 30 fps, enough to ride out a codec's start-up
     * (the encoder opens on the first decoded picture); more would only add delay.
     */
    static final int QUEUE_FRAMES = 8;
    static final int MAX_FRAME_BYTES = 1 << 21;

    /** What the encoding side makes of a decoded picture. */
    record Target(VideoCodecType codec, int h264LevelIdc, int maxNalBytes, int rawWidth, int rawHeight) { }

    private final Object lock = new Object();
    private final CodecFormatAdapterFactory owner;
    private final KeyframeRequests keyframes;
    private final UpstreamControl upstream;
    private final Target target;
    // I/O thread side
    private final Depacketizer depacketizer; // null: the source is raw I420
    private final RtpFraming framing = new RtpFraming(AudioTranscoder.MAX_PAYLOAD);
    private final FrameSink onFrame = this::queue;
    private final HandoffRing queue = new HandoffRing(QUEUE_FRAMES, 64 * 1024);
    private final VideoLane.Member member = this::runOne;
    private final VideoLane lane; // null: the workers were closed before this stream started
    private boolean awaitingKeyframe;
    private long droppedWaitingKeyframe;
    private final int rawInWidth;
    private final int rawInHeight;
    // worker side
    private final HandoffRing.SlotConsumer process = this::process;
    private final VideoDecoder decoder; // null: the source is raw I420
    private final PacketOutput output;
    private I420Picture rawIn;
    private VideoEncoder encoder;
    private final EncodedVideoFrame encoded = new EncodedVideoFrame(256 * 1024);
    private VideoScaler scaler;
    private I420Picture scaled;
    private byte[] rawOut;
    private long firstTs = -1;
    private final long outBase;
    private volatile boolean keyframeWanted;
    private volatile long bitrateWanted = -1;
    private long decodedFrames;
    private long encodedFrames;
    private long keyframesMade;
    private long skipped;
    private int rateTarget; // 0 until a downstream limit arrives
    private final RateFrameDropper dropper = new RateFrameDropper();
    private final ResolutionForRate sizing = new ResolutionForRate();
    private int encoderDivisor;
    private long resizes;
    private long failures;
    private volatile boolean closed;

    VideoTranscoder(CodecFormatAdapterFactory owner, TranscodeWorkers workers, UpstreamControl upstream,
                    Depacketizer depacketizer, VideoDecoder decoder, int rawInWidth, int rawInHeight,
                    Target target, PacketOutput output) {
        this.owner = owner;
        this.upstream = upstream;
        this.keyframes = new KeyframeRequests(upstream, KEYFRAME_REQUEST_INTERVAL_MS);
        this.depacketizer = depacketizer;
        this.decoder = decoder;
        this.rawInWidth = rawInWidth;
        this.rawInHeight = rawInHeight;
        this.target = target;
        this.output = output;
        this.outBase = java.util.concurrent.ThreadLocalRandom.current().nextInt() & 0xFFFFFFFFL;
        this.lane = workers.joinVideo(member); // last: the lane may run this stream from now on
    }

    @Override
    public Kind kind() {
        return Kind.TRANSCODE;
    }

    /** The I/O thread: reassemble frames and queue them; never touches a codec. */
    @Override
    public void accept(MediaPacket p) {
        if (closed) {
            return;
        }
        if (depacketizer == null) {
            queue(p.buffer(), p.offset(), p.length(), p.timestamp(), FrameFlags.KEYFRAME);
            return;
        }
        RtpPacket rtp = framing.wrap(p);
        if (rtp != null) {
            depacketizer.push(rtp, onFrame);
        }
    }

    private void queue(byte[] frame, int offset, int length, long ts, int flags) {
        boolean key = FrameFlags.isKeyframe(flags);
        if (awaitingKeyframe && !key) {
            droppedWaitingKeyframe++;
            keyframes.request();
            return;
        }
        if (length > MAX_FRAME_BYTES || !queue.offer(frame, offset, length, ts, flags)) {
            awaitingKeyframe = true; // what follows refers to the frame just lost
            keyframes.request();
            return;
        }
        awaitingKeyframe = false;
        if (lane != null) {
            lane.signal();
        }
    }

    /** The worker (this stream's lane): one frame per call and lock hold, so close() waits for at most one frame. */
    private boolean runOne() {
        if (queue.isEmpty()) {
            return false;
        }
        synchronized (lock) {
            return !closed && queue.drain(process, 1) > 0;
        }
    }

    private void process(byte[] frame, int length, long ts, int flags) {
        try {
            I420Picture picture = decoder == null ? rawPicture(frame, length) : decode(frame, length, ts, flags);
            if (picture != null) {
                deliver(picture, mapTimestamp(ts));
            }
        } catch (VideoCodecException | RuntimeException e) {
            failures++;
            LOG.atDebug().setCause(e).log("video transcoder frame failed");
        }
    }

    private long mapTimestamp(long ts) {
        if (firstTs < 0) {
            firstTs = ts;
        }
        return outBase + ts - firstTs;
    }

    private I420Picture decode(byte[] frame, int length, long ts, int flags) {
        if (FrameFlags.isAfterLoss(flags)) {
            keyframes.request(); // RFC 4585 §6.3.1: PLI after loss of a reference
        }
        VideoDecoder.Status status = decoder.decode(frame, 0, length, ts);
        if (status == VideoDecoder.Status.KEYFRAME_NEEDED) {
            keyframes.request();
            return null;
        }
        if (status != VideoDecoder.Status.PICTURE) {
            return null;
        }
        decodedFrames++;
        return decoder.picture();
    }

    /** Raw input: the payload is the Y, U and V planes, tightly packed. */
    private I420Picture rawPicture(byte[] frame, int length) {
        int w = rawInWidth;
        int h = rawInHeight;
        int cw = (w + 1) / 2;
        int ch = (h + 1) / 2;
        if (length < w * h + 2 * cw * ch) {
            skipped++;
            return null;
        }
        if (rawIn == null) {
            rawIn = I420Picture.allocate(w, h);
        }
        int at = 0;
        for (int p = 0; p < 3; p++) {
            int pw = rawIn.planeWidth(p);
            int stride = rawIn.stride(p);
            java.nio.ByteBuffer plane = rawIn.plane(p);
            for (int r = 0; r < rawIn.planeHeight(p); r++) {
                plane.put(r * stride, frame, at, pw);
                at += pw;
            }
        }
        return rawIn;
    }

    private void deliver(I420Picture picture, long ts) throws VideoCodecException {
        if (target.codec() == null) {
            sendRaw(picture, ts);
            return;
        }
        long bitrate = bitrateWanted;
        if (bitrate > 0) {
            bitrateWanted = -1;
            int configured = configuredBitrate(picture);
            rateTarget = (int) RateTarget.of(bitrate, configured); // 0: at or above what we meant to send, unlimited
            dropper.target(rateTarget);
            if (encoder != null) {
                encoder.setTargetBitrate(rateTarget > 0 ? rateTarget : configured);
            }
        }
        boolean key = keyframeWanted;
        if (!dropper.admit(ts, key)) {
            return; // over the downstream limit: this picture is not encoded (never one a PLI/FIR asked for)
        }
        int divisor = sizing.divisor(rateTarget, picture.width(), picture.height(), ts);
        if (encoder == null || divisor != encoderDivisor) {
            openEncoder(picture, divisor);
        }
        if (key) {
            keyframeWanted = false;
            encoder.requestKeyFrame();
        }
        if (!encoder.encode(picture, encoded)) {
            skipped++;
            return;
        }
        dropper.encoded(encoded.length(), encoded.keyFrame());
        encodedFrames++;
        if (encoded.keyFrame()) {
            keyframesMade++;
        }
        output.send(encoded.data(), 0, encoded.length(), ts, false, encoded.keyFrame());
    }

    /**
     * (Re)makes the encoder at the source size divided by {@code divisor}; it scales each picture
     * to that size and starts with a key frame, which carries the new size in-band (H.264 SPS,
     * VP8 key frame header) to the far decoder.
     */
    private void openEncoder(I420Picture picture, int divisor) throws VideoCodecException {
        if (encoder != null) {
            encoder.close();
            encoder = null;
            resizes++;
        }
        VideoEncoderConfig c = encoderConfig(Math.max(16, picture.width() / divisor), Math.max(16, picture.height() / divisor));
        encoder = VideoCodecs.encoder(rateTarget > 0 ? c.withBitrate(rateTarget) : c);
        encoderDivisor = divisor;
    }

    /** The rate the encoder runs at without a limit: the typical rate of the full size, capped by the H.264 level. */
    private int configuredBitrate(I420Picture picture) {
        return VideoCodecs.codedConfig(encoderConfig(picture.width(), picture.height())).bitrateBps();
    }

    private VideoEncoderConfig encoderConfig(int width, int height) {
        int w = width & ~1;
        int h = height & ~1;
        int bitrate = h >= 720 ? 2_000_000 : h >= 360 ? 800_000 : 300_000; // typical call rates
        if (target.codec() == VideoCodecType.VP8) {
            return VideoEncoderConfig.vp8(w, h, bitrate);
        }
        VideoEncoderConfig c = VideoEncoderConfig.h264(w, h, bitrate, target.h264LevelIdc());
        return target.maxNalBytes() > 0 ? c.withMaxNalBytes(target.maxNalBytes()) : c;
    }

    private void sendRaw(I420Picture picture, long ts) {
        I420Picture out = picture;
        int w = target.rawWidth();
        int h = target.rawHeight();
        if (picture.width() != w || picture.height() != h) {
            if (scaler == null || scaler.targetWidth() != w || scaledFrom != picture.width() * 65536 + picture.height()) {
                if (scaler != null) {
                    scaler.close();
                }
                scaler = new VideoScaler(picture.width(), picture.height(), w, h);
                scaledFrom = picture.width() * 65536 + picture.height();
                scaled = scaled == null ? I420Picture.allocate(w, h) : scaled;
            }
            scaler.scale(picture, scaled);
            out = scaled;
        }
        int size = w * h + 2 * ((w + 1) / 2) * ((h + 1) / 2);
        if (rawOut == null || rawOut.length < size) {
            rawOut = new byte[size];
        }
        int at = 0;
        for (int p = 0; p < 3; p++) {
            int pw = out.planeWidth(p);
            int stride = out.stride(p);
            java.nio.ByteBuffer plane = out.plane(p);
            for (int r = 0; r < out.planeHeight(p); r++) {
                plane.get(r * stride, rawOut, at, pw);
                at += pw;
            }
        }
        encodedFrames++;
        output.send(rawOut, 0, size, ts, true, true);
    }

    private int scaledFrom;

    /** Downstream lost our picture (PLI/FIR): our encoder makes a key frame; raw output asks upstream. */
    @Override
    public void requestKeyframe() {
        if (target.codec() == null) {
            keyframes.request();
        } else {
            keyframeWanted = true;
        }
    }

    /** REMB / TMMBR from downstream: our encoder's target bitrate. */
    @Override
    public void limitBitrate(long bitsPerSecond) {
        if (target.codec() == null) {
            upstream.limitBitrate(bitsPerSecond);
        } else {
            bitrateWanted = bitsPerSecond;
        }
    }

    Map<String, Long> counters() {
        Map<String, Long> m = new LinkedHashMap<>();
        synchronized (lock) {
            m.put("queue.dropped", queue.dropped());
            m.put("queue.droppedAwaitingKeyframe", droppedWaitingKeyframe);
            if (depacketizer != null) {
                m.put("depacketize.frames", depacketizer.counters().frames());
                m.put("depacketize.faults", depacketizer.counters().totalFaults());
            }
            m.put("decode.pictures", decodedFrames);
            m.put("encode.frames", encodedFrames);
            m.put("encode.keyframes", keyframesMade);
            m.put("encode.skipped", skipped);
            // a gauge, not a count: what the encoder aims at now (REMB, TMMBR or a send-side estimate moves it)
            m.put("encode.targetBitrate", encoder == null ? 0L : (long) encoder.targetBitrate());
            m.put("encode.width", encoder == null ? 0L : (long) encoder.width());
            m.put("encode.height", encoder == null ? 0L : (long) encoder.height());
            m.put("encode.resizes", resizes);
            m.put("rate.dropped", dropper.dropped());
            m.put("rate.longestDropRun", dropper.longestRun());
            m.put("failures", failures);
            m.put("keyframeRequests.sent", keyframes.sent());
            m.put("keyframeRequests.suppressed", keyframes.suppressed());
            output.putCounters(m, "output.");
        }
        return m;
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            if (decoder != null) {
                decoder.close();
            }
            if (encoder != null) {
                encoder.close();
            }
            if (scaler != null) {
                scaler.close();
            }
        }
        if (lane != null) {
            lane.remove(member);
        }
        owner.forget(this);
    }
}
