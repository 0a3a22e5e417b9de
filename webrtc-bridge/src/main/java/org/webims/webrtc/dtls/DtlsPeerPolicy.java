package org.webims.webrtc.dtls;

import java.io.IOException;
import java.util.Hashtable;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;
import org.webims.media.srtp.DtlsSrtpKeys;
import org.webims.media.srtp.InvalidSrtpKeyException;
import org.webims.media.srtp.SrtpProfile;

/**
 * What our DTLS client and server have in common: DTLS 1.2 only, ECDHE-ECDSA suites, our
 * certificate, the peer's certificate checked against the SDP fingerprint, use_srtp, and the
 * keying-material export. One instance per handshake.
 */
final class DtlsPeerPolicy {

    static final ProtocolVersion[] DTLS_1_2 = ProtocolVersion.DTLSv12.only();
    // RFC 8827 §6.5 requires ECDSA P-256 and ECDHE; GCM first, CBC for older peers.
    static final int[] CIPHER_SUITES = {
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA,
    };
    static final SignatureAndHashAlgorithm ECDSA_SHA256 =
            SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa);
    /**
     * The DTLS-SRTP profiles we negotiate, our preference first (RFC 5764 §4.1.2, RFC 7714 §14.2):
     * AES-128-GCM's tag is the 16 bytes of AES-256-GCM's at less work; AES-CM for peers without GCM.
     */
    static final SrtpProfile[] PROFILES = {SrtpProfile.AEAD_AES_128_GCM, SrtpProfile.AEAD_AES_256_GCM,
        SrtpProfile.AES_CM_128_HMAC_SHA1_80};

    private final JcaTlsCrypto crypto;
    private final DtlsCertificate certificate;
    private final String remoteFingerprint;
    private volatile SrtpProfile profile;
    private volatile int[] peerOffered = new int[0];
    private DtlsSrtpKeys keys;

    DtlsPeerPolicy(JcaTlsCrypto crypto, DtlsCertificate certificate, String remoteFingerprint) {
        this.crypto = crypto;
        this.certificate = certificate;
        this.remoteFingerprint = remoteFingerprint;
    }

    TlsCredentialedSigner signer(TlsContext context) throws IOException {
        TlsCertificate own = crypto.createCertificate(certificate.der());
        return new JcaDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), crypto,
                certificate.privateKey(), new Certificate(new TlsCertificate[] {own}), ECDSA_SHA256);
    }

    /** RFC 5763 §5: the certificate must match the fingerprint the peer's SDP announced. */
    void verifyPeer(Certificate chain) throws IOException {
        if (chain == null || chain.isEmpty()) {
            throw new TlsFatalAlert(AlertDescription.certificate_required, "peer sent no certificate");
        }
        byte[] der = chain.getCertificateAt(0).getEncoded();
        if (!DtlsCertificate.matches(remoteFingerprint, der)) {
            throw new TlsFatalAlert(AlertDescription.bad_certificate,
                    "peer certificate does not match the SDP fingerprint");
        }
    }

    void offerSrtp(Hashtable<Integer, byte[]> extensions) throws IOException {
        int[] ids = new int[PROFILES.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = PROFILES[i].dtlsProfileId();
        }
        TlsSRTPUtils.addUseSRTPExtension(extensions, new UseSRTPData(ids, new byte[0]));
    }

    /** Server side: the first of our profiles the client offers (RFC 5764 §4.1.1). */
    void chooseSrtp(Hashtable<?, ?> clientExtensions) throws IOException {
        UseSRTPData offered = TlsSRTPUtils.getUseSRTPExtension(clientExtensions);
        if (offered == null) {
            throw new TlsFatalAlert(AlertDescription.handshake_failure, "client did not offer use_srtp");
        }
        peerOffered = offered.getProtectionProfiles().clone();
        for (SrtpProfile candidate : PROFILES) {
            for (int id : offered.getProtectionProfiles()) {
                if (id == candidate.dtlsProfileId()) {
                    profile = candidate;
                    return;
                }
            }
        }
        throw new TlsFatalAlert(AlertDescription.handshake_failure, "no common SRTP profile");
    }

    void answerSrtp(Hashtable<Integer, byte[]> serverExtensions) throws IOException {
        TlsSRTPUtils.addUseSRTPExtension(serverExtensions,
                new UseSRTPData(new int[] {profile.dtlsProfileId()}, new byte[0]));
    }

    /** Client side: the profile the server chose must be one we offered. */
    void acceptSrtp(Hashtable<?, ?> serverExtensions) throws IOException {
        UseSRTPData chosen = TlsSRTPUtils.getUseSRTPExtension(serverExtensions);
        if (chosen == null || chosen.getProtectionProfiles().length != 1) {
            throw new TlsFatalAlert(AlertDescription.illegal_parameter, "server chose no single SRTP profile");
        }
        int id = chosen.getProtectionProfiles()[0];
        profile = null;
        for (SrtpProfile offered : PROFILES) {
            if (offered.dtlsProfileId() == id) {
                profile = offered;
            }
        }
        if (profile == null) {
            throw new TlsFatalAlert(AlertDescription.illegal_parameter, "server chose an SRTP profile we did not offer");
        }
    }

    void exportKeys(TlsContext context, boolean weAreClient) throws IOException {
        byte[] material = context.exportKeyingMaterial(DtlsSrtpKeys.EXPORTER_LABEL, null,
                DtlsSrtpKeys.exporterLength(profile));
        try {
            keys = DtlsSrtpKeys.split(profile, material, weAreClient);
        } catch (InvalidSrtpKeyException e) {
            throw new TlsFatalAlert(AlertDescription.internal_error, e.getMessage());
        } finally {
            java.util.Arrays.fill(material, (byte) 0);
        }
    }

    DtlsSrtpKeys keys() { return keys; }

    /** The profile chosen, by us as server or by the peer as client; null before. */
    SrtpProfile profile() { return profile; }

    /** The use_srtp profile ids the client's ClientHello offered, in its order; empty unless we are the server. */
    int[] peerOffered() { return peerOffered.clone(); }
}
