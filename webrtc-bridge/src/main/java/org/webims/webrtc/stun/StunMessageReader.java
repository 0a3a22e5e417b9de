package org.webims.webrtc.stun;

import java.util.zip.CRC32;

/**
 * A reusable flyweight over one STUN message (RFC 8489 §5): checks the framing and the
 * FINGERPRINT, and records where the attributes ICE needs sit, without allocating. Not
 * thread-safe; one per I/O thread or agent.
 */
public final class StunMessageReader {

    public static final int MAGIC_COOKIE = 0x2112A442;
    public static final int HEADER = 20;

    public static final int BINDING_REQUEST = 0x0001;
    public static final int BINDING_SUCCESS = 0x0101;
    public static final int BINDING_ERROR = 0x0111;
    public static final int BINDING_INDICATION = 0x0011;

    static final int USERNAME = 0x0006;
    static final int MESSAGE_INTEGRITY = 0x0008;
    static final int ERROR_CODE = 0x0009;
    static final int XOR_MAPPED_ADDRESS = 0x0020;
    static final int PRIORITY = 0x0024;
    static final int USE_CANDIDATE = 0x0025;
    static final int FINGERPRINT = 0x8028;
    static final int ICE_CONTROLLED = 0x8029;
    static final int ICE_CONTROLLING = 0x802A;
    static final int FINGERPRINT_XOR = 0x5354554e;

    private final CRC32 crc = new CRC32();

    private byte[] buf;
    private int off;
    private int length;
    private int type;
    private int usernameOffset = -1;
    private int usernameLength;
    private int integrityOffset = -1;
    private boolean useCandidate;
    private boolean controlling;
    private long priority;
    private boolean hasFingerprint;

    /** RFC 7983 §7: a first byte of 0..3 is STUN. */
    public static boolean looksLikeStun(byte[] b, int off, int len) {
        return len >= HEADER && (b[off] & 0xC0) == 0 && readInt(b, off + 4) == MAGIC_COOKIE;
    }

    public StunFault read(byte[] b, int o, int len) {
        buf = b;
        off = o;
        length = len;
        usernameOffset = -1;
        integrityOffset = -1;
        useCandidate = false;
        controlling = false;
        priority = 0;
        hasFingerprint = false;
        if (len < HEADER) {
            return StunFault.TOO_SHORT;
        }
        if (!looksLikeStun(b, o, len)) {
            return StunFault.NOT_STUN;
        }
        type = readShort(b, o);
        int bodyLength = readShort(b, o + 2);
        if ((bodyLength & 3) != 0 || HEADER + bodyLength != len) {
            return StunFault.BAD_LENGTH;
        }
        int p = o + HEADER;
        int end = o + len;
        while (p < end) {
            if (p + 4 > end) {
                return StunFault.BAD_ATTRIBUTE;
            }
            int attrType = readShort(b, p);
            int attrLength = readShort(b, p + 2);
            int value = p + 4;
            int next = value + ((attrLength + 3) & ~3);
            if (next > end) {
                return StunFault.BAD_ATTRIBUTE;
            }
            if (hasFingerprint) {
                return StunFault.BAD_ATTRIBUTE; // RFC 8489 §14.7: FINGERPRINT comes last
            }
            if (integrityOffset >= 0 && attrType != FINGERPRINT) {
                p = next; // RFC 8489 §14.5: attributes after MESSAGE-INTEGRITY are ignored
                continue;
            }
            switch (attrType) {
                case USERNAME -> { usernameOffset = value; usernameLength = attrLength; }
                case MESSAGE_INTEGRITY -> {
                    if (attrLength != 20) {
                        return StunFault.BAD_ATTRIBUTE;
                    }
                    integrityOffset = p;
                }
                case PRIORITY -> {
                    if (attrLength != 4) {
                        return StunFault.BAD_ATTRIBUTE;
                    }
                    priority = readInt(b, value) & 0xffffffffL;
                }
                case USE_CANDIDATE -> useCandidate = true;
                case ICE_CONTROLLING -> controlling = true;
                case FINGERPRINT -> {
                    if (attrLength != 4 || !fingerprintMatches(p, readInt(b, value))) {
                        return StunFault.BAD_FINGERPRINT;
                    }
                    hasFingerprint = true;
                }
                default -> { }
            }
            p = next;
        }
        return StunFault.NONE;
    }

    private boolean fingerprintMatches(int attributeStart, int expected) {
        crc.reset();
        // the length field as if the message ended with the FINGERPRINT attribute (RFC 8489 §14.7)
        int adjusted = attributeStart - off - HEADER + 8;
        crc.update(buf, off, 2);
        crc.update(adjusted >>> 8);
        crc.update(adjusted);
        crc.update(buf, off + 4, attributeStart - off - 4);
        return ((int) crc.getValue() ^ FINGERPRINT_XOR) == expected;
    }

    public int type() { return type; }
    public boolean hasUsername() { return usernameOffset >= 0; }
    public boolean hasIntegrity() { return integrityOffset >= 0; }
    public boolean hasFingerprint() { return hasFingerprint; }
    public boolean useCandidate() { return useCandidate; }
    public boolean iceControlling() { return controlling; }
    public long priority() { return priority; }
    byte[] buffer() { return buf; }
    int offset() { return off; }
    int integrityOffset() { return integrityOffset; }

    /** Whether USERNAME starts with {@code ufrag} followed by ':' (RFC 8445 §7.3.1.1). */
    public boolean usernameStartsWith(byte[] ufrag) {
        if (usernameOffset < 0 || usernameLength < ufrag.length + 1) {
            return false;
        }
        for (int i = 0; i < ufrag.length; i++) {
            if (buf[usernameOffset + i] != ufrag[i]) {
                return false;
            }
        }
        return buf[usernameOffset + ufrag.length] == ':';
    }

    /** Copies the 12-byte transaction id. */
    public void transactionId(byte[] into, int at) {
        System.arraycopy(buf, off + 8, into, at, 12);
    }

    static int readShort(byte[] b, int i) {
        return ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
    }

    static int readInt(byte[] b, int i) {
        return ((b[i] & 0xff) << 24) | ((b[i + 1] & 0xff) << 16) | ((b[i + 2] & 0xff) << 8) | (b[i + 3] & 0xff);
    }
}
