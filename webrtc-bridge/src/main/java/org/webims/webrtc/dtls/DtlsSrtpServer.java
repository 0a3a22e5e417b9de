package org.webims.webrtc.dtls;

import java.io.IOException;
import java.util.Hashtable;
import java.util.Vector;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;

/** Our side of DTLS-SRTP when the SDP made us passive ({@code a=setup:passive}). */
final class DtlsSrtpServer extends DefaultTlsServer {

    private final DtlsPeerPolicy policy;
    private final PeerAlerts alerts;
    private final int handshakeTimeoutMillis;

    DtlsSrtpServer(JcaTlsCrypto crypto, DtlsPeerPolicy policy, PeerAlerts alerts, int handshakeTimeoutMillis) {
        super(crypto);
        this.policy = policy;
        this.alerts = alerts;
        this.handshakeTimeoutMillis = handshakeTimeoutMillis;
    }

    @Override protected ProtocolVersion[] getSupportedVersions() { return DtlsPeerPolicy.DTLS_1_2; }
    @Override protected int[] getSupportedCipherSuites() { return DtlsPeerPolicy.CIPHER_SUITES; }
    @Override public int getHandshakeTimeoutMillis() { return handshakeTimeoutMillis; }

    @Override
    protected TlsCredentialedSigner getECDSASignerCredentials() throws IOException {
        return policy.signer(context);
    }

    // RFC 5763 §5: both ends present certificates; the client's is checked against its SDP.
    @Override
    public CertificateRequest getCertificateRequest() {
        Vector<Object> algorithms = new Vector<>();
        algorithms.add(DtlsPeerPolicy.ECDSA_SHA256);
        algorithms.add(org.bouncycastle.tls.SignatureAndHashAlgorithm.getInstance(
                org.bouncycastle.tls.HashAlgorithm.sha256, org.bouncycastle.tls.SignatureAlgorithm.rsa));
        return new CertificateRequest(new short[] {ClientCertificateType.ecdsa_sign,
                ClientCertificateType.rsa_sign}, algorithms, null);
    }

    @Override
    public void notifyClientCertificate(Certificate clientCertificate) throws IOException {
        policy.verifyPeer(clientCertificate);
    }

    @Override
    public void processClientExtensions(Hashtable clientExtensions) throws IOException {
        super.processClientExtensions(clientExtensions);
        policy.chooseSrtp(clientExtensions);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Hashtable getServerExtensions() throws IOException {
        Hashtable<Integer, byte[]> extensions = super.getServerExtensions();
        if (extensions == null) {
            extensions = new Hashtable<>();
        }
        policy.answerSrtp(extensions);
        return extensions;
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        policy.exportKeys(context, false);
    }

    @Override
    public void notifyAlertReceived(short alertLevel, short alertDescription) {
        super.notifyAlertReceived(alertLevel, alertDescription);
        alerts.received(alertDescription);
    }
}
