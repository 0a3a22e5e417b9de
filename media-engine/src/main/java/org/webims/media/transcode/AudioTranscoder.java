package org.webims.media.transcode;

import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.media.codec.resample.FirResampler;
import org.webims.media.pipeline.FormatAdapter;
import org.webims.media.pipeline.MediaPacket;
import org.webims.media.rtp.PacketCounters;
import org.webims.media.rtp.PacketFault;
import org.webims.media.rtp.RtpPacket;
import org.webims.media.rtp.RtpSequence;
import org.webims.media.rtp.jitter.JitterBuffer;
import org.webims.media.rtp.payload.Depacketizer;
import org.webims.media.rtp.payload.FrameSink;

/**
 * Transcodes one audio stream, clock-driven: {@link #accept} (the I/O thread) only copies the
 * payload into a hand-off ring; every 20 ms a worker moves what arrived into the jitter buffer,
 * takes out what is due, decodes it (or conceals a gap, from Opus FEC when the packet after it is
 * there), resamples, encodes in 20 ms frames and pushes them downstream as its own stream: own
 * SSRC, continuous sequence numbers, timestamps in the target's clock that follow the source's
 * (so a source's DTX pause stays a pause). Toward an encoder that must run through silence
 * (AMR-WB with DTX, whose SID frames the far end needs for comfort noise, TS 26.193 §5) a pause
 * of the source, with no packets at all, is filled with silent frames on the same clock.
 *
 * <p>Also serves the decode-only (to L16), encode-only (from L16) and resample-only cases: L16 is
 * just another "codec" to its stages. All codec state is touched under {@link #lock}, which
 * {@link #close} takes too, so a codec is never freed in the middle of a frame.
 */
