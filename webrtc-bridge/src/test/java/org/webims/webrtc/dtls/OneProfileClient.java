package org.webims.webrtc.dtls;

import java.io.IOException;
import java.util.Hashtable;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;
import org.webims.media.srtp.SrtpProfile;

/**
 * Our DTLS-SRTP client offering one SRTP profile only (RFC 5764 §4.1.2): SRTP_AES128_CM_HMAC_SHA1_80
 * as an older WebRTC stack or an SBC without AES-GCM does, or SRTP_AEAD_AES_256_GCM as a peer that
 * wants the longer key.
 */
final class OneProfileClient extends DtlsSrtpClient {

    final DtlsPeerPolicy policy;
    private final SrtpProfile only;

    private OneProfileClient(JcaTlsCrypto crypto, DtlsPeerPolicy policy, SrtpProfile only) {
        super(crypto, policy, new PeerAlerts(), 10_000);
        this.policy = policy;
        this.only = only;
    }

    OneProfileClient(JcaTlsCrypto crypto, DtlsCertificate own, String serverFingerprint, SrtpProfile only) {
        this(crypto, new DtlsPeerPolicy(crypto, own, serverFingerprint), only);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Hashtable getClientExtensions() throws IOException {
        Hashtable<Integer, byte[]> extensions = super.getClientExtensions();
        TlsSRTPUtils.addUseSRTPExtension(extensions, // replaces our profiles
                new UseSRTPData(new int[] {only.dtlsProfileId()}, new byte[0]));
        return extensions;
    }
}
