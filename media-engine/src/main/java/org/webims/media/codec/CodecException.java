package org.webims.media.codec;

/**
 * A frame the codec could not take or produce. Thrown per frame on bad network input, so it is
 * stackless and cheap; the caller counts it by {@link #fault()} and drops the frame.
 */
public final class CodecException extends Exception {

    /** What went wrong, for counting and for the log line. */
    public enum Fault {
        /** The codec rejected the bytes as not a valid frame (libopus OPUS_INVALID_PACKET, FFmpeg AVERROR_INVALIDDATA). */
        CORRUPT_FRAME,
        /** The frame is shorter than its header says (AMR-WB: fewer bytes than the frame type needs). */
        TRUNCATED_FRAME,
        /** The frame type is reserved or not decodable (AMR-WB FT 10..13, RFC 4867 §5.3 / TS 26.201 Table 1a). */
        RESERVED_FRAME_TYPE,
        /** The caller's output buffer cannot hold the result. */
        OUTPUT_TOO_SMALL,
        /** The native library failed in a way that is not the frame's fault (init, internal error). */
        NATIVE_FAILURE
    }

    private static final long serialVersionUID = 1L;
    private final Fault fault;

    public CodecException(Fault fault, String message) {
        super(message, null, false, false);
        this.fault = fault;
    }

    /** OUTPUT_TOO_SMALL unless {@code needed} samples or bytes ({@code unit}) fit in the caller's {@code room}. */
    public static void checkRoom(int needed, int room, String unit) throws CodecException {
        if (needed > room) {
            throw new CodecException(Fault.OUTPUT_TOO_SMALL, needed + " " + unit + " for room of " + room);
        }
    }

    public Fault fault() {
        return fault;
    }

    @Override
    public String getMessage() {
        return fault + ": " + super.getMessage();
    }
}
