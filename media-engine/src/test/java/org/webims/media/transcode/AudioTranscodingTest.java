package org.webims.media.transcode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.webims.media.codec.AudioCodecs;
import org.webims.media.codec.Tones;
import org.webims.media.codec.amrwb.AmrWbDecoder;
import org.webims.media.codec.amrwb.AmrWbEncoder;
import org.webims.media.codec.amrwb.AmrWbFrames;
import org.webims.media.codec.opus.OpusDecoder;
import org.webims.media.codec.opus.OpusEncoder;
import org.webims.media.pipeline.FormatAdapter;
import org.webims.media.pipeline.MediaEngine;
import org.webims.media.pipeline.MediaEngineSettings;
import org.webims.media.pipeline.MediaFormat;
import org.webims.media.pipeline.MediaPipeline;
import org.webims.media.pipeline.MediaType;
import org.webims.media.rtp.payload.amrwb.AmrWbDepacketizer;
import org.webims.media.rtp.payload.amrwb.AmrWbFrameType;
import org.webims.media.rtp.payload.amrwb.AmrWbPacketizer;
import org.webims.media.rtp.payload.amrwb.AmrWbPayloadFormat;

/** Audio through the engine with the codec-backed adapter factory: real codecs, real tones, real time. */
class AudioTranscodingTest {

    static final MediaFormat OPUS = MediaFormat.audio("opus", 48_000, 2);
    static final MediaFormat AMR_WB = MediaFormat.audio("AMR-WB", 16_000, 1);
    static final int FRAMES = 100;
    static final int SSRC = 0x1234_5678;

    final AudioCodecs codecs = AudioCodecs.get();
    CodecFormatAdapterFactory factory;
    RecordingFactory recording;
    MediaEngine engine;
    MediaPipeline pipeline;

    @BeforeEach
    void start() {
        factory = new CodecFormatAdapterFactory();
        recording = new RecordingFactory(factory);
        engine = new MediaEngine(MediaEngineSettings.defaults(), recording);
        pipeline = engine.createPipeline();
    }

    @AfterEach
    void stop() {
        engine.close();
        factory.close();
    }

    static MediaFormat amrWb(int octetAlign) {
        return AMR_WB.with("octet-align", Integer.toString(octetAlign));
    }

    /** Opus packets of a 1 kHz tone at -20 dBFS, 20 ms each. */
    List<byte[]> opusTone(int frames) throws Exception {
        short[] tone = Tones.sine(1000, -20, 48_000, frames * 960);
        List<byte[]> out = new ArrayList<>();
        try (OpusEncoder enc = codecs.newOpusEncoder()) {
            byte[] buf = new byte[enc.maxEncodedBytes()];
            for (int f = 0; f < frames; f++) {
                int n = enc.encode(tone, f * 960, buf, 0, buf.length);
                out.add(java.util.Arrays.copyOf(buf, n));
            }
        }
        return out;
    }

    /** AMR-WB payloads (mode 8) of a 1 kHz tone at -20 dBFS in the given payload format. */
    List<byte[]> amrWbTone(int frames, AmrWbPayloadFormat format) throws Exception {
        short[] tone = Tones.sine(1000, -20, 16_000, frames * 320);
        List<byte[]> out = new ArrayList<>();
        AmrWbPacketizer packetizer = new AmrWbPacketizer(format, AmrWbFrameType.ALL_MODES, 1200);
        byte[] payload = new byte[1200];
        try (AmrWbEncoder enc = codecs.newAmrWbEncoder(8)) {
            byte[] buf = new byte[enc.maxEncodedBytes()];
            for (int f = 0; f < frames; f++) {
                int n = enc.encode(tone, f * 320, buf, 0, buf.length);
                assertTrue(packetizer.setFrame(buf, 0, n));
                out.add(java.util.Arrays.copyOf(payload, packetizer.next(payload, 0)));
            }
        }
        return out;
    }

    RecordingSink connect(TestSource source, MediaFormat to) {
        RecordingSink sink = new RecordingSink(pipeline, to);
        source.connect(sink, MediaType.AUDIO);
        return sink;
    }

