package org.webims.webrtc;

import java.time.Duration;
import org.webims.media.sdp.Direction;
import org.webims.webrtc.congestion.SendBitrate;

/**
 * How a WebRTC endpoint behaves.
 *
 * @param consentTimeout   no valid connectivity check for this long ends consent (RFC 7675 §5.1)
 * @param handshakeTimeout how long the DTLS handshake may take, ICE included when we are the server
 * @param maxVideoBitrate  the REMB we send the browser (bits/s): the most it should send us
 * @param keyframeRequestInterval the least time between two PLIs we send (RFC 4585 §3.5 rate limit)
 * @param offerAudio       whether {@code generateOffer} offers audio, in this direction
 * @param offerVideo       whether {@code generateOffer} offers video, in this direction
 * @param sendBitrate      the bounds and start of our send-side estimate toward the browser, which
 *                         caps our video to it (decision 0066)
 */
public record WebRtcEndpointSettings(Duration consentTimeout, Duration handshakeTimeout, long maxVideoBitrate,
        Duration keyframeRequestInterval, Direction offerAudio, Direction offerVideo, SendBitrate sendBitrate) {

    public WebRtcEndpointSettings {
        if (consentTimeout.isNegative() || consentTimeout.isZero() || handshakeTimeout.isNegative()
                || handshakeTimeout.isZero() || maxVideoBitrate < 10_000 || keyframeRequestInterval.isNegative()) {
            throw new IllegalArgumentException("timeouts must be positive, maxVideoBitrate at least 10 kbit/s");
        }
        java.util.Objects.requireNonNull(sendBitrate, "sendBitrate");
    }

    /**
     * 30 s consent (RFC 7675 §5.1), 30 s handshake, 2.5 Mbit/s, a PLI at most every 500 ms, audio
     * and video, {@link SendBitrate#defaults()}.
     */
    public static WebRtcEndpointSettings defaults() {
        return new WebRtcEndpointSettings(Duration.ofSeconds(30), Duration.ofSeconds(30), 2_500_000,
                Duration.ofMillis(500), Direction.SENDRECV, Direction.SENDRECV, SendBitrate.defaults());
    }

    /** What {@code generateOffer} offers; {@link Direction#INACTIVE} leaves a media type out. */
    public WebRtcEndpointSettings withOfferedMedia(Direction audio, Direction video) {
        return new WebRtcEndpointSettings(consentTimeout, handshakeTimeout, maxVideoBitrate, keyframeRequestInterval,
                audio, video, sendBitrate);
    }

    /** No valid check for this long ends consent (RFC 7675 §5.1: 30 s; shorter in tests). */
    public WebRtcEndpointSettings withConsentTimeout(Duration timeout) {
        return new WebRtcEndpointSettings(timeout, handshakeTimeout, maxVideoBitrate, keyframeRequestInterval,
                offerAudio, offerVideo, sendBitrate);
    }

    public WebRtcEndpointSettings withMaxVideoBitrate(long bitsPerSecond) {
        return new WebRtcEndpointSettings(consentTimeout, handshakeTimeout, bitsPerSecond, keyframeRequestInterval,
                offerAudio, offerVideo, sendBitrate);
    }

    public WebRtcEndpointSettings withSendBitrate(SendBitrate bounds) {
        return new WebRtcEndpointSettings(consentTimeout, handshakeTimeout, maxVideoBitrate, keyframeRequestInterval,
                offerAudio, offerVideo, bounds);
    }
}
