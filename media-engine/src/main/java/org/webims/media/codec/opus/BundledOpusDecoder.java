package org.webims.media.codec.opus;

import org.webims.media.codec.CodecException;
import org.webims.media.codec.ffmpeg.FfmpegAudioDecoderCore;

/**
 * {@link OpusDecoder} on the bundled FFmpeg's libopus decoder. FFmpeg cannot pass libopus a lost
 * packet, so {@link #conceal} sends a TOC-only packet: a frame of length ≤ 1 makes libopus run
 * its PLC for that frame's duration (RFC 6716 §4.4; the same path a DTX packet takes).
 * FFmpeg exposes no FEC decoding, so {@link #decodeFec} conceals instead.
 */
public final class BundledOpusDecoder implements OpusDecoder {

    /** TOC of config 31 (CELT fullband, 20 ms), mono, one frame: used until a real packet sets the mode. */
    private static final byte DEFAULT_TOC = (byte) (31 << 3);

    private final FfmpegAudioDecoderCore core;
    private final byte[] tocOnly = {DEFAULT_TOC};

    public BundledOpusDecoder() throws CodecException {
        this(SAMPLE_RATE);
    }

    /**
     * {@code sampleRate} is a request this back-end cannot meet below 48 kHz: FFmpeg's libopus
     * wrapper sets the decoder to 48 kHz whatever it is asked, so {@link #sampleRate()} stays 48000.
     */
    public BundledOpusDecoder(int sampleRate) throws CodecException {
        OpusSettings.checkSampleRate(sampleRate);
        core = FfmpegAudioDecoderCore.open(SAMPLE_RATE, MAX_INPUT_BYTES, "libopus", "opus");
    }

    @Override
    public int sampleRate() {
        return SAMPLE_RATE;
    }

    @Override
    public int frameSamples() {
        return FRAME_SAMPLES;
    }

    @Override
    public boolean supportsFec() {
        return false;
    }

    @Override
    public int decode(byte[] frame, int offset, int length, short[] pcm, int pcmOffset) throws CodecException {
        int n = core.decode(frame, offset, length, pcm, pcmOffset);
        if (length > 1) {
            tocOnly[0] = (byte) (frame[offset] & 0xFC); // same config, code 0: one frame (RFC 6716 §3.1)
        }
        return n;
    }

    @Override
    public int decodeFec(byte[] nextPacket, int offset, int length, short[] pcm, int pcmOffset) throws CodecException {
        return conceal(pcm, pcmOffset);
    }

    @Override
    public int conceal(short[] pcm, int pcmOffset) throws CodecException {
        return core.decode(tocOnly, 0, 1, pcm, pcmOffset);
    }

    @Override
    public void close() {
        core.close();
    }
}
