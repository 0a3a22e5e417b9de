package org.webims.media.srtp;

/**
 * AEAD_AES_128_GCM and AEAD_AES_256_GCM (RFC 7714) on {@link AesGcm}: no {@code Cipher.init},
 * no allocation and no copy per packet; a packet whose tag fails is left undecrypted.
 */
final class AesGcmCipher implements PacketCipher {

    static final int TAG_LENGTH = AesGcm.TAG_LENGTH;

    private final AesGcm srtpGcm;
    private final AesGcm srtcpGcm;
    private final byte[] srtpSalt;
    private final byte[] srtcpSalt;
    private final byte[] iv = new byte[12];
    private final byte[] indexWord = new byte[4];

    AesGcmCipher(SessionKeys srtp, SessionKeys srtcp) {
        srtpGcm = new AesGcm(srtp.encryptionKey());
        srtcpGcm = new AesGcm(srtcp.encryptionKey());
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

    @Override
    public void protectRtp(byte[] b, int off, int len, int headerLength, int ssrc, long index) {
        srtpIv(ssrc, index);
        srtpGcm.begin(iv);
        srtpGcm.sealPacket(b, off, headerLength, len - headerLength); // RFC 7714 §8.2: the RTP header is the AAD
    }

    @Override
    public boolean unprotectRtp(byte[] b, int off, int len, int headerLength, int ssrc, long index) {
        srtpIv(ssrc, index);
        srtpGcm.begin(iv);
        return srtpGcm.openPacket(b, off, headerLength, len - TAG_LENGTH - headerLength); // RFC 7714 §10
    }

    @Override
    public void protectRtcp(byte[] b, int off, int len, int ssrc, int srtcpIndex) {
        srtcpIv(ssrc, srtcpIndex);
        int word = 0x80000000 | srtcpIndex; // E flag set: we always encrypt
        AesCmHmacSha1Cipher.writeInt(indexWord, 0, word);
        srtcpGcm.begin(iv);
        // RFC 7714 §9.2: AAD = first 8 octets || E flag and SRTCP index
        srtcpGcm.aad(b, off, 8);
        srtcpGcm.aad(indexWord, 0, 4);
        srtcpGcm.seal(b, off + 8, len - 8);
        AesCmHmacSha1Cipher.writeInt(b, off + len + TAG_LENGTH, word); // RFC 7714 §9: index after the tag
    }

    @Override
    public int rtcpIndexWordOffset(int len) {
        return len - 4;
    }

    @Override
    public boolean unprotectRtcp(byte[] b, int off, int len, int ssrc, int word) {
        srtcpIv(ssrc, word & 0x7fffffff);
        int body = len - 4; // header, ciphertext (or clear text) and tag
        srtcpGcm.begin(iv);
        if (word < 0) {
            srtcpGcm.aad(b, off, 8);
            srtcpGcm.aad(b, off + body, 4);
            return srtcpGcm.open(b, off + 8, body - TAG_LENGTH - 8);
        }
        // RFC 7714 §9.3: E = 0, the whole packet and the index word are AAD, only the tag is "ciphertext"
        srtcpGcm.aad(b, off, body - TAG_LENGTH);
        srtcpGcm.aad(b, off + body, 4);
        return srtcpGcm.open(b, off + body - TAG_LENGTH, 0);
    }
}
