package org.webims.media.srtp;

/**
 * The session keys of one packet kind (SRTP or SRTCP) derived from a master key.
 *
 * @param encryptionKey k_e
 * @param authKey       k_a, 20 bytes for HMAC-SHA1; empty for AEAD suites
 * @param salt          k_s, 14 bytes for AES-CM, 12 for GCM
 */
record SessionKeys(byte[] encryptionKey, byte[] authKey, byte[] salt) {
}
