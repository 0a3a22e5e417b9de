package org.webims.media.endpoint.rtp;

import java.util.Arrays;
import org.webims.media.sdp.negotiation.NegotiatedCrypto;
import org.webims.media.srtp.InvalidSrtpKeyException;
import org.webims.media.srtp.SrtpMasterKey;
import org.webims.media.srtp.SrtpProfile;
import org.webims.media.srtp.SrtpReceiver;
import org.webims.media.srtp.SrtpResult;
import org.webims.media.srtp.SrtpSender;
import org.webims.media.srtp.SrtpSettings;

/**
 * The SRTP contexts of one m-line keyed by SDES (RFC 4568): our key protects what we send, the
 * peer's unprotects what arrives. RTP and RTCP get separate sender and receiver instances so that
 * the RTP paths (media threads) and RTCP (scheduler, feedback) never share one: each instance is
 * used by one thread at a time, as {@link SrtpSender} requires. Retransmissions in the rtx stream
 * (RFC 4588, its own SSRC and so its own cryptographic context, RFC 3711 §3.2.3) have a sender of
 * their own, used by whoever answers a NACK.
 */
final class SdesSrtp {

    private final NegotiatedCrypto crypto;
    private final SrtpProfile profile;
    private final SrtpSender rtpOut;
    private final SrtpSender rtcpOut;
    private final SrtpSender rtxOut;
    private final SrtpReceiver rtpIn;
    private final SrtpReceiver rtcpIn;

    private SdesSrtp(NegotiatedCrypto crypto, SrtpMasterKey local, SrtpMasterKey remote) {
        this.crypto = crypto;
        this.profile = local.profile();
        this.rtpOut = new SrtpSender(local, SrtpSettings.DEFAULTS);
        this.rtcpOut = new SrtpSender(local, SrtpSettings.DEFAULTS);
        this.rtxOut = new SrtpSender(local, SrtpSettings.DEFAULTS);
        this.rtpIn = new SrtpReceiver(remote, SrtpSettings.DEFAULTS);
        this.rtcpIn = new SrtpReceiver(remote, SrtpSettings.DEFAULTS);
    }

    static SdesSrtp of(NegotiatedCrypto crypto) throws InvalidSrtpKeyException {
        SrtpProfile profile = SrtpProfile.forSdesName(crypto.suite());
        if (profile == null) {
            throw new InvalidSrtpKeyException("unsupported SDES suite " + crypto.suite());
        }
        return new SdesSrtp(crypto, key(profile, crypto.localKeySalt()), key(profile, crypto.remoteKeySalt()));
    }

    private static SrtpMasterKey key(SrtpProfile profile, byte[] keySalt) throws InvalidSrtpKeyException {
        if (keySalt.length != profile.keyLength() + profile.saltLength()) {
            throw new InvalidSrtpKeyException(profile.sdesName() + " key||salt of " + keySalt.length + " bytes");
        }
        return SrtpMasterKey.of(profile, Arrays.copyOf(keySalt, profile.keyLength()),
                Arrays.copyOfRange(keySalt, profile.keyLength(), keySalt.length));
    }

    /** Whether this context was made from the same keys (a re-answer that kept them). */
    boolean sameKeys(NegotiatedCrypto other) {
        return crypto.suite().equals(other.suite())
                && Arrays.equals(crypto.localKeySalt(), other.localKeySalt())
                && Arrays.equals(crypto.remoteKeySalt(), other.remoteKeySalt());
    }

    String suite() { return crypto.suite(); }

    /** Room the send buffers keep after a packet for the SRTP/SRTCP trailer. */
    int maxOverhead() {
        return Math.max(profile.srtpOverhead(), profile.srtcpOverhead());
    }

    /** Length of the protected packet, or -1 (the caller counts and drops). */
    int protectRtp(byte[] b, int off, int len) {
        return rtpOut.protectRtp(b, off, len) == SrtpResult.OK ? len + profile.srtpOverhead() : -1;
    }

    /** A retransmission of the rtx stream; the length of the protected packet, or -1. */
    int protectRtx(byte[] b, int off, int len) {
        return rtxOut.protectRtp(b, off, len) == SrtpResult.OK ? len + profile.srtpOverhead() : -1;
    }

    int protectRtcp(byte[] b, int off, int len) {
        return rtcpOut.protectRtcp(b, off, len) == SrtpResult.OK ? len + profile.srtcpOverhead() : -1;
    }

    /** Length of the plain RTP packet, or -1 when it failed authentication or replay checks. */
    int unprotectRtp(byte[] b, int off, int len) {
        return rtpIn.unprotectRtp(b, off, len) == SrtpResult.OK ? len - profile.srtpOverhead() : -1;
    }

    int unprotectRtcp(byte[] b, int off, int len) {
        return rtcpIn.unprotectRtcp(b, off, len) == SrtpResult.OK ? len - profile.srtcpOverhead() : -1;
    }

    long authFailures() {
        return rtpIn.counters().get(SrtpResult.AUTH_FAILED) + rtcpIn.counters().get(SrtpResult.AUTH_FAILED);
    }

    long replayed() {
        return rtpIn.counters().get(SrtpResult.REPLAYED) + rtcpIn.counters().get(SrtpResult.REPLAYED);
    }
}
