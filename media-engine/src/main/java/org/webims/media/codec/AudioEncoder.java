package org.webims.media.codec;

/**
 * Encodes one frame of 16-bit mono PCM at a time. Buffers are the caller's (offset + capacity),
 * and an encoder allocates nothing per frame. Not thread-safe: one encoder per stream and thread.
 * {@link #close()} releases the native state; it is idempotent, and an encoder is unusable after it.
 */
public interface AudioEncoder extends AutoCloseable {

    /** Sample rate of the PCM this encoder takes, in Hz. */
    int sampleRate();

    /** Samples in one frame (mono, so also the frame length in shorts). */
    int frameSamples();

    /** Largest encoded frame this encoder can produce: the capacity {@code out} needs. */
    int maxEncodedBytes();

    /**
     * Encodes exactly {@link #frameSamples()} samples from {@code pcm[pcmOffset..]}.
     *
     * @return bytes written to {@code out[outOffset..]}; the frame format is codec specific
     *     (see {@code OpusEncoder}, {@code AmrWbEncoder}); 0 if the codec produced nothing for this frame
     * @throws CodecException OUTPUT_TOO_SMALL if {@code outCapacity} is short, NATIVE_FAILURE otherwise
     */
    int encode(short[] pcm, int pcmOffset, byte[] out, int outOffset, int outCapacity) throws CodecException;

    /**
     * Target bitrate in bit/s. Codecs with fixed rates (AMR-WB) take the highest mode not above it.
     * Cheap on the system back-end; the bundled one may re-open its encoder on the next frame.
     */
    void setBitrate(int bitsPerSecond);

    /** Current target bitrate in bit/s. */
    int bitrate();

    /**
     * Discontinuous transmission on silence.
     *
     * @return whether this back-end honours the setting (false: every frame is coded as speech)
     */
    boolean setDtx(boolean enabled);

    @Override
    void close();
}