    void sendPaced(TestSource source, MediaFormat format, List<byte[]> payloads, int samplesPerPacket,
                   java.util.function.IntPredicate drop) {
        Paced.run(payloads.size(), 20, i -> {
            if (!drop.test(i)) {
                byte[] p = payloads.get(i);
                source.send(format, p, p.length, 7_000L + (long) i * samplesPerPacket, 300 + i, i == 0, SSRC);
            }
        });
    }

    static short[] decodeAmrWb(List<RecordingSink.Packet> packets, AmrWbPayloadFormat format, AmrWbDecoder dec)
            throws Exception {
        AmrWbDepacketizer depacketizer = new AmrWbDepacketizer(format, AmrWbFrameType.ALL_MODES);
        byte[] storage = new byte[61 * 4];
        short[] pcm = new short[packets.size() * 320];
        int at = 0;
        for (RecordingSink.Packet p : packets) {
            int n = depacketizer.toStorageFormat(p.payload(), 0, p.payload().length, storage, 0);
            assertTrue(n > 0, "a well-formed AMR-WB payload");
            at += dec.decode(storage, 0, n, pcm, at);
        }
        return java.util.Arrays.copyOf(pcm, at);
    }

    static short[] decodeOpus(List<RecordingSink.Packet> packets, OpusDecoder dec) throws Exception {
        short[] pcm = new short[packets.size() * 960];
        int at = 0;
        for (RecordingSink.Packet p : packets) {
            at += dec.decode(p.payload(), 0, p.payload().length, pcm, at);
        }
        return java.util.Arrays.copyOf(pcm, at);
    }

    /**
     * The tone after two lossy codecs in tandem (and a resampler where one is needed) is still a 1 kHz tone at about
     * -20 dBFS. Opus at 32 kbit/s and AMR-WB at 23.85 kbit/s each keep a steady 1 kHz tone within
     * about 0.5 dB (their own tests), the FIR resampler's passband is flat at 1 kHz; ±1.5 dB leaves
     * room for both while a gain, byte-order or rate fault is 3 dB or far worse. The first 10 frames
     * (codec and filter start-up) are skipped; the frequency is read from zero crossings over >1.5 s.
     */
    static void assertTone(short[] pcm, int rate, String what) {
        int frame = rate / 50;
        int from = 10 * frame;
        int to = pcm.length - frame;
        assertTrue(to - from > rate, what + ": at least a second of audio, got " + pcm.length + " samples");
        double level = Tones.db(Tones.goertzelAmplitude(pcm, from, to, 1000, rate), Tones.amplitude(-20));
        assertEquals(0, level, 1.5, what + ": 1 kHz level against the -20 dBFS input, dB");
        assertEquals(1000, Tones.zeroCrossingHz(pcm, from, to, rate), 10, what + ": frequency from zero crossings");
    }

    static void assertContinuous(List<RecordingSink.Packet> packets, int samplesPerPacket) {
        for (int i = 1; i < packets.size(); i++) {
            RecordingSink.Packet a = packets.get(i - 1);
            RecordingSink.Packet b = packets.get(i);
            assertEquals(samplesPerPacket, (b.timestamp() - a.timestamp()) & 0xFFFFFFFFL, "timestamp step at " + i);
            assertEquals((a.seq() + 1) & 0xFFFF, b.seq(), "sequence step at " + i);
            assertEquals(a.ssrc(), b.ssrc(), "one SSRC");
        }
    }

    /**
     * Opus -> AMR-WB decodes Opus at 16 kHz on the system libopus; FFmpeg's libopus wrapper decodes
     * at 48 kHz only (measured: 960 samples a frame when opened at 16 kHz), so there the resampler stays.
     */
    void assertRunsAt16kHzWithoutResamplerWhereTheDecoderCan(AudioTranscoder t) {
        boolean native16k = codecs.backend() == org.webims.media.codec.CodecBackend.SYSTEM;
        assertEquals(native16k ? 16_000 : 48_000, t.decodeSampleRate(), "Opus decode rate");
        assertEquals(!native16k, t.resamples(), "resampler only where rates differ");
    }

