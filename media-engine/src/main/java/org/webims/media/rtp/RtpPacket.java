package org.webims.media.rtp;

/**
 * A reusable view of one RTP packet (RFC 3550 §5.1) over a caller's {@code byte[]}: read the
 * header, find header extension elements (RFC 8285 one-byte and two-byte forms), locate the
 * payload, and rewrite seq/timestamp/SSRC/PT/marker in place. Nothing is copied; the view is
 * valid while the caller's bytes are.
 */
public final class RtpPacket {

    public static final int FIXED_HEADER_LENGTH = 12;
    /** RFC 8285 §4.2: "defined by profile" value of the one-byte header form. */
    public static final int ONE_BYTE_PROFILE = 0xBEDE;
    /** RFC 8285 §4.3: upper 12 bits of the two-byte header form (lower 4 bits: appbits). */
    public static final int TWO_BYTE_PROFILE = 0x1000;

    private byte[] buf;
    private int off;
    private int len;
    private int extProfile;
    private int extDataOff;
    private int extDataLen;
    private int payloadOff;
    private int payloadLen;
    private int paddingLen;
    private RtpFault fault;
    // set by findExtension
    private int foundLength;

    /** Wraps and validates (RFC 3550 A.1 checks); on {@code false} see {@link #fault()}. */
    public boolean wrap(byte[] bytes, int offset, int length) {
        buf = bytes;
        off = offset;
        len = length;
        fault = null;
        extProfile = -1;
        extDataOff = -1;
        extDataLen = 0;
        payloadOff = offset;
        payloadLen = 0;
        paddingLen = 0;
        if (bytes == null || offset < 0 || length < FIXED_HEADER_LENGTH || offset > bytes.length - length) {
            return fail(RtpFault.TOO_SHORT);
        }
        int b0 = bytes[offset] & 0xFF;
        if ((b0 >>> 6) != 2) {
            return fail(RtpFault.BAD_VERSION);
        }
        int pos = FIXED_HEADER_LENGTH + 4 * (b0 & 0x0F);
        if (pos > length) {
            return fail(RtpFault.CSRC_OVERRUN);
        }
        if ((b0 & 0x10) != 0) {
            if (pos + 4 > length) {
                return fail(RtpFault.BAD_EXTENSION);
            }
            int profile = u16(offset + pos);
            int dataLen = 4 * u16(offset + pos + 2);
            if (pos + 4 + dataLen > length) {
                return fail(RtpFault.BAD_EXTENSION);
            }
            extProfile = profile;
            extDataOff = offset + pos + 4;
            extDataLen = dataLen;
            pos += 4 + dataLen;
            if (!elementsFit()) {
                return fail(RtpFault.BAD_EXTENSION);
            }
        }
        if ((b0 & 0x20) != 0) {
            int pad = bytes[offset + length - 1] & 0xFF;
            if (pad == 0 || pad > length - pos) {
                return fail(RtpFault.BAD_PADDING);
            }
            paddingLen = pad;
        }
        payloadOff = offset + pos;
        payloadLen = length - pos - paddingLen;
        return true;
    }

    private boolean fail(RtpFault f) {
        fault = f;
        return false;
    }

    /** The reason the last {@link #wrap} failed, or null if it succeeded. */
    public RtpFault fault() {
        return fault;
    }

    public byte[] buffer() {
        return buf;
    }

    public int offset() {
        return off;
    }

    public int length() {
        return len;
    }

    public int version() {
        return (buf[off] & 0xFF) >>> 6;
    }

    public boolean padding() {
        return (buf[off] & 0x20) != 0;
    }

    public boolean extension() {
        return (buf[off] & 0x10) != 0;
    }

    public int csrcCount() {
        return buf[off] & 0x0F;
    }

    public boolean marker() {
        return (buf[off + 1] & 0x80) != 0;
    }

    public int payloadType() {
        return buf[off + 1] & 0x7F;
    }

    public int sequenceNumber() {
        return u16(off + 2);
    }

    /** Unsigned 32-bit timestamp. */
    public long timestamp() {
        return u32(off + 4);
    }

    public int ssrc() {
        return (int) u32(off + 8);
    }

    public int csrc(int index) {
        return (int) u32(off + FIXED_HEADER_LENGTH + 4 * index);
    }

    /** The "defined by profile" field of the header extension, or -1 without one. */
    public int extensionProfile() {
        return extProfile;
    }

    /** Absolute offset of the header extension data (after its 4-byte header), or -1. */
    public int extensionDataOffset() {
        return extDataOff;
    }

