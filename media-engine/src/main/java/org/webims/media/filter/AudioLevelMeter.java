package org.webims.media.filter;

import java.time.Duration;
import java.util.List;
import org.webims.media.pipeline.MediaElement;
import org.webims.media.pipeline.MediaFormat;
import org.webims.media.pipeline.MediaPacket;
import org.webims.media.pipeline.MediaPipeline;
import org.webims.media.pipeline.MediaType;
import org.webims.media.pipeline.SourcePad;
import org.webims.media.pipeline.UpstreamControl;

/**
 * Measures the level of the audio passing through and detects voice activity. Audio reaches it
 * decoded (the pipeline puts a decoder in front, {@link MediaFormat#pcm}) and leaves unchanged;
 * video passes untouched. Raises {@link AudioLevelEvent} every reporting interval and
 * {@link VoiceActivityEvent} when speech starts or stops (a level threshold with hangover, so
 * pauses between words do not count as silence).
 */
public final class AudioLevelMeter extends MediaElement {

    private final SourcePad audioOut;
    private final double thresholdDbov;
    private final long hangoverNanos;
    private final long intervalNanos;

    // touched only by the thread pushing audio
    private double sumSquares;
    private long samples;
    private double peakDbov = -127;
    private long lastReportNanos;
    private long lastVoiceNanos;
    private boolean speaking;

    public AudioLevelMeter(MediaPipeline pipeline, double thresholdDbov, Duration hangover, Duration interval) {
        super(pipeline, "AudioLevelMeter");
        this.thresholdDbov = thresholdDbov;
        this.hangoverNanos = hangover.toNanos();
        this.intervalNanos = interval.toNanos();
        audioOut = addSourcePad(MediaType.AUDIO, forwardTo(MediaType.AUDIO));
        addSinkPad(MediaType.AUDIO, this::measure)
                .setAcceptedFormats(List.of(MediaFormat.pcm(16000), MediaFormat.pcm(48000)));
        SourcePad videoOut = addSourcePad(MediaType.VIDEO, forwardTo(MediaType.VIDEO));
        addSinkPad(MediaType.VIDEO, videoOut::push);
    }

    /** Defaults: speech above -50 dBov, 400 ms hangover, a level report every second. */
    public AudioLevelMeter(MediaPipeline pipeline) {
        this(pipeline, -50, Duration.ofMillis(400), Duration.ofSeconds(1));
    }

    private UpstreamControl forwardTo(MediaType type) {
        return new UpstreamControl() {
            @Override public void requestKeyframe() { sinkPad(type).requestKeyframe(); }
            @Override public void limitBitrate(long bps) { sinkPad(type).limitBitrate(bps); }
        };
    }

    private void measure(MediaPacket packet) {
        long now = System.nanoTime();
        double frameDbov = accumulate(packet.buffer(), packet.offset(), packet.length());
        if (frameDbov >= thresholdDbov) {
            lastVoiceNanos = now;
            if (!speaking) {
                speaking = true;
                emit(new VoiceActivityEvent(this, true, frameDbov));
            }
        } else if (speaking && now - lastVoiceNanos > hangoverNanos) {
            speaking = false;
            emit(new VoiceActivityEvent(this, false, frameDbov));
        }
        if (lastReportNanos == 0) {
            lastReportNanos = now;
        } else if (now - lastReportNanos >= intervalNanos && samples > 0) {
            emit(new AudioLevelEvent(this, toDbov(Math.sqrt(sumSquares / samples)), peakDbov, speaking));
            sumSquares = 0;
            samples = 0;
            peakDbov = -127;
            lastReportNanos = now;
        }
        audioOut.push(packet);
    }

    /** Adds a frame of big-endian 16-bit samples to the running sums; returns the frame's level. */
    private double accumulate(byte[] b, int off, int len) {
        double frameSum = 0;
        int n = len / 2;
        for (int i = 0; i < n; i++) {
            int sample = (short) (((b[off + 2 * i] & 0xff) << 8) | (b[off + 2 * i + 1] & 0xff));
            frameSum += (double) sample * sample;
        }
        if (n == 0) {
            return -127;
        }
        sumSquares += frameSum;
        samples += n;
        double frameDbov = toDbov(Math.sqrt(frameSum / n));
        peakDbov = Math.max(peakDbov, frameDbov);
        return frameDbov;
    }

    // RFC 6464 §3: level relative to the overload point (a full-scale square wave is 0 dBov).
    private static double toDbov(double rms) {
        if (rms <= 0) {
            return -127;
        }
        return Math.max(-127, 20 * Math.log10(rms / 32768.0));
    }
}