    @ParameterizedTest(name = "octet-align={0}")
    @ValueSource(ints = {0, 1})
    void opusToneComesOutAsAmrWbToneAtSameFrequencyAndLevel(int octetAlign) throws Exception {
        TestSource source = new TestSource(pipeline);
        RecordingSink sink = connect(source, amrWb(octetAlign));
        sendPaced(source, OPUS, opusTone(FRAMES), 960, i -> false);
        assertTrue(Paced.await(1000, () -> sink.received.size() >= FRAMES), "frames out: " + sink.received.size());

        assertEquals(FormatAdapter.Kind.TRANSCODE, recording.last().kind());
        assertRunsAt16kHzWithoutResamplerWhereTheDecoderCan((AudioTranscoder) recording.last());
        List<RecordingSink.Packet> out = sink.received;
        assertEquals(FRAMES, out.size(), "one AMR-WB frame per 20 ms Opus packet");
        assertContinuous(out, 320);
        assertTrue(out.get(0).marker(), "first packet of the talkspurt has the marker");
        assertTrue(out.get(0).ssrc() != SSRC, "the transcoder sends as its own source");
        AmrWbPayloadFormat format = octetAlign == 1 ? AmrWbPayloadFormat.OCTET_ALIGNED : AmrWbPayloadFormat.BANDWIDTH_EFFICIENT;
        try (AmrWbDecoder dec = codecs.newAmrWbDecoder()) {
            assertTone(decodeAmrWb(out, format, dec), 16_000, "Opus -> AMR-WB");
        }
    }

    @ParameterizedTest(name = "octet-align={0}")
    @ValueSource(ints = {0, 1})
    void amrWbToneComesOutAsOpusToneAtSameFrequencyAndLevel(int octetAlign) throws Exception {
        TestSource source = new TestSource(pipeline);
        RecordingSink sink = connect(source, OPUS);
        AmrWbPayloadFormat format = octetAlign == 1 ? AmrWbPayloadFormat.OCTET_ALIGNED : AmrWbPayloadFormat.BANDWIDTH_EFFICIENT;
        sendPaced(source, amrWb(octetAlign), amrWbTone(FRAMES, format), 320, i -> false);
        assertTrue(Paced.await(1000, () -> sink.received.size() >= FRAMES), "frames out: " + sink.received.size());

        AudioTranscoder t = (AudioTranscoder) recording.last();
        assertEquals(16_000, t.encodeSampleRate(), "Opus encodes from AMR-WB's 16 kHz PCM");
        assertFalse(t.resamples(), "no resampler between AMR-WB and Opus");
        List<RecordingSink.Packet> out = sink.received;
        assertEquals(FRAMES, out.size());
        assertContinuous(out, 960); // RFC 7587 §4.1: 48 kHz RTP clock even from 16 kHz PCM
        try (OpusDecoder dec = codecs.newOpusDecoder()) {
            assertTone(decodeOpus(out, dec), 48_000, "AMR-WB -> Opus");
        }
    }

