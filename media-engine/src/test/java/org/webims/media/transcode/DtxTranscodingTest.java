package org.webims.media.transcode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.webims.media.codec.AudioCodecs;
import org.webims.media.codec.Tones;
import org.webims.media.codec.amrwb.AmrWbDecoder;
import org.webims.media.codec.amrwb.AmrWbEncoder;
import org.webims.media.codec.amrwb.AmrWbFrames;
import org.webims.media.codec.opus.OpusDecoder;
import org.webims.media.codec.opus.OpusEncoder;
import org.webims.media.pipeline.MediaEngine;
import org.webims.media.pipeline.MediaEngineSettings;
import org.webims.media.pipeline.MediaFormat;
import org.webims.media.pipeline.MediaPipeline;
import org.webims.media.pipeline.MediaType;
import org.webims.media.rtp.payload.amrwb.AmrWbDepacketizer;
import org.webims.media.rtp.payload.amrwb.AmrWbFrameType;
import org.webims.media.rtp.payload.amrwb.AmrWbPacketizer;
import org.webims.media.rtp.payload.amrwb.AmrWbPayloadFormat;

/**
 * A peer's discontinuous transmission through the transcoder (issue 4, "DTX and comfort noise"):
 * 1 s of a 1 kHz tone at -20 dBFS, 2 s of digital silence sent as the peer's codec sends silence
 * with DTX on, then 1 s of the tone again. Whatever the peer sends or leaves out in the pause,
 * nothing is counted as lost or corrupt, no concealment runs, the pause comes out quiet, the
 * output keeps its time grid and its sequence, and the tone after the pause is intact. Toward
 * AMR-WB the pause comes out as SID frames at their cadence (decision 0019).
 */
class DtxTranscodingTest {

    static final MediaFormat OPUS = MediaFormat.audio("opus", 48_000, 2);
    static final MediaFormat AMR_WB = MediaFormat.audio("AMR-WB", 16_000, 1);
    static final int TONE = 50;
    static final int SILENCE = 100;
    static final int FRAMES = TONE + SILENCE + TONE;
    static final int SSRC = 0x0D7C_0001;
    /**
     * Comfort noise of digital silence, and the codecs' own noise in it, measured at -83 to -97
     * dBFS here; 40 dB under the -20 dBFS tone leaves room for both, while the tone leaking
     * into the pause, or concealment repeating it, would be near -20.
     */
    static final double PAUSE_MAX_DBFS = -60;

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

    /** Tone, silence, tone: {@code FRAMES} frames of 20 ms at {@code rate}. */
    static short[] toneSilenceTone(int rate) {
        int frame = rate / 50;
        short[] tone = Tones.sine(1000, -20, rate, FRAMES * frame);
        Arrays.fill(tone, TONE * frame, (TONE + SILENCE) * frame, (short) 0);
        return tone;
    }

    /** One frame the peer sends: its index (its RTP time) and payload. */
    record Sent(int frame, byte[] payload) { }

    /** Sends {@code sent} in real time, sequence numbers counting only what is sent (RFC 3550 §5.1). */
    static void sendPaced(TestSource source, MediaFormat format, List<Sent> sent, int samplesPerFrame) {
        int[] next = {0};
        Paced.run(FRAMES, 20, i -> {
            if (next[0] < sent.size() && sent.get(next[0]).frame() == i) {
                byte[] p = sent.get(next[0]).payload();
                source.send(format, p, p.length, 1000L + (long) i * samplesPerFrame, 40 + next[0], next[0] == 0, SSRC);
                next[0]++;
            }
        });
    }

