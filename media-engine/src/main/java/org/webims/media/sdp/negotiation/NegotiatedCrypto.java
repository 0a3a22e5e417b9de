package org.webims.media.sdp.negotiation;

import java.util.Objects;

/**
 * The SDES keys agreed for one m-line (RFC 4568): the suite, our master key||salt (we encrypt
 * with it) and the remote one (we decrypt with it), and the MKI the remote puts in its packets
 * (length 0: none). toString never shows a key.
 */
public record NegotiatedCrypto(int tag, String suite, byte[] localKeySalt, byte[] remoteKeySalt, long remoteMki,
        int remoteMkiLength) {

    public NegotiatedCrypto {
        Objects.requireNonNull(suite, "suite");
        localKeySalt = localKeySalt.clone();
        remoteKeySalt = remoteKeySalt.clone();
    }

    @Override
    public byte[] localKeySalt() {
        return localKeySalt.clone();
    }

    @Override
    public byte[] remoteKeySalt() {
        return remoteKeySalt.clone();
    }

    @Override
    public String toString() {
        return "NegotiatedCrypto[tag=" + tag + ", suite=" + suite + ", remoteMkiLength=" + remoteMkiLength + "]";
    }
}
