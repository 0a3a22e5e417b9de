package org.webims.media.srtp;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * The SRTP key derivation function with the AES-CM PRF and a key derivation rate of 0
 * (RFC 3711 §4.3.1, §4.3.3; RFC 6188 §7 for AES-256; RFC 7714 §11 for GCM's 12-byte salt).
 * Runs once per master key, so it may allocate.
 */
final class SrtpKeyDerivation {

    static final int LABEL_SRTP_ENCRYPTION = 0x00;
    static final int LABEL_SRTP_AUTH = 0x01;
    static final int LABEL_SRTP_SALT = 0x02;
    static final int LABEL_SRTCP_ENCRYPTION = 0x03;
    static final int LABEL_SRTCP_AUTH = 0x04;
    static final int LABEL_SRTCP_SALT = 0x05;

    /** n_a of HMAC-SHA1 (RFC 3711 §8.2). */
    static final int HMAC_SHA1_KEY_LENGTH = 20;

    private SrtpKeyDerivation() { }

    static SessionKeys srtpKeys(SrtpMasterKey master) {
        return keys(master, LABEL_SRTP_ENCRYPTION, LABEL_SRTP_AUTH, LABEL_SRTP_SALT);
    }

    static SessionKeys srtcpKeys(SrtpMasterKey master) {
        return keys(master, LABEL_SRTCP_ENCRYPTION, LABEL_SRTCP_AUTH, LABEL_SRTCP_SALT);
    }

    private static SessionKeys keys(SrtpMasterKey master, int encLabel, int authLabel, int saltLabel) {
        SrtpProfile p = master.profile();
        byte[] k = master.keyBytes();
        byte[] s = master.saltBytes();
        byte[] auth = p.aead() ? new byte[0] : derive(k, s, authLabel, HMAC_SHA1_KEY_LENGTH);
        return new SessionKeys(derive(k, s, encLabel, p.keyLength()), auth, derive(k, s, saltLabel, p.saltLength()));
    }

    /**
     * PRF_n(k_master, x) with x = (label || r) XOR master_salt, r = 0 (RFC 3711 §4.3.1): the AES-CM
     * keystream of IV = x * 2^16 under the master key. A 12-byte salt is zero-padded to 14 bytes, so
     * the label always lands on byte 7 (as libsrtp does).
     */
    static byte[] derive(byte[] masterKey, byte[] masterSalt, int label, int length) {
        try {
            Cipher aes = Cipher.getInstance("AES/ECB/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(masterKey, "AES"));
            byte[] counter = new byte[16];
            System.arraycopy(masterSalt, 0, counter, 0, masterSalt.length);
            counter[7] ^= (byte) label;
            int blocks = (length + 15) / 16;
            byte[] stream = new byte[blocks * 16];
            for (int j = 0; j < blocks; j++) {
                counter[14] = (byte) (j >>> 8);
                counter[15] = (byte) j;
                aes.update(counter, 0, 16, stream, j * 16);
            }
            byte[] out = new byte[length];
            System.arraycopy(stream, 0, out, 0, length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no AES/ECB/NoPadding", e);
        }
    }
}