    @ParameterizedTest(name = "NO_DATA frames sent={0}")
    @ValueSource(booleans = {false, true})
    void amrWbSidAndNoDataFromThePeerComeOutAsQuietOpusAndTheToneResumes(boolean sendNoData) throws Exception {
        List<Sent> sent = new ArrayList<>();
        int sid = 0;
        AmrWbPacketizer packetizer = new AmrWbPacketizer(AmrWbPayloadFormat.BANDWIDTH_EFFICIENT, AmrWbFrameType.ALL_MODES, 1200);
        byte[] payload = new byte[1200];
        short[] pcm = toneSilenceTone(16_000);
        try (AmrWbEncoder enc = codecs.newAmrWbEncoder(8)) {
            assumeTrue(enc.setDtx(true), "this back-end's AMR-WB encoder has DTX");
            byte[] buf = new byte[enc.maxEncodedBytes()];
            for (int f = 0; f < FRAMES; f++) {
                int n = enc.encode(pcm, f * 320, buf, 0, buf.length);
                int ft = AmrWbFrames.frameType(buf[0]);
                sid += ft == AmrWbFrames.FT_SID ? 1 : 0;
                if (ft == AmrWbFrames.FT_NO_DATA && !sendNoData) {
                    continue; // RFC 4867 §4.3.2: NO_DATA need not be sent
                }
                assertTrue(packetizer.setFrame(buf, 0, n), "frame type " + ft + " packetized");
                sent.add(new Sent(f, Arrays.copyOf(payload, packetizer.next(payload, 0))));
            }
        }
        assertTrue(sid >= SILENCE / 8 - 2, "the peer's encoder sent SID updates in the pause: " + sid);

        TestSource source = new TestSource(pipeline);
        RecordingSink sink = new RecordingSink(pipeline, OPUS);
        source.connect(sink, MediaType.AUDIO);
        sendPaced(source, AMR_WB, sent, 320);
        int expected = sent.size();
        assertTrue(Paced.await(1000, () -> sink.received.size() >= expected), "frames out: " + sink.received.size());

        Map<String, Long> c = CodecFormatAdapterFactory.counters(recording.last());
        assertEquals(0, c.get("jitter.lost"), c.toString());
        assertEquals(0, c.get("decode.corrupt"), c.toString());
        assertEquals(0, c.get("decode.concealed"), "no concealment for a pause: " + c);
        assertEquals(0, c.get("depacketize.faults"), c.toString());
        assertEquals(0, c.get("tickFailures"), c.toString());
        assertEquals(expected, sink.received.size(), "an Opus frame for every AMR-WB frame sent (SID and NO_DATA decode to comfort noise)");

        short[] out = timeline(sink.received, 960, 960, codecs.newOpusDecoder());
        assertTimeGridAndMarkers(sink.received, 960, p -> true);
        assertQuietPause(out, 960);
        assertToneResumed(out, 48_000, "AMR-WB with DTX -> Opus");
    }

    @ParameterizedTest(name = "DTX packets sent={0}")
    @ValueSource(booleans = {false, true})
    void opusDtxFromThePeerKeepsAmrWbFramesOnTheirTimeGridAndTheToneResumes(boolean sendDtxPackets) throws Exception {
        List<Sent> sent = new ArrayList<>();
        int dtx = 0;
        short[] pcm = toneSilenceTone(48_000);
        try (OpusEncoder enc = codecs.newOpusEncoder()) {
            assumeTrue(enc.setDtx(true), "this back-end's Opus encoder has DTX");
            byte[] buf = new byte[enc.maxEncodedBytes()];
            for (int f = 0; f < FRAMES; f++) {
                int n = enc.encode(pcm, f * 960, buf, 0, buf.length);
                if (OpusEncoder.isDtxPacket(n)) {
                    dtx++;
                    if (!sendDtxPackets || n == 0) {
                        continue; // RFC 7587 §3.1.3: need not be sent
                    }
                }
                sent.add(new Sent(f, Arrays.copyOf(buf, n)));
            }
        }
        assertTrue(dtx >= SILENCE / 2, "the peer's encoder went into DTX in the pause: " + dtx + " DTX frames");

        TestSource source = new TestSource(pipeline);
        RecordingSink sink = new RecordingSink(pipeline, AMR_WB);
        source.connect(sink, MediaType.AUDIO);
        sendPaced(source, OPUS, sent, 960);
        int lastFrame = sent.get(sent.size() - 1).frame();
        assertTrue(Paced.await(1000, () -> !sink.received.isEmpty()
                && sink.received.get(sink.received.size() - 1).timestamp() - sink.received.get(0).timestamp()
                        >= (long) lastFrame * 320), "the last frame comes out");

        Map<String, Long> c = CodecFormatAdapterFactory.counters(recording.last());
        assertEquals(0, c.get("jitter.lost"), c.toString());
        assertEquals(0, c.get("decode.corrupt"), c.toString());
        assertEquals(0, c.get("encode.failed"), c.toString());
        assertEquals(0, c.get("tickFailures"), c.toString());
        assertEquals(0, c.get("decode.concealed"), "no concealment for a pause: " + c);

        assertTimeGridAndMarkers(sink.received, 320, DtxTranscodingTest::isAmrWbSpeech);
        short[] out;
        try (AmrWbDecoder dec = codecs.newAmrWbDecoder()) {
            out = timelineAmrWb(sink.received, dec);
        }
        assertQuietPause(out, 320);
        assertToneResumed(out, 16_000, "Opus with DTX -> AMR-WB");
    }

