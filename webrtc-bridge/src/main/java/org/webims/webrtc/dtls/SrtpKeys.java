package org.webims.webrtc.dtls;

/**
 * What a DTLS-SRTP handshake yields: the profile and the master keys and salts for what we
 * send (local) and what we receive (remote).
 */
public record SrtpKeys(SrtpProfile profile, byte[] localKey, byte[] localSalt,
                       byte[] remoteKey, byte[] remoteSalt) {

    /**
     * Splits exported keying material: client key, server key, client salt, server salt
     * (RFC 5764 §4.2), the client's being ours when we were the DTLS client.
     */
    static SrtpKeys split(SrtpProfile profile, byte[] material, boolean weAreClient) {
        int k = profile.keyLength();
        int s = profile.saltLength();
        byte[] clientKey = java.util.Arrays.copyOfRange(material, 0, k);
        byte[] serverKey = java.util.Arrays.copyOfRange(material, k, 2 * k);
        byte[] clientSalt = java.util.Arrays.copyOfRange(material, 2 * k, 2 * k + s);
        byte[] serverSalt = java.util.Arrays.copyOfRange(material, 2 * k + s, 2 * k + 2 * s);
        return weAreClient
                ? new SrtpKeys(profile, clientKey, clientSalt, serverKey, serverSalt)
                : new SrtpKeys(profile, serverKey, serverSalt, clientKey, clientSalt);
    }

    static int materialLength(SrtpProfile profile) {
        return 2 * (profile.keyLength() + profile.saltLength());
    }
}
