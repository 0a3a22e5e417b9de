package org.webims.webrtc.dtls;

import java.io.IOException;
import java.util.Hashtable;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;

/**
 * Our side of DTLS-SRTP when the SDP made us active ({@code a=setup:active}). Not final: a test
 * client offers fewer SRTP profiles through it.
 */
class DtlsSrtpClient extends DefaultTlsClient {

    private final DtlsPeerPolicy policy;
    private final PeerAlerts alerts;
    private final int handshakeTimeoutMillis;

    DtlsSrtpClient(JcaTlsCrypto crypto, DtlsPeerPolicy policy, PeerAlerts alerts, int handshakeTimeoutMillis) {
        super(crypto);
        this.policy = policy;
        this.alerts = alerts;
        this.handshakeTimeoutMillis = handshakeTimeoutMillis;
    }

    @Override protected ProtocolVersion[] getSupportedVersions() { return DtlsPeerPolicy.DTLS_1_2; }
    @Override protected int[] getSupportedCipherSuites() { return DtlsPeerPolicy.CIPHER_SUITES; }
    @Override public int getHandshakeTimeoutMillis() { return handshakeTimeoutMillis; }

    @Override
    @SuppressWarnings("unchecked")
    public Hashtable getClientExtensions() throws IOException {
        Hashtable<Integer, byte[]> extensions = super.getClientExtensions();
        if (extensions == null) {
            extensions = new Hashtable<>();
        }
        policy.offerSrtp(extensions);
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

    @Override
    public void notifyAlertReceived(short alertLevel, short alertDescription) {
        super.notifyAlertReceived(alertLevel, alertDescription);
        alerts.received(alertDescription);
    }
}