    /**
     * Tone-silence-tone as an Opus peer sends it: with its encoder's DTX (DTX packets and its
     * periodic noise updates in the pause), or with nothing at all in the pause.
     */
    List<Sent> opusSilence(boolean withDtxPackets) throws Exception {
        List<Sent> sent = new ArrayList<>();
        short[] pcm = toneSilenceTone(48_000);
        try (OpusEncoder enc = codecs.newOpusEncoder()) {
            assumeTrue(!withDtxPackets || enc.setDtx(true), "this back-end's Opus encoder has DTX");
            byte[] buf = new byte[enc.maxEncodedBytes()];
            for (int f = 0; f < FRAMES; f++) {
                int n = enc.encode(pcm, f * 960, buf, 0, buf.length);
                if (withDtxPackets ? n == 0 : f >= TONE && f < TONE + SILENCE) {
                    continue;
                }
                sent.add(new Sent(f, Arrays.copyOf(buf, n)));
            }
        }
        return sent;
    }

    /**
     * The Opus side goes silent (its DTX packets and noise updates, or no packets at all for 2 s): toward
     * AMR-WB the transcoder's encoder runs DTX (on by default, TS 26.114 §5.2.1; RFC 4867 has no
     * parameter for it), so after the hangover the far end gets one SID_FIRST, then a SID_UPDATE
     * every 8th frame, 160 ms apart (TS 26.193 §5), which its decoder turns into quiet comfort
     * noise; no speech frame in the pause, and speech with the marker (RFC 4867 §4.1) and the tone
     * after it. With {@code dtx=0} on the AMR-WB side no SID is sent and nothing fills the pause:
     * only what the Opus peer sent in it (its periodic noise updates) comes out, as speech frames.
     */
    @ParameterizedTest(name = "Opus DTX packets in the pause={0} (else none), AMR-WB fmtp dtx={1}")
    @org.junit.jupiter.params.provider.CsvSource({"false,1", "true,1", "false,0"})
    void opusSilenceReachesAmrWbAsSidFramesEvery160msAndSpeechResumes(boolean sendDtxPackets, int dtx)
            throws Exception {
        List<Sent> sent = opusSilence(sendDtxPackets);
        TestSource source = new TestSource(pipeline);
        RecordingSink sink = new RecordingSink(pipeline, dtx == 1 ? AMR_WB : AMR_WB.with("dtx", "0"));
        source.connect(sink, MediaType.AUDIO);
        sendPaced(source, OPUS, sent, 960);
        int lastFrame = sent.get(sent.size() - 1).frame();
        assertTrue(Paced.await(1000, () -> !sink.received.isEmpty()
                && sink.received.get(sink.received.size() - 1).timestamp() - sink.received.get(0).timestamp()
                        >= (long) lastFrame * 320), "the last frame comes out");

        // each packet's frame by its place on the 20 ms grid, its frame type, and for a SID its STI bit
        long first = sink.received.get(0).timestamp();
        AmrWbDepacketizer depacketizer = new AmrWbDepacketizer(AmrWbPayloadFormat.BANDWIDTH_EFFICIENT,
                AmrWbFrameType.ALL_MODES);
        byte[] storage = new byte[AmrWbFrames.MAX_FRAME_BYTES * 4];
        List<Integer> sidFirst = new ArrayList<>();
        List<Integer> sidUpdate = new ArrayList<>();
        int speechInPause = 0;
        int firstSpeechAfter = -1;
        RecordingSink.Packet resumed = null;
        for (RecordingSink.Packet p : sink.received) {
            int at = (int) (((p.timestamp() - first) & 0xFFFFFFFFL) / 320);
            int n = depacketizer.toStorageFormat(p.payload(), 0, p.payload().length, storage, 0);
            assertEquals(1, n > 0 ? 1 : 0, "a well-formed AMR-WB payload at frame " + at);
            int ft = AmrWbFrames.frameType(storage[0]);
            if (ft == AmrWbFrames.FT_SID) {
                assertFalse(p.marker(), "no marker on a SID frame (RFC 4867 §4.1), frame " + at);
                (isSidUpdate(storage) ? sidUpdate : sidFirst).add(at);
            } else if (ft < AmrWbFrames.FT_SID && at >= TONE + 12 && at < TONE + SILENCE) {
                speechInPause++;
            } else if (ft < AmrWbFrames.FT_SID && at >= TONE + SILENCE && firstSpeechAfter < 0) {
                firstSpeechAfter = at;
                resumed = p;
            }
        }
        Map<String, Long> c = CodecFormatAdapterFactory.counters(recording.last());
        assertTrue(firstSpeechAfter >= TONE + SILENCE && firstSpeechAfter <= TONE + SILENCE + 2,
                "speech resumes with the tone: frame " + firstSpeechAfter);
        assertTrue(resumed.marker(), "the first speech frame after the pause has the marker");
        if (dtx == 0) {
            assertEquals(List.of(), sidFirst, "no SID without DTX");
            assertEquals(List.of(), sidUpdate, "no SID without DTX");
            assertEquals(0, c.get("silence.filledFrames"), "nothing fills the pause without DTX: " + c);
        } else {
            assertEquals(0, speechInPause, "no speech frames in the pause: " + c);
            assertEquals(1, sidFirst.size(), "one SID_FIRST: " + sidFirst + " " + c);
            int start = sidFirst.get(0);
            assertTrue(start > TONE && start <= TONE + 12, "SID_FIRST after the hangover: frame " + start);
            assertTrue(sidUpdate.size() >= (SILENCE - 12) / 8 - 1, "SID_UPDATEs through the pause: " + sidUpdate);
            assertTrue(sidUpdate.get(0) > start, "SID_UPDATE after SID_FIRST: " + sidUpdate);
            for (int i = 1; i < sidUpdate.size(); i++) {
                assertEquals(8, sidUpdate.get(i) - sidUpdate.get(i - 1),
                        "SID_UPDATE every 8th frame, 160 ms (TS 26.193 §5): " + sidUpdate);
            }
            assertTrue(sidUpdate.get(sidUpdate.size() - 1) >= TONE + SILENCE - 10,
                    "SID_UPDATEs until the end of the pause: " + sidUpdate);
            // every 20 ms reached the encoder: a decoded frame, or silence where the peer sent nothing
            assertEquals(c.get("encode.frames"), c.get("decode.frames") + c.get("silence.filledFrames"), c.toString());
            assertTrue(c.get("encode.frames") >= FRAMES, "a frame for every 20 ms of the call: " + c);
        }
        assertEquals(0, c.get("encode.failed"), c.toString());
        assertEquals(0, c.get("tickFailures"), c.toString());
        assertEquals(0, c.get("decode.concealed"), "no concealment for a pause: " + c);
        assertTimeGridAndMarkers(sink.received, 320, DtxTranscodingTest::isAmrWbSpeech);
        short[] out;
        try (AmrWbDecoder dec = codecs.newAmrWbDecoder()) {
            out = timelineAmrWb(sink.received, dec);
        }
        assertQuietPause(out, 320);
        assertToneResumed(out, 16_000, "Opus silence -> AMR-WB SID -> speech");
    }

