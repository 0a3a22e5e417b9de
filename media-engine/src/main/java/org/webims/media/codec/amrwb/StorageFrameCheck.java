package org.webims.media.codec.amrwb;

import org.webims.media.codec.CodecException;
import org.webims.media.codec.CodecException.Fault;

/**
 * Checks a storage-format frame's length against its frame type before a native decoder reads it:
 * opencore trusts the header and would read past a short buffer.
 */
final class StorageFrameCheck {

    private StorageFrameCheck() {
    }

    /** @return the frame's byte length as its type defines it (the caller passes at most that much) */
    static int check(byte[] frame, int offset, int length) throws CodecException {
        if (length < 1) {
            throw new CodecException(Fault.TRUNCATED_FRAME, "empty AMR-WB frame");
        }
        int ft = AmrWbFrames.frameType(frame[offset]);
        int size = AmrWbFrames.storageFrameBytes(ft);
        if (size < 0) {
            throw new CodecException(Fault.RESERVED_FRAME_TYPE, "AMR-WB frame type " + ft);
        }
        if (length < size) {
            throw new CodecException(Fault.TRUNCATED_FRAME,
                    "AMR-WB frame type " + ft + " needs " + size + " bytes, got " + length);
        }
        return size;
    }
}
