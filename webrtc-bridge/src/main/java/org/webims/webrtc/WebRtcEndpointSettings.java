package org.webims.webrtc;

import java.time.Duration;
import org.webims.media.sdp.Direction;

/**
 * How a WebRTC endpoint behaves.
 *
 * @param consentTimeout   no valid connectivity check for this long ends consent (RFC 7675 §5.1)
 * @param handshakeTimeout how long the DTLS handshake may take, ICE included when we are the server
 * @param maxVideoBitrate  the REMB we send the browser (bits/s): the most it should send us
 * @param keyframeRequestInterval the least time between two PLIs we send (RFC 4585 §3.5 rate limit)
 * @param offerAudio       whether {@code generateOffer} offers audio, in this direction
 * @param offerVideo       whether {@code generateOffer} offers video, in this direction
 */
public record WebRtcEndpointSettings(Duration consentTimeout, Duration handshakeTimeout, long maxVideoBitrate,
        Duration keyframeRequestInterval, Direction offerAudio, Direction offerVideo) {

    public WebRtcEndpointSettings {
        if (consentTimeout.isNegative() || consentTimeout.isZero() || handshakeTimeout.isNegative()
                || handshakeTimeout.isZero() || maxVideoBitrate < 10_000 || keyframeRequestInterval.isNegative()) {
            throw new IllegalArgumentException("timeouts must be positive, maxVideoBitrate at least 10 kbit/s");
        }
    }

    /** 30 s consent (RFC 7675 §5.1), 30 s handshake, 2.5 Mbit/s, a PLI at most every 500 ms, audio and video. */
    public static WebRtcEndpointSettings defaults() {
        return new WebRtcEndpointSettings(Duration.ofSeconds(30), Duration.ofSeconds(30), 2_500_000,
                Duration.ofMillis(500), Direction.SENDRECV, Direction.SENDRECV);
    }

    /** What {@code generateOffer} offers; {@link Direction#INACTIVE} leaves a media type out. */
    public WebRtcEndpointSettings withOfferedMedia(Direction audio, Direction video) {
        return new WebRtcEndpointSettings(consentTimeout, handshakeTimeout, maxVideoBitrate, keyframeRequestInterval,
                audio, video);
    }

    public WebRtcEndpointSettings withMaxVideoBitrate(long bitsPerSecond) {
        return new WebRtcEndpointSettings(consentTimeout, handshakeTimeout, bitsPerSecond, keyframeRequestInterval,
                offerAudio, offerVideo);
    }
}
