package org.webims.webrtc.dtls;

/**
 * The DTLS-SRTP protection profiles we negotiate (RFC 5764 §4.1.2, RFC 7714 §14.2), in our
 * order of preference, with the key and salt lengths the keying material is split by.
 */
public enum SrtpProfile {
    AEAD_AES_128_GCM(0x0007, 16, 12),
    AES_CM_128_HMAC_SHA1_80(0x0001, 16, 14);

    private final int id;
    private final int keyLength;
    private final int saltLength;

    SrtpProfile(int id, int keyLength, int saltLength) {
        this.id = id;
        this.keyLength = keyLength;
        this.saltLength = saltLength;
    }

    public int id() { return id; }
    public int keyLength() { return keyLength; }
    public int saltLength() { return saltLength; }

    static SrtpProfile byId(int id) {
        for (SrtpProfile p : values()) {
            if (p.id == id) {
                return p;
            }
        }
        return null;
    }

    static int[] ids() {
        SrtpProfile[] all = values();
        int[] ids = new int[all.length];
        for (int i = 0; i < all.length; i++) {
            ids[i] = all[i].id;
        }
        return ids;
    }
}
