package org.webims.media.rtp;

/**
 * Writes an RTP header (RFC 3550 §5.1), with CSRCs and RFC 8285 header extension elements, into a
 * caller's buffer; the caller writes the payload after it. Reusable: set the fields, write, change
 * what differs (seq, timestamp, marker), write again. Extension data is copied into a preallocated
 * area, so adding elements does not allocate.
 */
public final class RtpHeaderWriter {

    private static final int MAX_ELEMENTS = 16;
    private static final int MAX_EXTENSION_DATA = 1024;

    private boolean marker;
    private int payloadType;
    private int sequenceNumber;
    private long timestamp;
    private int ssrc;
    private final int[] csrcs = new int[15];
    private int csrcCount;
    private final int[] elemId = new int[MAX_ELEMENTS];
    private final int[] elemOff = new int[MAX_ELEMENTS];
    private final int[] elemLen = new int[MAX_ELEMENTS];
    private final byte[] elemData = new byte[MAX_EXTENSION_DATA];
    private int elemCount;
    private int elemDataUsed;
    private boolean forceTwoByte;

    public RtpHeaderWriter marker(boolean m) {
        marker = m;
        return this;
    }

    public RtpHeaderWriter payloadType(int pt) {
        payloadType = pt & 0x7F;
        return this;
    }

    public RtpHeaderWriter sequenceNumber(int seq) {
        sequenceNumber = seq & 0xFFFF;
        return this;
    }

    public RtpHeaderWriter timestamp(long ts) {
        timestamp = ts & 0xFFFFFFFFL;
        return this;
    }

    public RtpHeaderWriter ssrc(int s) {
        ssrc = s;
        return this;
    }

    public RtpHeaderWriter clearCsrcs() {
        csrcCount = 0;
        return this;
    }

    /** Adds a CSRC; at most 15 (RFC 3550 §5.1 CC field). */
    public RtpHeaderWriter addCsrc(int csrc) {
        if (csrcCount == csrcs.length) {
            throw new IllegalStateException("at most 15 CSRCs");
        }
        csrcs[csrcCount++] = csrc;
        return this;
    }

    public RtpHeaderWriter clearExtensions() {
        elemCount = 0;
        elemDataUsed = 0;
        return this;
    }

    /** Uses the two-byte form even if every element would fit the one-byte form (RFC 8285 §4.3). */
    public RtpHeaderWriter forceTwoByteExtensions(boolean force) {
        forceTwoByte = force;
        return this;
    }

    /**
     * Adds header extension element {@code id} (1..255; 1..14 for the one-byte form) with 0..255
     * bytes of data. The form is chosen at write time: one-byte if every element allows it.
     */
    public RtpHeaderWriter addExtension(int id, byte[] data, int offset, int length) {
        if (id < 1 || id > 255 || length < 0 || length > 255) {
            throw new IllegalArgumentException("extension id 1..255 and length 0..255, got " + id + "/" + length);
        }
        if (elemCount == MAX_ELEMENTS || elemDataUsed + length > MAX_EXTENSION_DATA) {
            throw new IllegalStateException("too many header extension elements");
        }
        System.arraycopy(data, offset, elemData, elemDataUsed, length);
        elemId[elemCount] = id;
        elemOff[elemCount] = elemDataUsed;
        elemLen[elemCount] = length;
        elemCount++;
        elemDataUsed += length;
        return this;
    }

    private boolean oneByteForm() {
        if (forceTwoByte) {
            return false;
        }
        for (int i = 0; i < elemCount; i++) {
            // RFC 8285 §4.2: IDs 1..14, 1..16 bytes of data
            if (elemId[i] > 14 || elemLen[i] < 1 || elemLen[i] > 16) {
                return false;
            }
        }
        return true;
    }

    private int extensionDataLength(boolean one) {
        int n = 0;
        for (int i = 0; i < elemCount; i++) {
            n += (one ? 1 : 2) + elemLen[i];
        }
        return (n + 3) & ~3;
    }

    /** Bytes {@link #write} will produce. */
    public int headerLength() {
        int n = RtpPacket.FIXED_HEADER_LENGTH + 4 * csrcCount;
        if (elemCount > 0) {
            n += 4 + extensionDataLength(oneByteForm());
        }
        return n;
    }

    /** Writes the header at {@code out[offset]}; returns its length, or -1 if it does not fit. */
    public int write(byte[] out, int offset) {
        int total = headerLength();
        if (offset < 0 || out.length - offset < total) {
            return -1;
        }
        boolean ext = elemCount > 0;
        out[offset] = (byte) (0x80 | (ext ? 0x10 : 0) | csrcCount);
        out[offset + 1] = (byte) ((marker ? 0x80 : 0) | payloadType);
        out[offset + 2] = (byte) (sequenceNumber >>> 8);
        out[offset + 3] = (byte) sequenceNumber;
        putInt(out, offset + 4, (int) timestamp);
        putInt(out, offset + 8, ssrc);
        int p = offset + RtpPacket.FIXED_HEADER_LENGTH;
        for (int i = 0; i < csrcCount; i++, p += 4) {
            putInt(out, p, csrcs[i]);
        }
        if (ext) {
            boolean one = oneByteForm();
            int dataLen = extensionDataLength(one);
            int profile = one ? RtpPacket.ONE_BYTE_PROFILE : RtpPacket.TWO_BYTE_PROFILE;
            out[p] = (byte) (profile >>> 8);
            out[p + 1] = (byte) profile;
            out[p + 2] = (byte) ((dataLen / 4) >>> 8);
            out[p + 3] = (byte) (dataLen / 4);
            p += 4;
            int end = p + dataLen;
            for (int i = 0; i < elemCount; i++) {
                if (one) {
                    out[p++] = (byte) ((elemId[i] << 4) | (elemLen[i] - 1));
                } else {
                    out[p++] = (byte) elemId[i];
                    out[p++] = (byte) elemLen[i];
                }
                System.arraycopy(elemData, elemOff[i], out, p, elemLen[i]);
                p += elemLen[i];
            }
            while (p < end) {
                out[p++] = 0; // RFC 8285 padding
            }
        }
        return total;
    }

    private static void putInt(byte[] out, int at, int v) {
        out[at] = (byte) (v >>> 24);
        out[at + 1] = (byte) (v >>> 16);
        out[at + 2] = (byte) (v >>> 8);
        out[at + 3] = (byte) v;
    }
}
