package org.webims.media.srtp;

/**
 * The cryptographic transform of one suite under one master key's session keys (SRTP and
 * SRTCP). Packet layout checks, indices and replay are the caller's; this only encrypts,
 * authenticates and writes or checks the trailer, in place. Not thread-safe; nothing is
 * allocated and no cipher is re-initialised per packet (both suites run counters through AES/ECB).
 */
interface PacketCipher {

    /**
     * Encrypts {@code b[off+headerLength, off+len)} and writes the SRTP tag at {@code off+len}.
     *
     * @param index the 48-bit packet index ROC * 2^16 + SEQ
     */
    void protectRtp(byte[] b, int off, int len, int headerLength, int ssrc, long index);

    /**
     * Checks the tag of a protected packet of {@code len} bytes (tag included) and decrypts its
     * payload in place. Returns false, payload undefined, when authentication fails.
     */
    boolean unprotectRtp(byte[] b, int off, int len, int headerLength, int ssrc, long index);

    /** Encrypts an RTCP packet after its first 8 bytes and appends E flag, index and tag. */
    void protectRtcp(byte[] b, int off, int len, int ssrc, int srtcpIndex);

    /** Where the E flag and SRTCP index word sits in a protected RTCP packet of {@code len} bytes. */
    int rtcpIndexWordOffset(int len);

    /**
     * Checks and (when the E flag is set) decrypts an SRTCP packet of {@code len} bytes, trailer
     * included. Returns false when authentication fails.
     */
    boolean unprotectRtcp(byte[] b, int off, int len, int ssrc, int indexWord);

    static PacketCipher forKey(SrtpMasterKey key) {
        SessionKeys srtp = SrtpKeyDerivation.srtpKeys(key);
        SessionKeys srtcp = SrtpKeyDerivation.srtcpKeys(key);
        return key.profile().aead()
                ? new AesGcmCipher(srtp, srtcp)
                : new AesCmHmacSha1Cipher(srtp, srtcp, key.profile().srtpTagLength(), key.profile().srtcpTagLength());
    }
}
