package org.webims.media.transcode;

import java.util.Map;
import org.webims.media.codec.AudioEncoder;
import org.webims.media.codec.CodecException;
import org.webims.media.codec.amrwb.AmrWbEncoder;
import org.webims.media.codec.amrwb.AmrWbFrames;
import org.webims.media.codec.opus.OpusEncoder;

/**
 * Encodes 20 ms of PCM at the target's rate into one frame to send: Opus, AMR-WB (storage
 * format, RFC 4867 §5.3) or L16. Frames that need not be sent come back as 0 bytes: Opus DTX
 * packets of 2 bytes or less (RFC 7587 §3.1.3) and AMR-WB NO_DATA; AMR-WB SID frames are sent
 * (RFC 4867 §4.3.2). A bitrate limit from downstream (CMR, TMMBR) is applied before the next frame.
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
    private final boolean dtx;
    private volatile long requestedBitrate = -1;
    private long encoded;
    private long suppressed;
    private long failed;
    private long limits;
    private long sid;

    private AudioEncodeStage(AudioEncoder encoder, int sampleRate, int clockRate, int modeSet, int maxBitrate,
                             boolean dtx) {
        this.encoder = encoder;
        this.amrWb = encoder instanceof AmrWbEncoder a ? a : null;
        this.opus = encoder instanceof OpusEncoder o ? o : null;
        this.sampleRate = sampleRate;
        this.clockRate = clockRate;
        this.frameSamples = sampleRate / 50;
        this.modeSet = modeSet;
        this.maxBitrate = maxBitrate;
        this.dtx = dtx;
    }

    /**
     * AMR-WB within {@code modeSet}, starting at its highest mode; with {@code dtx}, the encoder's
     * DTX on where its back-end has it (both do: vo-amrwbenc's E_IF_encode takes a dtx flag).
     */
    static AudioEncodeStage amrWb(AmrWbEncoder encoder, int modeSet, boolean dtx) {
        encoder.setMode(AudioFormats.amrWbModeFor(modeSet, Integer.MAX_VALUE));
        boolean on = dtx && encoder.setDtx(true);
        return new AudioEncodeStage(encoder, AmrWbFrames.SAMPLE_RATE, AmrWbFrames.SAMPLE_RATE, modeSet,
                Integer.MAX_VALUE, on);
    }

    /**
     * Opus at no more than {@code maxBitrate} (the target's maxaveragebitrate, RFC 7587 §6.1), from
     * PCM at the encoder's rate; timestamps count the 48 kHz RTP clock whatever that rate (RFC 7587 §4.1).
     */
    static AudioEncodeStage opus(OpusEncoder encoder, int maxBitrate) {
        if (encoder.bitrate() > maxBitrate) {
            encoder.setBitrate(maxBitrate);
        }
        return new AudioEncodeStage(encoder, encoder.sampleRate(), OpusEncoder.RTP_CLOCK_RATE, 0, maxBitrate, false);
    }

    static AudioEncodeStage l16(int sampleRate) {
        return new AudioEncodeStage(null, sampleRate, sampleRate, 0, Integer.MAX_VALUE, false);
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

    /** Encodes {@link #frameSamples()} samples from {@code pcm[at..]}; returns bytes to send, 0 for none. */
    int encode(short[] pcm, int at, byte[] out) {
        applyLimit();
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
            // libopus takes 500..512000 bit/s; below 6 kbit/s speech is not intelligible anyway
            encoder.setBitrate((int) Math.max(6_000, Math.min(limit, maxBitrate)));
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
    }

    @Override
    public void close() {
        if (encoder != null) {
            encoder.close();
        }
    }
}
