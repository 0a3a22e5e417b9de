package org.webims.media.srtp;

import java.util.HexFormat;

/** Test packets: hex vectors and plain RTP/RTCP packets with room for the SRTP trailer. */
final class Packets {

    static final int ROOM = 64;

    private Packets() { }

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replaceAll("\\s", ""));
    }

    static String hex(byte[] b, int off, int len) {
        return HexFormat.of().formatHex(b, off, off + len);
    }

    /** An RTP packet (V=2, PT 0) of 12 + payloadLength bytes, payload bytes i*7, in an array with room after it. */
    static byte[] rtp(int ssrc, int seq, int payloadLength) {
        byte[] b = new byte[12 + payloadLength + ROOM];
        b[0] = (byte) 0x80;
        b[1] = 0;
        b[2] = (byte) (seq >>> 8);
        b[3] = (byte) seq;
        int ts = seq * 160;
        b[4] = (byte) (ts >>> 24);
        b[5] = (byte) (ts >>> 16);
        b[6] = (byte) (ts >>> 8);
        b[7] = (byte) ts;
        AesCmHmacSha1Cipher.writeInt(b, 8, ssrc);
        for (int i = 0; i < payloadLength; i++) {
            b[12 + i] = (byte) (i * 7 + seq);
        }
        return b;
    }

    /** An RTCP receiver report (PT 201, no report blocks) plus {@code extra} bytes of an APP-like tail. */
    static byte[] rtcp(int ssrc, int extra) {
        int len = 8 + extra;
        byte[] b = new byte[len + ROOM];
        b[0] = (byte) 0x80;
        b[1] = (byte) 201;
        int words = len / 4 - 1;
        b[2] = (byte) (words >>> 8);
        b[3] = (byte) words;
        AesCmHmacSha1Cipher.writeInt(b, 4, ssrc);
        for (int i = 8; i < len; i++) {
            b[i] = (byte) (i * 13);
        }
        return b;
    }

    static SrtpMasterKey key(SrtpProfile profile, int seed) {
        byte[] k = new byte[profile.keyLength()];
        byte[] s = new byte[profile.saltLength()];
        for (int i = 0; i < k.length; i++) {
            k[i] = (byte) (seed + i);
        }
        for (int i = 0; i < s.length; i++) {
            s[i] = (byte) (seed * 3 + i * 5);
        }
        try {
            return SrtpMasterKey.of(profile, k, s);
        } catch (InvalidSrtpKeyException e) {
            throw new AssertionError(e);
        }
    }
}
