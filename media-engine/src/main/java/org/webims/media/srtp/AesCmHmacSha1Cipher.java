package org.webims.media.srtp;

/**
 * AES counter mode (RFC 3711 §4.1.1) with an HMAC-SHA1 tag (§4.2). The keystream is {@link AesCtr}'s:
 * a new counter per packet without {@code Cipher.init}, so nothing is allocated (a CTR Cipher would
 * need a new IV spec per packet).
 */
final class AesCmHmacSha1Cipher implements PacketCipher {

    private final AesCtr srtpAes;
    private final AesCtr srtcpAes;
    private final Sha1Mac srtpMac;
    private final Sha1Mac srtcpMac;
    private final byte[] srtpSalt;
    private final byte[] srtcpSalt;
    private final int srtpTagLength;
    private final int srtcpTagLength;
    private final byte[] iv = new byte[16];
    private final byte[] tag = new byte[Sha1Mac.LENGTH];

    AesCmHmacSha1Cipher(SessionKeys srtp, SessionKeys srtcp, int srtpTagLength, int srtcpTagLength) {
        this.srtpAes = new AesCtr(srtp.encryptionKey());
        this.srtcpAes = new AesCtr(srtcp.encryptionKey());
        this.srtpMac = Sha1Mac.forKey(srtp.authKey());
        this.srtcpMac = Sha1Mac.forKey(srtcp.authKey());
        this.srtpSalt = srtp.salt();
        this.srtcpSalt = srtcp.salt();
        this.srtpTagLength = srtpTagLength;
        this.srtcpTagLength = srtcpTagLength;
    }

    @Override
    public void protectRtp(byte[] b, int off, int len, int headerLength, int ssrc, long index) {
        xorKeystream(srtpAes, srtpSalt, ssrc, index, b, off + headerLength, len - headerLength);
        srtpMac.macWithRoc(b, off, len, (int) (index >>> 16), tag, 0); // RFC 3711 §4.2: M = Authenticated Portion || ROC
        System.arraycopy(tag, 0, b, off + len, srtpTagLength);
    }

    @Override
    public boolean unprotectRtp(byte[] b, int off, int len, int headerLength, int ssrc, long index) {
        int body = len - srtpTagLength;
        srtpMac.macWithRoc(b, off, body, (int) (index >>> 16), tag, 0);
        if (!tagMatches(b, off + body, srtpTagLength)) {
            return false;
        }
        xorKeystream(srtpAes, srtpSalt, ssrc, index, b, off + headerLength, body - headerLength);
        return true;
    }

    @Override
    public void protectRtcp(byte[] b, int off, int len, int ssrc, int srtcpIndex) {
        xorKeystream(srtcpAes, srtcpSalt, ssrc, srtcpIndex, b, off + 8, len - 8);
        int word = 0x80000000 | srtcpIndex; // RFC 3711 §3.4: E flag set, we always encrypt
        writeInt(b, off + len, word);
        srtcpMac.mac(b, off, len + 4, tag, 0);
        System.arraycopy(tag, 0, b, off + len + 4, srtcpTagLength);
    }

    @Override
    public int rtcpIndexWordOffset(int len) {
        return len - srtcpTagLength - 4;
    }

    @Override
    public boolean unprotectRtcp(byte[] b, int off, int len, int ssrc, int indexWord) {
        int authenticated = len - srtcpTagLength;
        srtcpMac.mac(b, off, authenticated, tag, 0);
        if (!tagMatches(b, off + authenticated, srtcpTagLength)) {
            return false;
        }
        if (indexWord < 0) { // E flag
            xorKeystream(srtcpAes, srtcpSalt, ssrc, indexWord & 0x7fffffff, b, off + 8, authenticated - 4 - 8);
        }
        return true;
    }

    /** Constant-time comparison of the computed tag with the packet's. */
    private boolean tagMatches(byte[] b, int at, int length) {
        int diff = 0;
        for (int i = 0; i < length; i++) {
            diff |= tag[i] ^ b[at + i];
        }
        return diff == 0;
    }

    /**
     * XORs the AES-CM keystream for (ssrc, index) into {@code b[start, start+n)}. IV = (k_s * 2^16)
     * XOR (SSRC * 2^64) XOR (i * 2^16) (RFC 3711 §4.1.1); block j uses IV + j.
     */
    private void xorKeystream(AesCtr aes, byte[] salt, int ssrc, long index, byte[] b, int start, int n) {
        if (n <= 0) {
            return;
        }
        System.arraycopy(salt, 0, iv, 0, 14);
        iv[14] = 0;
        iv[15] = 0;
        iv[4] ^= (byte) (ssrc >>> 24);
        iv[5] ^= (byte) (ssrc >>> 16);
        iv[6] ^= (byte) (ssrc >>> 8);
        iv[7] ^= (byte) ssrc;
        iv[8] ^= (byte) (index >>> 40);
        iv[9] ^= (byte) (index >>> 32);
        iv[10] ^= (byte) (index >>> 24);
        iv[11] ^= (byte) (index >>> 16);
        iv[12] ^= (byte) (index >>> 8);
        iv[13] ^= (byte) index;
        aes.start(iv);
        aes.apply(b, start, n);
    }

    static void writeInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }
}