    /** TS 26.201 §4.2.3 / Table 2: the SID frame's bit 36 (after 35 comfort-noise bits), STI, is 1 for SID_UPDATE. */
    static boolean isSidUpdate(byte[] storage) {
        return (storage[1 + 35 / 8] & (0x80 >>> (35 % 8))) != 0;
    }

    /** A bandwidth-efficient single-frame AMR-WB payload holds speech (FT 0..8), not SID or NO_DATA. */
    static boolean isAmrWbSpeech(RecordingSink.Packet p) {
        int ft = ((p.payload()[0] & 0x07) << 1) | ((p.payload()[1] >>> 7) & 1); // after CMR(4) and F(1)
        return ft < AmrWbFrames.FT_SID;
    }

    /**
     * Every packet on the frame grid of the first, sequence numbers without a gap, and the marker
     * exactly on the first speech packet of each talkspurt, that is after every pause or run of
     * SID frames (RFC 3551 §4.1, RFC 4867 §4.1).
     */
    static void assertTimeGridAndMarkers(List<RecordingSink.Packet> packets, int frameTicks,
                                         java.util.function.Predicate<RecordingSink.Packet> speech) {
        long first = packets.get(0).timestamp();
        assertTrue(packets.get(0).marker(), "the first packet has the marker");
        for (int i = 1; i < packets.size(); i++) {
            RecordingSink.Packet a = packets.get(i - 1);
            RecordingSink.Packet b = packets.get(i);
            long step = (b.timestamp() - a.timestamp()) & 0xFFFFFFFFL;
            assertEquals(0, ((b.timestamp() - first) & 0xFFFFFFFFL) % frameTicks, "packet " + i + " on the frame grid");
            assertTrue(step >= frameTicks && step <= (long) FRAMES * frameTicks, "packet " + i + " later than the one before: " + step);
            assertEquals((a.seq() + 1) & 0xFFFF, b.seq(), "sequence step at " + i);
            boolean talkspurtStart = speech.test(b) && (step > frameTicks || !speech.test(a));
            assertEquals(talkspurtStart, b.marker(), "marker only on the first speech packet after a pause, at " + i);
        }
    }

