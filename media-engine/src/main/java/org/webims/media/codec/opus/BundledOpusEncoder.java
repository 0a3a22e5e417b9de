package org.webims.media.codec.opus;

import java.util.Map;
import org.webims.media.codec.CodecException;
import org.webims.media.codec.ffmpeg.FfmpegAudioEncoderCore;

/**
 * {@link OpusEncoder} on the bundled FFmpeg's libopus encoder. FFmpeg applies libopus settings only
 * when the encoder opens, so a changed setting re-opens it before the next frame (a settings change,
 * not a per-frame cost). FFmpeg 8.1's libopus wrapper has no DTX option: {@link #setDtx} says so.
 */
public final class BundledOpusEncoder implements OpusEncoder {

    private final int sampleRate;
    private FfmpegAudioEncoderCore core;
    private boolean closed;
    private boolean reopen;
    private int bitrate = DEFAULT_BITRATE;
    private int complexity = DEFAULT_COMPLEXITY;
    private boolean fec;
    private int packetLoss;

    public BundledOpusEncoder() throws CodecException {
        this(SAMPLE_RATE);
    }

    /** An encoder taking PCM at {@code sampleRate}; FFmpeg's libopus wrapper takes all of libopus's rates. */
    public BundledOpusEncoder(int sampleRate) throws CodecException {
        this.sampleRate = OpusSettings.checkSampleRate(sampleRate);
        core = openCore();
    }

    @Override
    public int sampleRate() {
        return sampleRate;
    }

    @Override
    public int frameSamples() {
        return sampleRate / 50;
    }

    private FfmpegAudioEncoderCore openCore() throws CodecException {
        return FfmpegAudioEncoderCore.open("libopus", sampleRate, sampleRate / 50, bitrate, complexity, Map.of(
                "application", "voip",
                "frame_duration", "20",
                "vbr", "on",
                "fec", fec ? "1" : "0",
                "packet_loss", Integer.toString(packetLoss)));
    }

    @Override
    public int encode(short[] pcm, int pcmOffset, byte[] out, int outOffset, int outCapacity) throws CodecException {
        if (closed) {
            throw new IllegalStateException("Opus encoder is closed");
        }
        if (reopen) {
            core.close();
            core = openCore();
            reopen = false;
        }
        return core.encode(pcm, pcmOffset, out, outOffset, outCapacity);
    }

    @Override
    public void setBitrate(int bitsPerSecond) {
        OpusSettings.checkBitrate(bitsPerSecond);
        reopen |= bitrate != bitsPerSecond;
        bitrate = bitsPerSecond;
    }

    @Override
    public int bitrate() {
        return bitrate;
    }

    @Override
    public boolean setDtx(boolean enabled) {
        return !enabled;
    }

    @Override
    public void setComplexity(int complexity) {
        OpusSettings.checkComplexity(complexity);
        reopen |= this.complexity != complexity;
        this.complexity = complexity;
    }

    @Override
    public void setInbandFec(boolean enabled) {
        reopen |= fec != enabled;
        fec = enabled;
    }

    @Override
    public void setPacketLossPercent(int percent) {
        OpusSettings.checkPacketLoss(percent);
        reopen |= packetLoss != percent;
        packetLoss = percent;
    }

    @Override
    public void close() {
        closed = true;
        core.close();
    }
}