final class AudioTranscoder implements FormatAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(AudioTranscoder.class);

    /** Jitter buffer target delay: one tick to notice a packet is due plus one of jitter. */
    static final int JITTER_DELAY_MS = 40;
    /** Reorder window of the jitter buffer, and of the hand-off ring: 1.28 s of 20 ms packets. */
    static final int WINDOW = 64;
    static final int MAX_PAYLOAD = 1500;
    /** Longest gap concealed frame by frame (200 ms); beyond it the stream restarts silently. */
    static final int MAX_CONCEALED_FRAMES = 10;
    /**
     * Silence is filled in only this long after the next frame's play-out time, so a packet merely
     * late (a starved I/O thread or worker) still plays as itself rather than be replaced; the SID
     * frames' timestamps keep their cadence however late they leave.
     */
    static final int FILL_AFTER_MS = 100;
    /** Most silent frames filled in one tick; a longer stall of the worker skips ahead instead. */
    static final int MAX_FILL_PER_TICK = 10;

    private final Object lock = new Object();
    private final CodecFormatAdapterFactory owner;
    private final HandoffRing ring = new HandoffRing(WINDOW, RtpFraming.HEADER + 256);
    private final RtpFraming framing = new RtpFraming(MAX_PAYLOAD);
    private final JitterBuffer jitter;
    private final RtpPacket slotView = new RtpPacket();
    private final Depacketizer depacketizer;
    private final AudioDecodeStage decode;
    private final FirResampler resampler; // null when the rates match
    private final AudioEncodeStage encode;
    /** Source RTP clock ticks per decoded sample: 3 for Opus decoded at 16 kHz (RFC 7587 §4.1), else 1. */
    private final int ticksPerSample;
    private final PacketOutput output;
    private final HandoffRing.SlotConsumer toJitter = this::toJitter;
    private final FrameSink onFrame = this::onFrame;

    private final short[] decoded = new short[AudioDecodeStage.MAX_SAMPLES];
    private final short[] fifo;
    private final byte[] frameOut;
    private int fifoFill;
    private long fifoPos; // output-clock position of fifo[0]

    // input-clock positions in source RTP ticks (extended, starting at 0 on the first packet)
    private boolean started;
    private long expectedPos;
    private long packetPos;
    private long packetTs;
    private int lastSsrc;
    private boolean gapPending;
    private final long outBase;
    private long lastSentEnd;
    private boolean silenceBefore;
    private boolean lastSentSpeech;
    // the source's play-out clock: input position anchorPos played at anchorMs (worker's ms)
    private final boolean fillSilence;
    private long anchorPos;
    private long anchorMs;
    private long filledUpTo = Long.MIN_VALUE; // input position the silence filler reached
    private long filled;
    private long fillOverlap;
    private long rejected;
    private long ticks;
    private long tickFailures;

    /** Gathers {@code framesPerPacket} frames a packet (a far end's a=maxprate); one by default. */
    private final FrameBundle bundle;
    private SharedTicks.Membership ticker;
    private volatile boolean closed;

    AudioTranscoder(CodecFormatAdapterFactory owner, Depacketizer depacketizer,
                    AudioDecodeStage decode, AudioEncodeStage encode, PacketOutput output) {
        this(owner, depacketizer, decode, encode, output, 1, false);
    }

    /** As above, sending {@code framesPerPacket} frames in each packet ({@link FrameBundle}; {@code opus}: as code 3 packets). */
    AudioTranscoder(CodecFormatAdapterFactory owner, Depacketizer depacketizer, AudioDecodeStage decode,
                    AudioEncodeStage encode, PacketOutput output, int framesPerPacket, boolean opus) {
        this.owner = owner;
        this.depacketizer = depacketizer;
        this.decode = decode;
        this.encode = encode;
        this.ticksPerSample = decode.clockRate() / decode.sampleRate();
        this.output = output;
        this.jitter = new JitterBuffer(WINDOW, RtpFraming.HEADER + MAX_PAYLOAD, decode.clockRate(), JITTER_DELAY_MS);
        this.resampler = decode.sampleRate() == encode.sampleRate() ? null
                : FirResampler.create(decode.sampleRate(), encode.sampleRate());
        int maxOut = resampler == null ? decode.sampleRate() / 2 : resampler.outputLength(AudioDecodeStage.MAX_SAMPLES);
        this.fifo = new short[Math.max(maxOut, AudioDecodeStage.MAX_SAMPLES) + encode.frameSamples()];
        this.frameOut = new byte[Math.max(encode.maxFrameBytes(), 2 * encode.frameSamples())];
        this.bundle = new FrameBundle(output, framesPerPacket, frameOut.length, opus);
        this.outBase = java.util.concurrent.ThreadLocalRandom.current().nextInt() & 0xFFFFFFFFL; // RFC 3550 §5.1
        this.fillSilence = encode.needsContinuousInput();
    }

    void start(TranscodeWorkers workers) {
        ticker = workers.everyTick(this::tick);
    }

    @Override
    public Kind kind() {
        return Kind.TRANSCODE;
    }

    /** The I/O thread: copy the payload (behind an RTP header) into the hand-off ring, nothing more. */
    @Override
    public void accept(MediaPacket p) {
        if (closed) {
            return;
        }
        if (p.length() > MAX_PAYLOAD) {
            rejected++;
            return;
        }
        byte[] slot = ring.claim(RtpFraming.HEADER + p.length());
        if (slot == null) {
            return;
        }
        int n = framing.write(p, slot);
        long arrived = p.receivedNanos() != 0 ? p.receivedNanos() : System.nanoTime();
        ring.publish(n, arrived, 0);
    }

    /** The worker, every 20 ms. A failure is counted and the stream goes on: a periodic task must not die. */
    void tick() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            ticks++;
            try {
                ring.drain(toJitter, WINDOW);
                long nowMs = System.nanoTime() / 1_000_000;
                for (int i = 0; i < WINDOW; i++) {
                    JitterBuffer.Poll poll = jitter.poll(nowMs);
                    if (poll == JitterBuffer.Poll.NOTHING) {
                        break;
                    }
                    if (poll == JitterBuffer.Poll.GAP) {
                        gapPending = true;
                    } else {
                        play(jitter.packet(), nowMs);
                    }
                }
                if (fillSilence && started && jitter.size() == 0) {
                    fillSilence(nowMs); // a later packet waiting means loss: concealment's job, on GAP
                }
            } catch (RuntimeException e) {
                tickFailures++;
                LOG.atDebug().setCause(e).log("audio transcoder tick failed");
            }
        }
    }

    private void toJitter(byte[] data, int length, long arrivedNanos, int flags) {
        if (slotView.wrap(data, 0, length)) {
            jitter.push(slotView, arrivedNanos / 1_000_000);
        }
    }

    private void play(RtpPacket packet, long nowMs) {
        long ts = packet.timestamp();
        if (!started) {
            started = true;
            packetPos = 0;
            expectedPos = 0;
        } else if (packet.ssrc() != lastSsrc) {
            packetPos = expectedPos; // a new source carries on where the old one stopped
            gapPending = false;
        } else {
            packetPos += RtpSequence.timestampDelta(ts, packetTs);
        }
        packetTs = ts;
        lastSsrc = packet.ssrc();
        anchorPos = packetPos;
        anchorMs = nowMs;
        if (gapPending) {
            gapPending = false;
            conceal(packet);
        } else if (fillSilence && packetPos > expectedPos) {
            fillTo(packetPos); // the end of a source's pause the clock did not fill yet
        }
        depacketizer.push(packet, onFrame);
    }

    /**
     * The source sends nothing (its DTX, or no packets at all) and nothing waits in the jitter
     * buffer (so nothing was lost, see {@link #conceal}): feeds the encoder a silent frame
     * for every frame whose play-out time passed {@link #FILL_AFTER_MS} ago, on the source's
     * clock, so a DTX encoder keeps its SID cadence (TS 26.193 §5).
     */
    private void fillSilence(long nowMs) {
        long frameTicks = (long) decode.frameSamples() * ticksPerSample;
        for (int k = 0; ; k++) {
            long dueMs = anchorMs + (expectedPos - anchorPos) * 1000 / decode.clockRate();
            if (nowMs < dueMs + FILL_AFTER_MS) {
                return;
            }
            if (k == MAX_FILL_PER_TICK) {
                // the worker stalled: jump to now rather than encode the whole stall at once
                expectedPos += (nowMs - FILL_AFTER_MS - dueMs) / TranscodeWorkers.TICK_MILLIS * frameTicks;
                return;
            }
            fillFrame(frameTicks);
        }
    }

    /** Silent frames from where the output stopped up to {@code pos}, where the source resumes. */
    private void fillTo(long pos) {
        long frameTicks = (long) decode.frameSamples() * ticksPerSample;
        if (pos - expectedPos > MAX_FILL_PER_TICK * frameTicks) {
            return; // a long pause the clock did not fill (a stalled worker): the talkspurt starts afresh
        }
        while (pos - expectedPos >= frameTicks) {
            fillFrame(frameTicks);
        }
    }

    private void fillFrame(long frameTicks) {
        int frame = decode.frameSamples();
        java.util.Arrays.fill(decoded, 0, frame, (short) 0);
        long pos = expectedPos;
        append(frame, pos);
        filledUpTo = pos + frameTicks;
        filled++;
    }

    /** Fills the gap before {@code next} with concealed frames, the last from {@code next}'s FEC. */
    private void conceal(RtpPacket next) {
        long missing = packetPos - expectedPos;
        int frame = decode.frameSamples() * ticksPerSample;
        int frames = (int) Math.min(MAX_CONCEALED_FRAMES, (missing + frame - 1) / frame);
        if (missing > (long) MAX_CONCEALED_FRAMES * frame) {
            expectedPos = packetPos - (long) frames * frame; // too long to fill: conceal only its end
        }
        for (int k = 0; k < frames; k++) {
            int n = k == frames - 1
                    ? decode.recover(next.buffer(), next.payloadOffset(), next.payloadLength(), decoded)
                    : decode.conceal(decoded);
            append(n, expectedPos);
        }
    }

    private void onFrame(byte[] buffer, int offset, int length, long rtpTimestamp, int flags) {
        long pos = packetPos + RtpSequence.timestampDelta(rtpTimestamp, packetTs);
        int n = decode.decode(buffer, offset, length, decoded);
        if (n > 0 && pos < filledUpTo) {
            // a packet later than the silence filler waited for: what the filler already sent is
            // not sent twice; the decoder still ran, so its state follows the stream
            int skip = (int) Math.min(n, (filledUpTo - pos) / ticksPerSample);
            fillOverlap += skip;
            n -= skip;
            pos += (long) skip * ticksPerSample;
            System.arraycopy(decoded, skip, decoded, 0, n);
        }
        if (n > 0) {
            append(n, pos);
        }
    }

    /** Takes {@code n} decoded samples at input position {@code pos}; encodes and sends every whole frame. */
    private void append(int n, long pos) {
        expectedPos = pos + (long) n * ticksPerSample;
        int frame = encode.frameSamples();
        int frameTicks = encode.frameTicks();
        if (fifoFill == 0) {
            fifoPos = pos * encode.clockRate() / decode.clockRate();
        }
        if (resampler == null) {
            System.arraycopy(decoded, 0, fifo, fifoFill, n);
            fifoFill += n;
        } else {
            fifoFill += resampler.process(decoded, 0, n, fifo, fifoFill);
        }
        int at = 0;
        while (fifoFill - at >= frame) {
            int bytes = encode.encode(fifo, at, frameOut);
            if (bytes > 0) {
                // RFC 3551 §4.1, RFC 4867 §4.1: the marker on the first speech frame after silence
                // (a pause, NO_DATA or SID frames), never on a SID frame
                boolean speech = encode.isSpeech(frameOut);
                boolean marker = speech && (!lastSentSpeech || silenceBefore || fifoPos != lastSentEnd);
                bundle.add(frameOut, 0, bytes, outBase + fifoPos, frameTicks, marker);
                lastSentSpeech = speech;
                silenceBefore = false;
                lastSentEnd = fifoPos + frameTicks;
            } else {
                bundle.flush(); // a pause ends the packet: what it gathered goes as it is
                silenceBefore = true; // RFC 3551 §4.1: the first packet after silence gets the marker
            }
            fifoPos += frameTicks;
            at += frame;
        }
        if (at > 0) {
            fifoFill -= at;
            System.arraycopy(fifo, at, fifo, 0, fifoFill);
        }
    }

    @Override
    public void requestKeyframe() {
        // audio has no key frames
    }

    /** CMR (passed up by the RtpEndpoint that received it), TMMBR, REMB. */
    @Override
    public void limitBitrate(long bitsPerSecond) {
        encode.limitBitrate(bitsPerSecond);
    }

    /** The far receiver's smoothed loss (RFC 3550 §6.4.1 reports), passed up by the endpoint that read it. */
    @Override
    public void receiverLoss(int percent) {
        encode.receiverLoss(percent);
    }

    int outputSsrc() {
        return output.ssrc();
    }

    /** Counters of every stage, for getStats and tests. */
    Map<String, Long> counters() {
        Map<String, Long> m = new LinkedHashMap<>();
        synchronized (lock) {
            m.put("handoff.dropped", ring.dropped());
            m.put("input.rejected", rejected);
            PacketCounters.Snapshot j = jitter.counters();
            m.put("jitter.packets", j.packets());
            m.put("jitter.played", j.frames());
            m.put("jitter.lost", j.faults(PacketFault.LOSS));
            m.put("jitter.late", j.faults(PacketFault.LATE));
            PacketCounters.Snapshot d = depacketizer.counters();
            m.put("depacketize.frames", d.frames());
            m.put("depacketize.faults", d.totalFaults() - d.faults(PacketFault.LOSS));
            decode.putCounters(m);
            encode.putCounters(m);
            output.putCounters(m, "output.");
            m.put("output.framesPerPacket", (long) bundle.framesPerPacket());
            m.put("silence.filledFrames", filled);
            m.put("silence.overlapSamples", fillOverlap);
            m.put("ticks", ticks);
            m.put("tickFailures", tickFailures);
        }
        return m;
    }

    /** Rate of the PCM between decoder and encoder (the decoder's side), for tests. */
    int decodeSampleRate() {
        return decode.sampleRate();
    }

    int encodeSampleRate() {
        return encode.sampleRate();
    }

    /** Whether a resampler sits between decoder and encoder: only where their rates differ. */
    boolean resamples() {
        return resampler != null;
    }

    /** The AMR-WB mode the encoder uses now, or -1. */
    int amrWbMode() {
        synchronized (lock) {
            return encode.amrWbMode();
        }
    }

    @Override
    public void close() {
        SharedTicks.Membership t = ticker;
        if (t != null) {
            t.leave();
        }
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            decode.close();
            encode.close();
        }
        owner.forget(this);
    }
}
