package org.webims.webrtc.dtls;

import java.io.IOException;
import java.util.Hashtable;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SRTPProtectionProfile;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;

/**
 * A DTLS-SRTP client that offers only SRTP_AES128_CM_HMAC_SHA1_80 (RFC 5764 §4.1.2), as an older
 * WebRTC stack or an SBC without AES-GCM does; certificate and fingerprint handling are ours.
 */
final class AesCmOnlyClient extends DefaultTlsClient {

    final DtlsPeerPolicy policy;

    AesCmOnlyClient(JcaTlsCrypto crypto, DtlsCertificate own, String serverFingerprint) {
        super(crypto);
        this.policy = new DtlsPeerPolicy(crypto, own, serverFingerprint);
    }

    @Override protected ProtocolVersion[] getSupportedVersions() { return DtlsPeerPolicy.DTLS_1_2; }
    @Override protected int[] getSupportedCipherSuites() { return DtlsPeerPolicy.CIPHER_SUITES; }

    @Override
    @SuppressWarnings("unchecked")
    public Hashtable getClientExtensions() throws IOException {
        Hashtable<Integer, byte[]> extensions = super.getClientExtensions();
        if (extensions == null) {
            extensions = new Hashtable<>();
        }
        TlsSRTPUtils.addUseSRTPExtension(extensions,
                new UseSRTPData(new int[] {SRTPProtectionProfile.SRTP_AES128_CM_HMAC_SHA1_80}, new byte[0]));
        return extensions;
    }

    @Override
    public void processServerExtensions(Hashtable serverExtensions) throws IOException {
        super.processServerExtensions(serverExtensions);
        policy.acceptSrtp(serverExtensions);
    }

    @Override
    public TlsAuthentication getAuthentication() {
        return new TlsAuthentication() {
            @Override
            public void notifyServerCertificate(TlsServerCertificate serverCertificate) throws IOException {
                policy.verifyPeer(serverCertificate.getCertificate());
            }

            @Override
            public TlsCredentials getClientCredentials(CertificateRequest request) throws IOException {
                return policy.signer(context);
            }
        };
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        policy.exportKeys(context, true);
    }
}