    /**
     * Issue 4's speech-like signal ({@link Tones#speechLike}: harmonics of a 140 Hz voice with
     * intonation, in 240 ms syllables and 100 ms pauses) through Opus -> AMR-WB -> Opus, each hop
     * a real transcoder: the syllables and pauses come out where they went in. The 10 ms RMS
     * envelope of the output, at the lag that fits best (the codecs' and resampler's delay, under
     * 60 ms), follows the input's with a correlation above 0.9 (0.94 measured: the two codecs do
     * not keep every 10 ms peak of the harmonics' beating; silence, a wrong rate or garbage give
     * next to none); voiced blocks keep their level within 3 dB (the tone tests' 1.5 dB per hop,
     * twice); the pauses stay more than 30 dB below them.
     */
    @Test
    void speechLikeAudioKeepsItsSyllablesAndLevelThroughOpusToAmrWbAndBack() throws Exception {
        int frames = 150;
        short[] speech = Tones.speechLike(48_000, frames * 960);
        List<byte[]> opus = new ArrayList<>();
        try (OpusEncoder enc = codecs.newOpusEncoder()) {
            byte[] buf = new byte[enc.maxEncodedBytes()];
            for (int f = 0; f < frames; f++) {
                opus.add(java.util.Arrays.copyOf(buf, enc.encode(speech, f * 960, buf, 0, buf.length)));
            }
        }
        MediaFormat amrWb = amrWb(1).with("dtx", "0"); // DTX has its own tests: here every frame is compared
        TestSource first = new TestSource(pipeline);
        RecordingSink toAmrWb = connect(first, amrWb);
        sendPaced(first, OPUS, opus, 960, i -> false);
        assertTrue(Paced.await(1000, () -> toAmrWb.received.size() >= frames), "AMR-WB out: " + toAmrWb.received.size());

        TestSource second = new TestSource(pipeline);
        RecordingSink toOpus = connect(second, OPUS);
        List<byte[]> amrPayloads = toAmrWb.received.stream().map(RecordingSink.Packet::payload).toList();
        sendPaced(second, amrWb, amrPayloads, 320, i -> false);
        assertTrue(Paced.await(1000, () -> toOpus.received.size() >= frames), "Opus out: " + toOpus.received.size());
        short[] out;
        try (OpusDecoder dec = codecs.newOpusDecoder()) {
            out = decodeOpus(toOpus.received, dec);
        }

        int block = 480; // 10 ms at 48 kHz
        int start = 10; // past the codecs' start-up
        int blocks = Math.min(speech.length, out.length) / block - 6;
        double[] in = blockLevels(speech, block, blocks + 6);
        double[] back = blockLevels(out, block, blocks + 6);
        int bestLag = 0;
        double best = -1;
        for (int lag = 0; lag <= 6; lag++) {
            double c = correlation(in, start, back, start + lag, blocks - start);
            if (c > best) {
                best = c;
                bestLag = lag;
            }
        }
        assertTrue(best > 0.9, "envelope correlation " + best + " at a lag of " + bestLag + " blocks");
        double voicedIn = 0;
        double voicedOut = 0;
        double pausedOut = 0;
        int voiced = 0;
        int paused = 0;
        for (int b = start; b < blocks; b++) {
            int inSyllable = (b * block) % (48_000 * 340 / 1000);
            if (inSyllable >= 48_000 * 60 / 1000 && inSyllable + block <= 48_000 * 180 / 1000) { // a syllable's middle
                voicedIn += in[b];
                voicedOut += back[b + bestLag];
                voiced++;
            } else if (inSyllable >= 48_000 * 260 / 1000 && inSyllable + block <= 48_000 * 330 / 1000) { // a pause
                pausedOut += back[b + bestLag];
                paused++;
            }
        }
        double levelIn = Tones.db(voicedIn / voiced, 1);
        double levelOut = Tones.db(voicedOut / voiced, 1);
        assertEquals(levelIn, levelOut, 3, "voiced level in and out, dB (RMS)");
        assertTrue(Tones.db(pausedOut / paused, voicedOut / voiced) < -30,
                "pauses against syllables, dB: " + Tones.db(pausedOut / paused, voicedOut / voiced));
    }

    /** RMS of each {@code block} samples, for {@code count} blocks. */
    static double[] blockLevels(short[] pcm, int block, int count) {
        double[] out = new double[count];
        for (int b = 0; b < count && (b + 1) * block <= pcm.length; b++) {
            out[b] = Tones.rms(pcm, b * block, (b + 1) * block);
        }
        return out;
    }

