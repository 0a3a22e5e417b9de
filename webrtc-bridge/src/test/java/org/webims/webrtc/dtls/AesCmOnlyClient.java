package org.webims.webrtc.dtls;

import java.io.IOException;
import java.util.Hashtable;
import org.bouncycastle.tls.SRTPProtectionProfile;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;

/**
 * Our DTLS-SRTP client offering only SRTP_AES128_CM_HMAC_SHA1_80 (RFC 5764 §4.1.2), as an older
 * WebRTC stack or an SBC without AES-GCM does.
 */
final class AesCmOnlyClient extends DtlsSrtpClient {

    final DtlsPeerPolicy policy;

    private AesCmOnlyClient(JcaTlsCrypto crypto, DtlsPeerPolicy policy) {
        super(crypto, policy, 10_000);
        this.policy = policy;
    }

    AesCmOnlyClient(JcaTlsCrypto crypto, DtlsCertificate own, String serverFingerprint) {
        this(crypto, new DtlsPeerPolicy(crypto, own, serverFingerprint));
    }

    @Override
    @SuppressWarnings("unchecked")
    public Hashtable getClientExtensions() throws IOException {
        Hashtable<Integer, byte[]> extensions = super.getClientExtensions();
        TlsSRTPUtils.addUseSRTPExtension(extensions, // replaces our two profiles
                new UseSRTPData(new int[] {SRTPProtectionProfile.SRTP_AES128_CM_HMAC_SHA1_80}, new byte[0]));
        return extensions;
    }
}
