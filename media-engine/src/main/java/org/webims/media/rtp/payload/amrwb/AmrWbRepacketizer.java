package org.webims.media.rtp.payload.amrwb;

/**
 * Converts AMR-WB payloads between the two RFC 4867 formats without decoding (e.g. relaying
 * between an IMS side that uses bandwidth-efficient and one that uses octet-aligned): payload to
 * storage frames to payload, keeping CMR, frame types and Q bits.
 */
public final class AmrWbRepacketizer {

    private final AmrWbDepacketizer in;
    private final AmrWbPacketizer out;
    private final byte[] storage = new byte[AmrWbDepacketizer.MAX_FRAMES_PER_PACKET * 61];

    public AmrWbRepacketizer(AmrWbPayloadFormat from, AmrWbPayloadFormat to, int maxPayloadSize) {
        in = new AmrWbDepacketizer(from, AmrWbFrameType.ALL_MODES);
        out = new AmrWbPacketizer(to, AmrWbFrameType.ALL_MODES, maxPayloadSize);
    }

    /** Writes the converted payload at {@code dst[dstOffset]}; returns its length or -1 if malformed. */
    public int convert(byte[] payload, int offset, int length, byte[] dst, int dstOffset) {
        int n = in.toStorageFormat(payload, offset, length, storage, 0);
        if (n < 0) {
            return -1;
        }
        out.setCmr(in.lastCmr());
        if (!out.setFrame(storage, 0, n)) {
            return -1;
        }
        return out.next(dst, dstOffset);
    }
}