    /** Pearson correlation of {@code a[0..n)} and {@code b[lag..lag+n)}. */
    static double correlation(double[] a, int aFrom, double[] b, int bFrom, int n) {
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < n; i++) {
            ma += a[aFrom + i];
            mb += b[bFrom + i];
        }
        ma /= n;
        mb /= n;
        double cov = 0;
        double va = 0;
        double vb = 0;
        for (int i = 0; i < n; i++) {
            double x = a[aFrom + i] - ma;
            double y = b[bFrom + i] - mb;
            cov += x * y;
            va += x * x;
            vb += y * y;
        }
        return cov / Math.sqrt(va * vb);
    }

    @Test
    void opusDecodedToL16GivesTheToneInBigEndianPcm() throws Exception {
        TestSource source = new TestSource(pipeline);
        RecordingSink sink = connect(source, MediaFormat.pcm(48_000));
        sendPaced(source, OPUS, opusTone(FRAMES), 960, i -> false);
        assertTrue(Paced.await(1000, () -> sink.received.size() >= FRAMES));

        List<RecordingSink.Packet> out = sink.received;
        assertContinuous(out, 960);
        short[] pcm = new short[out.size() * 960];
        int at = 0;
        for (RecordingSink.Packet p : out) {
            assertEquals(1920, p.payload().length, "20 ms of 48 kHz 16-bit mono");
            for (int i = 0; i < 960; i++) {
                pcm[at++] = (short) ((p.payload()[2 * i] << 8) | (p.payload()[2 * i + 1] & 0xFF));
            }
        }
        // Opus alone keeps the tone within 0.5 dB; the shared ±1.5 dB bound is looser still
        assertTone(pcm, 48_000, "Opus -> L16");
    }

    @Test
    void octetAlignedAndBandwidthEfficientRoundTripIsBitExact() throws Exception {
        // every mode, so every frame length and padding case is crossed
        List<byte[]> original = new ArrayList<>();
        short[] tone = Tones.sine(700, -15, 16_000, 27 * 320);
        AmrWbPacketizer packetizer = new AmrWbPacketizer(AmrWbPayloadFormat.BANDWIDTH_EFFICIENT, AmrWbFrameType.ALL_MODES, 1200);
        byte[] payload = new byte[1200];
        try (AmrWbEncoder enc = codecs.newAmrWbEncoder(0)) {
            byte[] buf = new byte[enc.maxEncodedBytes()];
            for (int f = 0; f < 27; f++) {
                enc.setMode(f % AmrWbFrames.MODE_COUNT);
                int n = enc.encode(tone, f * 320, buf, 0, buf.length);
                packetizer.setCmr(f % 16 == 15 ? 15 : f % 9);
                assertTrue(packetizer.setFrame(buf, 0, n));
                original.add(java.util.Arrays.copyOf(payload, packetizer.next(payload, 0)));
            }
        }
        TestSource be = new TestSource(pipeline);
        RecordingSink octet = connect(be, amrWb(1));
        for (int i = 0; i < original.size(); i++) {
            be.send(amrWb(0), original.get(i), original.get(i).length, i * 320L, i, false, SSRC);
        }
        assertEquals(FormatAdapter.Kind.REPACKETIZE, recording.last().kind());
        TestSource oa = new TestSource(pipeline);
        RecordingSink back = connect(oa, amrWb(0));
        for (int i = 0; i < octet.received.size(); i++) {
            byte[] p = octet.received.get(i).payload();
            assertTrue(p.length > original.get(i).length, "octet-aligned is longer (padding)");
            oa.send(amrWb(1), p, p.length, i * 320L, i, false, SSRC);
        }
        assertEquals(original.size(), back.received.size());
        for (int i = 0; i < original.size(); i++) {
            assertArrayEquals(original.get(i), back.received.get(i).payload(), "payload " + i);
            assertEquals(i * 320L, back.received.get(i).timestamp(), "repacketizing keeps the timestamp");
        }
    }

    @Test
    void everyTenthPacketLostStillGivesContinuousConcealedOutput() throws Exception {
        int frames = FRAMES + 1; // the last packet arrives, so the last gap is seen
        TestSource source = new TestSource(pipeline);
        RecordingSink sink = connect(source, amrWb(0));
        sendPaced(source, OPUS, opusTone(frames), 960, i -> i % 10 == 9);
        assertTrue(Paced.await(1000, () -> sink.received.size() >= frames), "frames out: " + sink.received.size());

        List<RecordingSink.Packet> out = sink.received;
        assertEquals(frames, out.size(), "a frame for every 20 ms, lost ones concealed");
        assertContinuous(out, 320);
        Map<String, Long> c = CodecFormatAdapterFactory.counters(recording.last());
        assertEquals(10, c.get("jitter.lost"), c.toString());
        assertEquals(10, c.get("decode.concealed") + c.get("decode.fecRecovered"), "lost frames filled: " + c);
        try (AmrWbDecoder dec = codecs.newAmrWbDecoder()) {
            // concealment of a steady tone continues it, so the tone survives 10 % loss
            short[] pcm = decodeAmrWb(out, AmrWbPayloadFormat.BANDWIDTH_EFFICIENT, dec);
            assertEquals(1000, Tones.zeroCrossingHz(pcm, 3200, pcm.length - 320, 16_000), 20);
        }
    }

    /**
     * The jitter buffer on the decoding path: each pair of packets swapped (one 20 ms late) costs nothing.
     * Arrival is stamped from the schedule, as the receiving I/O thread stamps it, and a pair is handed
     * over when its late packet is due, successor first, as a reader finds both queued: this thread
     * starved past the buffer's 20 ms of slack left (load 15-19) is then no network delay.
     */
    @Test
    void packetsArrivingAfterTheirSuccessorAreDecodedInOrderWithNothingConcealed() throws Exception {
        int frames = FRAMES; // even: every packet has its partner
        TestSource source = new TestSource(pipeline);
        RecordingSink sink = connect(source, amrWb(0));
        List<byte[]> tone = opusTone(frames);
        Paced.run(frames, 20, (i, dueNanos) -> {
            if (i % 2 == 1) {
                for (int k : new int[] {i, i - 1}) { // packet i arrived at the pair's first due time, i - 1 now
                    byte[] p = tone.get(k);
                    long arrived = k == i ? dueNanos - 20_000_000L : dueNanos;
                    source.send(OPUS, p, p.length, 7_000L + (long) k * 960, 300 + k, k == 0, SSRC, arrived);
                }
            }
        });
        assertTrue(Paced.await(1000, () -> sink.received.size() >= frames), "frames out: " + sink.received.size());
        List<RecordingSink.Packet> out = sink.received;
        assertContinuous(out, 320);
        Map<String, Long> c = CodecFormatAdapterFactory.counters(recording.last());
        assertEquals(0, c.get("jitter.lost") + c.get("jitter.late"), c.toString());
        assertEquals(0, c.get("decode.concealed"), "nothing to conceal: " + c);
        try (AmrWbDecoder dec = codecs.newAmrWbDecoder()) {
            short[] pcm = decodeAmrWb(out, AmrWbPayloadFormat.BANDWIDTH_EFFICIENT, dec);
            assertEquals(1000, Tones.zeroCrossingHz(pcm, 3200, pcm.length - 320, 16_000), 20);
        }
    }

    @Test
    void bitrateLimitOf12650MakesAmrWbFramesMode2() throws Exception {
        TestSource source = new TestSource(pipeline);
        RecordingSink sink = connect(source, amrWb(0));
        List<byte[]> tone = opusTone(60);
        Paced.run(tone.size(), 20, i -> {
            if (i == 20) {
                sink.pad(MediaType.AUDIO).limitBitrate(12_650); // a CMR for mode 2, passed upstream
            }
            byte[] p = tone.get(i);
            source.send(OPUS, p, p.length, (long) i * 960, i, false, SSRC);
        });
        assertTrue(Paced.await(1000, () -> sink.received.size() >= 60));
        AmrWbDepacketizer d = new AmrWbDepacketizer(AmrWbPayloadFormat.BANDWIDTH_EFFICIENT, AmrWbFrameType.ALL_MODES);
        byte[] storage = new byte[61];
        List<RecordingSink.Packet> out = sink.received;
        d.toStorageFormat(out.get(0).payload(), 0, out.get(0).payload().length, storage, 0);
        assertEquals(8, AmrWbFrames.frameType(storage[0]), "before the limit: the highest mode");
        RecordingSink.Packet last = out.get(out.size() - 1);
        d.toStorageFormat(last.payload(), 0, last.payload().length, storage, 0);
        assertEquals(2, AmrWbFrames.frameType(storage[0]), "after limitBitrate(12650): mode 2 (12.65 kbit/s)");
        assertEquals(-1, source.bitrateLimit.get(), "a transcoder serves the limit itself");
    }

    @Test
    void modeSetOfTheTargetIsHonoured() throws Exception {
        TestSource source = new TestSource(pipeline);
        RecordingSink sink = connect(source, amrWb(0).with("mode-set", "0,2,4"));
        List<byte[]> tone = opusTone(10);
        Paced.run(tone.size(), 20, i -> source.send(OPUS, tone.get(i), tone.get(i).length, (long) i * 960, i, false, SSRC));
        assertTrue(Paced.await(1000, () -> sink.received.size() >= 10));
        AmrWbDepacketizer d = new AmrWbDepacketizer(AmrWbPayloadFormat.BANDWIDTH_EFFICIENT, AmrWbFrameType.ALL_MODES);
        byte[] storage = new byte[61];
        for (RecordingSink.Packet p : sink.received) {
            d.toStorageFormat(p.payload(), 0, p.payload().length, storage, 0);
            assertEquals(4, AmrWbFrames.frameType(storage[0]), "the highest mode of mode-set 0,2,4");
        }
    }
}
