package org.webims.media.srtp;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AEAD_AES_128_GCM and AEAD_AES_256_GCM (RFC 7714). The JCE has no way to change a GCM nonce
 * without {@code init} and a new {@link GCMParameterSpec}, so each packet still allocates that
 * spec and whatever SunJCE's {@code init} allocates; output goes to a reused scratch buffer (no
 * in-place overlap copy inside the provider) and is copied back.
 */
final class AesGcmCipher implements PacketCipher {

    static final int TAG_LENGTH = 16;
    private static final int INITIAL_BUFFER = 2048;

    private final Cipher srtpGcm;
    private final Cipher srtcpGcm;
    private final SecretKeySpec srtpKey;
    private final SecretKeySpec srtcpKey;
    private final byte[] srtpSalt;
    private final byte[] srtcpSalt;
    private final byte[] iv = new byte[12];
    private final byte[] indexWord = new byte[4];
    private byte[] scratch = new byte[INITIAL_BUFFER];

    AesGcmCipher(SessionKeys srtp, SessionKeys srtcp) {
        try {
            srtpGcm = Cipher.getInstance("AES/GCM/NoPadding");
            srtcpGcm = Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no AES/GCM/NoPadding", e);
        }
        srtpKey = new SecretKeySpec(srtp.encryptionKey(), "AES");
        srtcpKey = new SecretKeySpec(srtcp.encryptionKey(), "AES");
        srtpSalt = srtp.salt();
        srtcpSalt = srtcp.salt();
    }

    /** RFC 7714 §8.1: IV = (0x0000 || SSRC || ROC || SEQ) XOR salt. */
    private void srtpIv(int ssrc, long index) {
        int roc = (int) (index >>> 16);
        iv[0] = srtpSalt[0];
        iv[1] = srtpSalt[1];
        iv[2] = (byte) (srtpSalt[2] ^ (ssrc >>> 24));
        iv[3] = (byte) (srtpSalt[3] ^ (ssrc >>> 16));
        iv[4] = (byte) (srtpSalt[4] ^ (ssrc >>> 8));
        iv[5] = (byte) (srtpSalt[5] ^ ssrc);
        iv[6] = (byte) (srtpSalt[6] ^ (roc >>> 24));
        iv[7] = (byte) (srtpSalt[7] ^ (roc >>> 16));
        iv[8] = (byte) (srtpSalt[8] ^ (roc >>> 8));
        iv[9] = (byte) (srtpSalt[9] ^ roc);
        iv[10] = (byte) (srtpSalt[10] ^ (index >>> 8));
        iv[11] = (byte) (srtpSalt[11] ^ index);
    }

    /** RFC 7714 §9.1: IV = (0x0000 || SSRC || 0x0000 || 0 || SRTCP index) XOR salt. */
    private void srtcpIv(int ssrc, int index) {
        iv[0] = srtcpSalt[0];
        iv[1] = srtcpSalt[1];
        iv[2] = (byte) (srtcpSalt[2] ^ (ssrc >>> 24));
        iv[3] = (byte) (srtcpSalt[3] ^ (ssrc >>> 16));
        iv[4] = (byte) (srtcpSalt[4] ^ (ssrc >>> 8));
        iv[5] = (byte) (srtcpSalt[5] ^ ssrc);
        iv[6] = srtcpSalt[6];
        iv[7] = srtcpSalt[7];
        iv[8] = (byte) (srtcpSalt[8] ^ (index >>> 24));
        iv[9] = (byte) (srtcpSalt[9] ^ (index >>> 16));
        iv[10] = (byte) (srtcpSalt[10] ^ (index >>> 8));
        iv[11] = (byte) (srtcpSalt[11] ^ index);
    }

    private byte[] scratch(int length) {
        if (scratch.length < length) {
            scratch = new byte[length];
        }
        return scratch;
    }

    @Override
    public void protectRtp(byte[] b, int off, int len, int headerLength, int ssrc, long index) {
        srtpIv(ssrc, index);
        try {
            srtpGcm.init(Cipher.ENCRYPT_MODE, srtpKey, new GCMParameterSpec(TAG_LENGTH * 8, iv));
            srtpGcm.updateAAD(b, off, headerLength); // RFC 7714 §8.2: the RTP header is the AAD
            int n = srtpGcm.doFinal(b, off + headerLength, len - headerLength, scratch(len + TAG_LENGTH), 0);
            System.arraycopy(scratch, 0, b, off + headerLength, n);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM protect failed", e);
        }
    }

    @Override
    public boolean unprotectRtp(byte[] b, int off, int len, int headerLength, int ssrc, long index) {
        srtpIv(ssrc, index);
        try {
            srtpGcm.init(Cipher.DECRYPT_MODE, srtpKey, new GCMParameterSpec(TAG_LENGTH * 8, iv));
            srtpGcm.updateAAD(b, off, headerLength);
            int n = srtpGcm.doFinal(b, off + headerLength, len - headerLength, scratch(len), 0);
            System.arraycopy(scratch, 0, b, off + headerLength, n);
            return true;
        } catch (GeneralSecurityException e) {
            return false; // AEADBadTagException: RFC 7714 §10 authentication failure
        }
    }

    @Override
    public void protectRtcp(byte[] b, int off, int len, int ssrc, int srtcpIndex) {
        srtcpIv(ssrc, srtcpIndex);
        int word = 0x80000000 | srtcpIndex; // E flag set: we always encrypt
        AesCmHmacSha1Cipher.writeInt(indexWord, 0, word);
        try {
            srtcpGcm.init(Cipher.ENCRYPT_MODE, srtcpKey, new GCMParameterSpec(TAG_LENGTH * 8, iv));
            // RFC 7714 §9.2: AAD = first 8 octets || E flag and SRTCP index
            srtcpGcm.updateAAD(b, off, 8);
            srtcpGcm.updateAAD(indexWord, 0, 4);
            int n = srtcpGcm.doFinal(b, off + 8, len - 8, scratch(len + TAG_LENGTH), 0);
            System.arraycopy(scratch, 0, b, off + 8, n);
            AesCmHmacSha1Cipher.writeInt(b, off + 8 + n, word); // RFC 7714 §9: index after the tag
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM protect failed", e);
        }
    }

    @Override
    public int rtcpIndexWordOffset(int len) {
        return len - 4;
    }

    @Override
    public boolean unprotectRtcp(byte[] b, int off, int len, int ssrc, int word) {
        srtcpIv(ssrc, word & 0x7fffffff);
        int body = len - 4; // header, ciphertext (or clear text) and tag
        try {
            srtcpGcm.init(Cipher.DECRYPT_MODE, srtcpKey, new GCMParameterSpec(TAG_LENGTH * 8, iv));
            if (word < 0) {
                srtcpGcm.updateAAD(b, off, 8);
                srtcpGcm.updateAAD(b, off + body, 4);
                int n = srtcpGcm.doFinal(b, off + 8, body - 8, scratch(len), 0);
                System.arraycopy(scratch, 0, b, off + 8, n);
            } else {
                // RFC 7714 §9.3: E = 0, the whole packet and the index word are AAD, only the tag is "ciphertext"
                srtcpGcm.updateAAD(b, off, body - TAG_LENGTH);
                srtcpGcm.updateAAD(b, off + body, 4);
                srtcpGcm.doFinal(b, off + body - TAG_LENGTH, TAG_LENGTH, scratch(TAG_LENGTH), 0);
            }
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
