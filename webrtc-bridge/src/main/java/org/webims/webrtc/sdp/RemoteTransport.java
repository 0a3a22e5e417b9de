package org.webims.webrtc.sdp;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.webims.media.sdp.Fingerprint;
import org.webims.media.sdp.Group;
import org.webims.media.sdp.MediaDescription;
import org.webims.media.sdp.SessionDescription;
import org.webims.media.sdp.Setup;

/**
 * The browser's side of the bundled transport, read from its SDP: ICE credentials, the SHA-256
 * certificate fingerprint and the DTLS role it takes. One port for everything is our only mode,
 * so BUNDLE (RFC 9143) and rtcp-mux (RFC 5761) are required.
 *
 * @param fingerprint as {@code DtlsCertificate} compares it: {@code "sha-256 AB:CD:..."}
 */
public record RemoteTransport(String ufrag, String password, String fingerprint, Setup setup) {

    public static RemoteTransport of(SessionDescription sd) throws WebRtcSdpException {
        List<MediaDescription> live = sd.media().stream().filter(m -> !m.isRejected()).toList();
        if (live.isEmpty()) {
            throw new WebRtcSdpException("the SDP has no active m-line");
        }
        MediaDescription first = live.get(0);
        String ufrag = sd.iceUfragOf(first)
                .orElseThrow(() -> new WebRtcSdpException("a=ice-ufrag missing (RFC 8839 §5.4)"));
        String pwd = sd.icePwdOf(first)
                .orElseThrow(() -> new WebRtcSdpException("a=ice-pwd missing (RFC 8839 §5.4)"));
        Optional<Fingerprint> sha256 = sd.fingerprintsOf(first).stream()
                .filter(f -> f.hashFunction().toLowerCase(Locale.ROOT).equals("sha-256")).findFirst();
        if (sha256.isEmpty()) {
            throw new WebRtcSdpException("no a=fingerprint:sha-256 (RFC 8122 §5, RFC 8827 §6.5)");
        }
        Setup setup = sd.setupOf(first).orElse(Setup.ACTIVE); // RFC 4145 §4: absent means active
        Group bundle = sd.bundle().orElseThrow(() -> new WebRtcSdpException(
                "a=group:BUNDLE missing: every m-line must share one transport (RFC 9143)"));
        for (MediaDescription m : live) {
            String mid = m.mid().orElseThrow(() -> new WebRtcSdpException("m=" + m.media() + " has no a=mid"));
            if (!bundle.mids().contains(mid)) {
                throw new WebRtcSdpException("m-line mid " + mid + " is not in the BUNDLE group");
            }
            if (!m.rtcpMux()) {
                throw new WebRtcSdpException("m-line mid " + mid + " lacks a=rtcp-mux (RFC 5761, RFC 8834 §5.1.1)");
            }
            if (!m.proto().equals(WebRtcCodecs.PROTO)) {
                throw new WebRtcSdpException("m-line mid " + mid + " uses " + m.proto() + ", not "
                        + WebRtcCodecs.PROTO);
            }
        }
        return new RemoteTransport(ufrag, pwd, "sha-256 " + sha256.get().fingerprint(), setup);
    }
}