    public int extensionDataLength() {
        return extDataLen;
    }

    public int payloadOffset() {
        return payloadOff;
    }

    public int payloadLength() {
        return payloadLen;
    }

    public int paddingLength() {
        return paddingLen;
    }

    public boolean hasOneByteExtensions() {
        return extProfile == ONE_BYTE_PROFILE;
    }

    public boolean hasTwoByteExtensions() {
        return extProfile >= 0 && (extProfile & 0xFFF0) == TWO_BYTE_PROFILE;
    }

    /**
     * Absolute offset of the data of header extension element {@code id} (RFC 8285), or -1 if the
     * packet has no such element. Its length is {@link #extensionLength(int)}.
     */
    public int extensionOffset(int id) {
        return findExtension(id);
    }

    /** Data length of header extension element {@code id}, or -1 if absent. */
    public int extensionLength(int id) {
        return findExtension(id) < 0 ? -1 : foundLength;
    }

    /**
     * Overwrites the data of an existing element {@code id} in place; the new data must have the
     * element's length (a different length needs a new header, see {@link RtpHeaderWriter}).
     */
    public boolean setExtension(int id, byte[] data, int dataOffset, int dataLength) {
        int at = findExtension(id);
        if (at < 0 || foundLength != dataLength) {
            return false;
        }
        System.arraycopy(data, dataOffset, buf, at, dataLength);
        return true;
    }

    /** Walks the elements: returns the data offset of {@code id} (or -1) and sets foundLength. */
    private int findExtension(int id) {
        boolean one = hasOneByteExtensions();
        if (!one && !hasTwoByteExtensions()) {
            return -1;
        }
        int p = extDataOff;
        int end = extDataOff + extDataLen;
        while (p < end) {
            int b = buf[p] & 0xFF;
            if (b == 0) { // RFC 8285 §4.2/§4.3: padding byte
                p++;
                continue;
            }
            int elemId;
            int elemLen;
            int dataAt;
            if (one) {
                elemId = b >>> 4;
                if (elemId == 15) { // §4.2: ID 15 stops processing
                    return -1;
                }
                elemLen = (b & 0x0F) + 1;
                dataAt = p + 1;
            } else {
                if (p + 1 >= end) {
                    return -1;
                }
                elemId = b;
                elemLen = buf[p + 1] & 0xFF;
                dataAt = p + 2;
            }
            if (dataAt + elemLen > end) {
                return -1;
            }
            if (elemId == id) {
                foundLength = elemLen;
                return dataAt;
            }
            p = dataAt + elemLen;
        }
        return -1;
    }

    private boolean elementsFit() {
        boolean one = hasOneByteExtensions();
        if (!one && !hasTwoByteExtensions()) {
            return true; // some other profile's extension: opaque
        }
        int p = extDataOff;
        int end = extDataOff + extDataLen;
        while (p < end) {
            int b = buf[p] & 0xFF;
            if (b == 0) {
                p++;
                continue;
            }
            if (one) {
                if ((b >>> 4) == 15) {
                    return true;
                }
                p += 1 + (b & 0x0F) + 1;
            } else {
                if (p + 1 >= end) {
                    return false;
                }
                p += 2 + (buf[p + 1] & 0xFF);
            }
        }
        return p == end;
    }

    public void setMarker(boolean marker) {
        buf[off + 1] = (byte) (marker ? (buf[off + 1] | 0x80) : (buf[off + 1] & 0x7F));
    }

    public void setPayloadType(int pt) {
        buf[off + 1] = (byte) ((buf[off + 1] & 0x80) | (pt & 0x7F));
    }

    public void setSequenceNumber(int seq) {
        buf[off + 2] = (byte) (seq >>> 8);
        buf[off + 3] = (byte) seq;
    }

    public void setTimestamp(long ts) {
        putInt(off + 4, (int) ts);
    }

    public void setSsrc(int ssrc) {
        putInt(off + 8, ssrc);
    }

    private void putInt(int at, int v) {
        buf[at] = (byte) (v >>> 24);
        buf[at + 1] = (byte) (v >>> 16);
        buf[at + 2] = (byte) (v >>> 8);
        buf[at + 3] = (byte) v;
    }

    private int u16(int at) {
        return ((buf[at] & 0xFF) << 8) | (buf[at + 1] & 0xFF);
    }

    private long u32(int at) {
        return ((long) (buf[at] & 0xFF) << 24) | ((buf[at + 1] & 0xFF) << 16) | ((buf[at + 2] & 0xFF) << 8)
                | (buf[at + 3] & 0xFF);
    }
}