    /** The decoded output laid out by timestamp, frame index 0 at the first packet; silence where nothing came. */
    static short[] timeline(List<RecordingSink.Packet> packets, int frameTicks, int frameSamples, OpusDecoder dec)
            throws Exception {
        try (dec) {
            short[] pcm = new short[FRAMES * frameSamples];
            short[] frame = new short[OpusDecoder.MAX_FRAME_SAMPLES];
            long first = packets.get(0).timestamp();
            for (RecordingSink.Packet p : packets) {
                int at = (int) (((p.timestamp() - first) & 0xFFFFFFFFL) / frameTicks);
                int n = dec.decode(p.payload(), 0, p.payload().length, frame, 0);
                if (at < FRAMES) {
                    System.arraycopy(frame, 0, pcm, at * frameSamples, Math.min(n, frameSamples));
                }
            }
            return pcm;
        }
    }

    static short[] timelineAmrWb(List<RecordingSink.Packet> packets, AmrWbDecoder dec) throws Exception {
        short[] pcm = new short[FRAMES * 320];
        long first = packets.get(0).timestamp();
        for (RecordingSink.Packet p : packets) {
            int at = (int) (((p.timestamp() - first) & 0xFFFFFFFFL) / 320);
            short[] one = AudioTranscodingTest.decodeAmrWb(List.of(p), AmrWbPayloadFormat.BANDWIDTH_EFFICIENT, dec);
            if (at < FRAMES) {
                System.arraycopy(one, 0, pcm, at * 320, Math.min(one.length, 320));
            }
        }
        return pcm;
    }

    /** The pause, past the encoders' hangover (10 frames) and decoders' decay, is quiet. */
    static void assertQuietPause(short[] pcm, int frameSamples) {
        int from = (TONE + 12) * frameSamples;
        int to = (TONE + SILENCE - 2) * frameSamples;
        double db = Tones.db(Tones.rms(pcm, from, to), 32768);
        assertTrue(db < PAUSE_MAX_DBFS, "the pause is quiet: " + db + " dBFS");
    }

    /** The second tone, past 10 frames of codec start-up, at its frequency and level (bounds as AudioTranscodingTest#assertTone). */
    static void assertToneResumed(short[] pcm, int rate, String what) {
        int frame = rate / 50;
        int from = (TONE + SILENCE + 10) * frame;
        int to = (FRAMES - 1) * frame;
        double level = Tones.db(Tones.goertzelAmplitude(pcm, from, to, 1000, rate), Tones.amplitude(-20));
        assertEquals(0, level, 1.5, what + ": 1 kHz level after the pause against the -20 dBFS input, dB");
        assertEquals(1000, Tones.zeroCrossingHz(pcm, from, to, rate), 10, what + ": frequency after the pause");
    }
}
