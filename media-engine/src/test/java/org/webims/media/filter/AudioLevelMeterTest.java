package org.webims.media.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.webims.media.pipeline.FormatAdapterFactory;
import org.webims.media.pipeline.MediaEngine;
import org.webims.media.pipeline.MediaEngineSettings;
import org.webims.media.pipeline.MediaFormat;
import org.webims.media.pipeline.MediaPipeline;
import org.webims.media.pipeline.MediaType;
import org.webims.media.pipeline.PacketSinkElement;
import org.webims.media.pipeline.PacketSourceElement;
import org.webims.media.pipeline.event.MediaEvent;

class AudioLevelMeterTest {

    static final MediaFormat PCM16K = MediaFormat.pcm(16000);
    final MediaEngine engine = new MediaEngine(MediaEngineSettings.defaults(), FormatAdapterFactory.NONE);

    @AfterEach
    void close() {
        engine.close();
    }

    /** 20 ms of a 1 kHz sine at {@code peak} (0..1 of full scale), big-endian L16. */
    static byte[] tone(double peak, int frameIndex) {
        byte[] out = new byte[640];
        for (int i = 0; i < 320; i++) {
            double t = (frameIndex * 320 + i) / 16000.0;
            short s = (short) Math.round(peak * 32767 * Math.sin(2 * Math.PI * 1000 * t));
            out[2 * i] = (byte) (s >> 8);
            out[2 * i + 1] = (byte) s;
        }
        return out;
    }

    @Test
    void reportsToneLevelAndVoiceActivityStartAndStop() throws Exception {
        MediaPipeline pipeline = engine.createPipeline();
        PacketSourceElement source = new PacketSourceElement(pipeline);
        AudioLevelMeter meter = new AudioLevelMeter(pipeline, -40, Duration.ofMillis(100), Duration.ofMillis(200));
        PacketSinkElement sink = new PacketSinkElement(pipeline, List.of());
        BlockingQueue<MediaEvent> events = new LinkedBlockingQueue<>();
        meter.addEventListener(events::add);
        source.connect(meter, MediaType.AUDIO);
        meter.connect(sink, MediaType.AUDIO);

        int frame = 0;
        for (; frame < 25; frame++) { // 0.5 s of a -10 dBFS tone
            source.send(PCM16K, tone(Math.pow(10, -10 / 20.0), frame), frame);
            Thread.sleep(20);
        }
        for (int i = 0; i < 15; i++, frame++) { // 0.3 s of silence
            source.send(PCM16K, new byte[640], frame);
            Thread.sleep(20);
        }

        VoiceActivityEvent started = next(events, VoiceActivityEvent.class);
        assertTrue(started.speaking());
        AudioLevelEvent level = next(events, AudioLevelEvent.class);
        // a sine's RMS is 3 dB under its peak: -10 dBFS peak is -13 dBov
        assertEquals(-13.0, level.rmsDbov(), 0.5);
        assertEquals(-13.0, level.peakDbov(), 0.5);
        VoiceActivityEvent stopped = next(events, VoiceActivityEvent.class);
        assertFalse(stopped.speaking());
        assertEquals(frame, sink.received.size(), "audio passes through unchanged");
        assertEquals(PCM16K, sink.received.get(0).format());
    }

    @Test
    void quietNoiseBelowThresholdIsNotSpeech() throws Exception {
        MediaPipeline pipeline = engine.createPipeline();
        PacketSourceElement source = new PacketSourceElement(pipeline);
        AudioLevelMeter meter = new AudioLevelMeter(pipeline, -40, Duration.ofMillis(100), Duration.ofMillis(100));
        BlockingQueue<MediaEvent> events = new LinkedBlockingQueue<>();
        meter.addEventListener(events::add);
        source.connect(meter, MediaType.AUDIO);
        for (int frame = 0; frame < 15; frame++) { // -60 dBFS
            source.send(PCM16K, tone(0.001, frame), frame);
            Thread.sleep(20);
        }
        AudioLevelEvent level = next(events, AudioLevelEvent.class);
        assertEquals(-63.0, level.rmsDbov(), 0.5);
        assertFalse(level.speaking());
        assertTrue(events.stream().noneMatch(e -> e instanceof VoiceActivityEvent));
    }

    @Test
    void asksForDecodedAudio() {
        AudioLevelMeter meter = new AudioLevelMeter(engine.createPipeline());
        assertTrue(meter.sinkPad(MediaType.AUDIO).acceptedFormats().stream().allMatch(MediaFormat::isRaw));
    }

    static <T extends MediaEvent> T next(BlockingQueue<MediaEvent> events, Class<T> type) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            MediaEvent e = events.poll(100, TimeUnit.MILLISECONDS);
            if (type.isInstance(e)) {
                return type.cast(e);
            }
        }
        throw new AssertionError("no " + type.getSimpleName());
    }
}
