package org.webims.media.transcode;

import java.util.Map;
import org.webims.media.codec.AudioEncoder;
import org.webims.media.codec.CodecException;
import org.webims.media.codec.amrwb.AmrWbEncoder;
import org.webims.media.codec.amrwb.AmrWbFrames;
import org.webims.media.codec.opus.OpusEncoder;
import org.webims.media.codec.opus.OpusLbrr;

/**
 * Encodes 20 ms of PCM at the target's rate into one frame to send: Opus, AMR-WB (storage
 * format, RFC 4867 §5.3) or L16. Frames that need not be sent come back as 0 bytes: Opus DTX
 * packets of 2 bytes or less (RFC 7587 §3.1.3) and AMR-WB NO_DATA; AMR-WB SID frames are sent
 * (RFC 4867 §4.3.2). A bitrate limit from downstream (CMR, TMMBR) is applied before the next frame,
 * and so is the loss the far receiver reports: Opus plans its redundancy by it
 * (OPUS_SET_PACKET_LOSS_PERC), and where the receiver asked for in-band FEC (useinbandfec=1,
 * RFC 7587 §6.1) libopus adds LBRR frames only while that loss is above 0 and the bitrate pays for them.
 * An AMR-WB encoder with DTX needs a frame every 20 ms even while the source sends nothing, so its
 * SID_FIRST / SID_UPDATE cadence goes on (TS 26.193 §5): {@link #needsContinuousInput()}.
 */
final class AudioEncodeStage implements AutoCloseable {

    private final AudioEncoder encoder; // null for L16
    private final AmrWbEncoder amrWb;
    private final OpusEncoder opus;
    private final int sampleRate;
    private final int clockRate;
    private final int frameSamples;
    private final int modeSet;
    private final int maxBitrate;
    /** Opus: the rate it runs at unlimited (its default capped by maxaveragebitrate), which a lifted limit restores. */
    private final int configuredBitrate;
    private final boolean dtx;
    private final boolean fec;
    private volatile long requestedBitrate = -1;
    private volatile int requestedLoss = -1;
    private int lossPercent;
    private long fecPackets;
    private long lossUpdates;
    private long encoded;
    private long suppressed;
    private long failed;
    private long limits;
    private long sid;

    /**
     * The most loss the Opus encoder is told to expect: libwebrtc's kMaxPacketLossFraction (20 %);
     * past it more redundancy only takes bits from the frame it protects.
     */
    static final int MAX_LOSS_PERCENT = 20;

    /** The least Opus target a limit sets: below 6 kbit/s speech is not intelligible anyway (libopus takes 500..512000). */
    static final long OPUS_FLOOR_BPS = 6_000;

    private AudioEncodeStage(AudioEncoder encoder, int sampleRate, int clockRate, int modeSet, int maxBitrate,
                             boolean dtx, boolean fec) {
        this.encoder = encoder;
        this.amrWb = encoder instanceof AmrWbEncoder a ? a : null;
        this.opus = encoder instanceof OpusEncoder o ? o : null;
        this.sampleRate = sampleRate;
        this.clockRate = clockRate;
        this.frameSamples = sampleRate / 50;
        this.modeSet = modeSet;
        this.maxBitrate = maxBitrate;
        this.configuredBitrate = opus == null ? 0 : opus.bitrate();
        this.dtx = dtx;
        this.fec = fec;
    }

    /**
     * AMR-WB within {@code modeSet}, starting at its highest mode; with {@code dtx}, the encoder's
     * DTX on where its back-end has it (both do: vo-amrwbenc's E_IF_encode takes a dtx flag).
     */
    static AudioEncodeStage amrWb(AmrWbEncoder encoder, int modeSet, boolean dtx) {
        encoder.setMode(AudioFormats.amrWbModeFor(modeSet, Integer.MAX_VALUE));
        boolean on = dtx && encoder.setDtx(true);
        return new AudioEncodeStage(encoder, AmrWbFrames.SAMPLE_RATE, AmrWbFrames.SAMPLE_RATE, modeSet,
                Integer.MAX_VALUE, on, false);
    }

    /**
     * Opus at no more than {@code maxBitrate} (the target's maxaveragebitrate, RFC 7587 §6.1), from
     * PCM at the encoder's rate; timestamps count the 48 kHz RTP clock whatever that rate (RFC 7587 §4.1).
     * With {@code fec} (the target's useinbandfec=1) in-band FEC is on; the expected loss starts at 0,
     * as libwebrtc's does, until the receiver reports some ({@link #receiverLoss}).
     */
    static AudioEncodeStage opus(OpusEncoder encoder, int maxBitrate, boolean fec) {
        if (encoder.bitrate() > maxBitrate) {
            encoder.setBitrate(maxBitrate);
        }
        encoder.setInbandFec(fec);
        encoder.setPacketLossPercent(0);
        return new AudioEncodeStage(encoder, encoder.sampleRate(), OpusEncoder.RTP_CLOCK_RATE, 0, maxBitrate, false,
                fec);
    }

