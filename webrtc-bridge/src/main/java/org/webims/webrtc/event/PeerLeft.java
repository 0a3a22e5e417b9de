package org.webims.webrtc.event;

import org.webims.media.pipeline.MediaElement;
import org.webims.media.pipeline.event.MediaEvent;

/**
 * The browser ended its side of the bundle on purpose, authenticated (decision 0091): its DTLS
 * close_notify or another alert inside the DTLS session (RFC 6347 §4.1.2.7, RFC 5246 §7.2.1), or an
 * SRTCP-authenticated BYE (RFC 3550 §6.6) for each media type it reported in. Raised once per endpoint;
 * consent expiry (RFC 7675) is not leaving, and raises none.
 *
 * @param how what the browser sent
 */
public record PeerLeft(MediaElement element, How how) implements MediaEvent {

    public enum How { DTLS_CLOSE_NOTIFY, DTLS_ALERT, RTCP_BYE }

    @Override public String type() { return "PeerLeft"; }
}
