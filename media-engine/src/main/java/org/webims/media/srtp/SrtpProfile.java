package org.webims.media.srtp;

/**
 * The SRTP protection profiles (crypto suites) we support, with their RFC 4568 SDES names (the sdp package's {@code Crypto} suite strings) and
 * RFC 5764 DTLS-SRTP profile ids.
 */
public enum SrtpProfile {

    /** RFC 3711 default suite: AES-128 counter mode, HMAC-SHA1 tag of 80 bits. */
    AES_CM_128_HMAC_SHA1_80("AES_CM_128_HMAC_SHA1_80", 0x0001, 16, 14, 10, 10, false),
    /**
     * As above with a 32-bit SRTP tag; SRTCP keeps the 80-bit tag (RFC 5764 §4.1.2, RFC 4568
     * §6.2.2).
     */
    AES_CM_128_HMAC_SHA1_32("AES_CM_128_HMAC_SHA1_32", 0x0002, 16, 14, 4, 10, false),
    /** RFC 7714: AES-128-GCM, 12-byte salt, 16-byte tag (RFC 7714 §14.2 profile 0x0007). */
    AEAD_AES_128_GCM("AEAD_AES_128_GCM", 0x0007, 16, 12, 16, 16, true),
    /** RFC 7714: AES-256-GCM (profile 0x0008). */
    AEAD_AES_256_GCM("AEAD_AES_256_GCM", 0x0008, 32, 12, 16, 16, true);

    private final String sdesName;
    private final int dtlsProfileId;
    private final int keyLength;
    private final int saltLength;
    private final int srtpTagLength;
    private final int srtcpTagLength;
    private final boolean aead;

    SrtpProfile(String sdesName, int dtlsProfileId, int keyLength, int saltLength,
                int srtpTagLength, int srtcpTagLength, boolean aead) {
        this.sdesName = sdesName;
        this.dtlsProfileId = dtlsProfileId;
        this.keyLength = keyLength;
        this.saltLength = saltLength;
        this.srtpTagLength = srtpTagLength;
        this.srtcpTagLength = srtcpTagLength;
        this.aead = aead;
    }

    /** The crypto-suite name of an SDP {@code a=crypto} line (RFC 4568 §6.2, RFC 7714 §12). */
    public String sdesName() { return sdesName; }

    /** The SRTPProtectionProfile of the DTLS use_srtp extension (RFC 5764 §4.1.2). */
    public int dtlsProfileId() { return dtlsProfileId; }

    /**
     * The profile's name in the IANA DTLS-SRTP protection profile registry (RFC 5764 §4.1.2,
     * RFC 7714 §14.2), which webrtc-stats' {@code srtpCipher} reports.
     */
    public String dtlsName() {
        return switch (this) {
            case AES_CM_128_HMAC_SHA1_80 -> "SRTP_AES128_CM_HMAC_SHA1_80";
            case AES_CM_128_HMAC_SHA1_32 -> "SRTP_AES128_CM_HMAC_SHA1_32";
            case AEAD_AES_128_GCM -> "SRTP_AEAD_AES_128_GCM";
            case AEAD_AES_256_GCM -> "SRTP_AEAD_AES_256_GCM";
        };
    }

    /** Master (and session) encryption key length in bytes. */
    public int keyLength() { return keyLength; }

    /** Master (and session) salt length in bytes. */
    public int saltLength() { return saltLength; }

    /** Authentication tag length on SRTP packets, in bytes. */
    public int srtpTagLength() { return srtpTagLength; }

    /** Authentication tag length on SRTCP packets, in bytes. */
    public int srtcpTagLength() { return srtcpTagLength; }

    /** True for the AEAD (GCM) suites, false for AES-CM with HMAC-SHA1. */
    public boolean aead() { return aead; }

    /** Bytes protect adds to an RTP packet (and unprotect removes): the tag (no MKI). */
    public int srtpOverhead() { return srtpTagLength; }

    /** Bytes protect adds to an RTCP packet: E flag and SRTCP index (4) plus the tag. */
    public int srtcpOverhead() { return 4 + srtcpTagLength; }

    /** The profile named by an SDES crypto-suite token, or null when we do not support it. */
    public static SrtpProfile forSdesName(String name) {
        for (SrtpProfile p : values()) {
            if (p.sdesName.equals(name)) {
                return p;
            }
        }
        return null;
    }

    /** The profile with a DTLS-SRTP profile id, or null when we do not support it. */
    public static SrtpProfile forDtlsProfileId(int id) {
        for (SrtpProfile p : values()) {
            if (p.dtlsProfileId == id) {
                return p;
            }
        }
        return null;
    }
}