    static AudioEncodeStage l16(int sampleRate) {
        return new AudioEncodeStage(null, sampleRate, sampleRate, 0, Integer.MAX_VALUE, false, false);
    }

    /** Rate of the PCM this stage takes. */
    int sampleRate() {
        return sampleRate;
    }

    /** The target's RTP clock: the unit of the timestamps sent. */
    int clockRate() {
        return clockRate;
    }

    /** One frame's duration in {@link #clockRate()} ticks. */
    int frameTicks() {
        return frameSamples * (clockRate / sampleRate);
    }

    int frameSamples() {
        return frameSamples;
    }

    /** Largest frame {@link #encode} writes. */
    int maxFrameBytes() {
        return encoder == null ? 2 * frameSamples : encoder.maxEncodedBytes();
    }

    /** Any thread: the most downstream can take; applied on the worker before the next frame. */
    void limitBitrate(long bitsPerSecond) {
        requestedBitrate = bitsPerSecond;
    }

    /** Any thread: the far receiver's smoothed loss in percent; applied on the worker before the next frame. */
    void receiverLoss(int percent) {
        requestedLoss = percent;
    }

    /** Encodes {@link #frameSamples()} samples from {@code pcm[at..]}; returns bytes to send, 0 for none. */
    int encode(short[] pcm, int at, byte[] out) {
        applyLimit();
        applyLoss();
        if (encoder == null) {
            for (int i = 0; i < frameSamples; i++) {
                short s = pcm[at + i];
                out[2 * i] = (byte) (s >> 8);
                out[2 * i + 1] = (byte) s;
            }
            encoded++;
            return 2 * frameSamples;
        }
        int n;
        try {
            n = encoder.encode(pcm, at, out, 0, out.length);
        } catch (CodecException e) {
            failed++;
            return 0;
        }
        encoded++;
        if (n == 0
                || (opus != null && OpusEncoder.isDtxPacket(n))
                || (amrWb != null && AmrWbFrames.frameType(out[0]) == AmrWbFrames.FT_NO_DATA)) {
            suppressed++;
            return 0;
        }
        if (amrWb != null && AmrWbFrames.frameType(out[0]) == AmrWbFrames.FT_SID) {
            sid++;
        }
        if (fec && OpusLbrr.present(out, 0, n)) {
            fecPackets++;
        }
        return n;
    }

    /**
     * Whether a frame {@link #encode} returned is speech: not an AMR-WB SID. Only speech starts a
     * talkspurt (RFC 4867 §4.1: the marker goes on the first speech frame of one).
     */
    boolean isSpeech(byte[] frame) {
        return amrWb == null || AmrWbFrames.frameType(frame[0]) < AmrWbFrames.FT_SID;
    }

    /**
     * Whether this encoder must be fed every 20 ms while the source is silent and sends nothing:
     * AMR-WB with DTX, whose SID frames the far end needs for comfort noise (TS 26.193 §5).
     */
    boolean needsContinuousInput() {
        return dtx;
    }

    private void applyLimit() {
        long limit = requestedBitrate;
        if (limit < 0) {
            return;
        }
        requestedBitrate = -1;
        limits++;
        if (amrWb != null) {
            amrWb.setMode(AudioFormats.amrWbModeFor(modeSet, limit));
        } else if (opus != null) {
            // as video's target (RateTarget): at or above the configured rate is no limit, so a lifted or
            // expired limit (a high REMB/TMMBR, Long.MAX_VALUE from the pad) restores it and never raises it
            long target = RateTarget.of(limit, configuredBitrate, OPUS_FLOOR_BPS);
            encoder.setBitrate((int) (target == 0 ? configuredBitrate : Math.min(target, maxBitrate)));
        }
    }

    private void applyLoss() {
        int loss = requestedLoss;
        if (loss < 0 || opus == null) {
            return;
        }
        requestedLoss = -1;
        int percent = Math.max(0, Math.min(MAX_LOSS_PERCENT, loss));
        if (percent != lossPercent) { // only a change: the bundled back-end re-opens its encoder on one
            opus.setPacketLossPercent(percent);
            lossPercent = percent;
            lossUpdates++;
        }
    }

    /** The AMR-WB mode in use, or -1 for other codecs. */
    int amrWbMode() {
        return amrWb == null ? -1 : amrWb.mode();
    }

    void putCounters(Map<String, Long> into) {
        into.put("encode.frames", encoded);
        into.put("encode.dtxSuppressed", suppressed);
        into.put("encode.failed", failed);
        into.put("encode.bitrateLimits", limits);
        into.put("encode.sid", sid);
        // gauges: what the encoder is set to now (Opus: the expected loss, FEC on or off, the target)
        into.put("encode.lossPercent", (long) lossPercent);
        into.put("encode.lossUpdates", lossUpdates);
        into.put("encode.fec", fec ? 1L : 0L);
        into.put("encode.fecPackets", fecPackets);
        into.put("encode.targetBitrate", encoder == null ? 0L : (long) encoder.bitrate());
    }

    @Override
    public void close() {
        if (encoder != null) {
            encoder.close();
        }
    }
}
