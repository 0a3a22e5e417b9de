package org.webims.webrtc.sdp;

import org.webims.webrtc.dtls.DtlsSession;
import org.webims.webrtc.ice.IceCredentials;

/**
 * What an offer/answer exchange settled: the SDP we hand back (our answer, or null when we took
 * an answer), the media plan, the browser's transport, our DTLS role, and our ICE credentials
 * (new ones after an ICE restart).
 */
public record Negotiation(String localSdp, SessionPlan plan, RemoteTransport remote, DtlsSession.Role role,
        IceCredentials localIce, boolean iceRestart) {
}
