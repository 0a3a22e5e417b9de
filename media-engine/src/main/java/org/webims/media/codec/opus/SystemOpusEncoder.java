package org.webims.media.codec.opus;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import org.webims.media.codec.CodecException;
import org.webims.media.codec.CodecException.Fault;
import org.webims.media.codec.NativeCodecState;

/** {@link OpusEncoder} on the system libopus. Settings go straight to opus_encoder_ctl. */
public final class SystemOpusEncoder implements OpusEncoder {

    private final Memory pcmBuffer = new Memory(FRAME_SAMPLES * 2L);
    private final Memory packetBuffer = new Memory(MAX_PACKET_BYTES);
    private final NativeCodecState state;
    private final int sampleRate;
    private final int frameSamples;
    private int bitrate = DEFAULT_BITRATE;

    public SystemOpusEncoder() throws CodecException {
        this(SAMPLE_RATE);
    }

    /** An encoder taking PCM at {@code sampleRate}: 8000, 12000, 16000, 24000 or 48000 Hz. */
    public SystemOpusEncoder(int sampleRate) throws CodecException {
        this.sampleRate = OpusSettings.checkSampleRate(sampleRate);
        this.frameSamples = sampleRate / 50;
        int[] error = new int[1];
        state = new NativeCodecState("Opus encoder",
                LibOpus.opus_encoder_create(sampleRate, 1, LibOpus.OPUS_APPLICATION_VOIP, error),
                LibOpus::opus_encoder_destroy, pcmBuffer, packetBuffer);
        if (!state.isOpen() || error[0] != LibOpus.OPUS_OK) {
            close();
            throw new CodecException(Fault.NATIVE_FAILURE, "opus_encoder_create: " + LibOpus.opus_strerror(error[0]));
        }
        ctl(LibOpus.OPUS_SET_SIGNAL_REQUEST, LibOpus.OPUS_SIGNAL_VOICE);
        ctl(LibOpus.OPUS_SET_BITRATE_REQUEST, bitrate);
        ctl(LibOpus.OPUS_SET_COMPLEXITY_REQUEST, DEFAULT_COMPLEXITY);
    }

    @Override
    public int encode(short[] pcm, int pcmOffset, byte[] out, int outOffset, int outCapacity) throws CodecException {
        Pointer st = state.open();
        pcmBuffer.write(0, pcm, pcmOffset, frameSamples);
        int n = LibOpus.opus_encode(st, pcmBuffer, frameSamples, packetBuffer, Math.min(outCapacity, MAX_PACKET_BYTES));
        if (n < 0) {
            throw new CodecException(n == LibOpus.OPUS_BUFFER_TOO_SMALL ? Fault.OUTPUT_TOO_SMALL : Fault.NATIVE_FAILURE,
                    "opus_encode returned " + n);
        }
        packetBuffer.read(0, out, outOffset, n);
        return n;
    }

    @Override
    public int sampleRate() {
        return sampleRate;
    }

    @Override
    public int frameSamples() {
        return frameSamples;
    }

    @Override
    public void setBitrate(int bitsPerSecond) {
        OpusSettings.checkBitrate(bitsPerSecond);
        ctl(LibOpus.OPUS_SET_BITRATE_REQUEST, bitsPerSecond);
        bitrate = bitsPerSecond;
    }

    @Override
    public int bitrate() {
        return bitrate;
    }

    @Override
    public boolean setDtx(boolean enabled) {
        ctl(LibOpus.OPUS_SET_DTX_REQUEST, enabled ? 1 : 0);
        return true;
    }

    @Override
    public void setComplexity(int complexity) {
        OpusSettings.checkComplexity(complexity);
        ctl(LibOpus.OPUS_SET_COMPLEXITY_REQUEST, complexity);
    }

    @Override
    public void setInbandFec(boolean enabled) {
        ctl(LibOpus.OPUS_SET_INBAND_FEC_REQUEST, enabled ? 1 : 0);
    }

    @Override
    public void setPacketLossPercent(int percent) {
        OpusSettings.checkPacketLoss(percent);
        ctl(LibOpus.OPUS_SET_PACKET_LOSS_PERC_REQUEST, percent);
    }

    private void ctl(int request, int value) {
        int rc = LibOpus.Ctl.INSTANCE.opus_encoder_ctl(state.open(), request, value);
        if (rc != LibOpus.OPUS_OK) {
            throw new IllegalArgumentException("opus_encoder_ctl(" + request + ", " + value + "): " + LibOpus.opus_strerror(rc));
        }
    }

    @Override
    public void close() {
        state.close();
    }
}
