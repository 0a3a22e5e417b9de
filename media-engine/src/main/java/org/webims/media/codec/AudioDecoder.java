package org.webims.media.codec;

/**
 * Decodes one encoded frame at a time to 16-bit mono PCM. Buffers are the caller's, and a decoder
 * allocates nothing per frame. Bad input never crashes the JVM: it ends in a {@link CodecException}
 * and the decoder carries on with the next frame. Not thread-safe: one decoder per stream.
 * {@link #close()} releases the native state; it is idempotent, and a decoder is unusable after it.
 */
public interface AudioDecoder extends AutoCloseable {

    /** Sample rate of the PCM this decoder produces, in Hz. */
    int sampleRate();

    /** Samples in one nominal frame (20 ms): what {@link #conceal} produces. */
    int frameSamples();

    /**
     * Decodes one encoded frame from {@code frame[offset..offset+length)} into {@code pcm[pcmOffset..]}.
     *
     * @return samples written (may be more than {@link #frameSamples()} for long Opus packets)
     * @throws CodecException CORRUPT_FRAME / TRUNCATED_FRAME / RESERVED_FRAME_TYPE for bad bytes,
     *     OUTPUT_TOO_SMALL if the decoded frame does not fit in {@code pcm}
     */
    int decode(byte[] frame, int offset, int length, short[] pcm, int pcmOffset) throws CodecException;

    /**
     * One frame of packet-loss concealment from the codec's own PLC, for a frame that did not arrive
     * (a gap in RTP sequence numbers). Writes {@link #frameSamples()} samples.
     */
    int conceal(short[] pcm, int pcmOffset) throws CodecException;

    @Override
    void close();
}
