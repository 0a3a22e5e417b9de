package org.webims.media.endpoint.rtp;

import org.webims.media.pipeline.MediaType;

/**
 * One stream the peer sends us, for getStats (read from any thread): what arrived, and the loss and
 * jitter as our last receiver report stated them (RFC 3550 §6.4.1 and A.3, A.8), with the feedback
 * we sent about it, in the units of Kurento's RTCInboundRTPStreamStats (kms-core MediaElement.kmd).
 * Both endpoints make them: RtpEndpoint for its peer, WebRtcEndpoint for the browser.
 *
 * @param ssrc            the peer's SSRC
 * @param mediaType       audio or video
 * @param packetsReceived packets that arrived (and passed SRTP)
 * @param bytesReceived   their payload bytes (headers and padding left out, as in WebRTC stats)
 * @param packetsLost     cumulative lost (expected minus received, may be negative with duplicates)
 * @param fractionLost    lost in the last report interval, 0..1
 * @param jitterSeconds   interarrival jitter
 * @param firCount        FIRs we sent for this stream (RFC 5104 §4.3.1)
 * @param pliCount        PLIs we sent for this stream (RFC 4585 §6.3.1)
 * @param nackCount       generic NACK packets we sent for this stream (RFC 4585 §6.2.1)
 * @param codecId         the codec it arrives in, as encoding/clock rate ("VP8/90000"); "" when not known
 */
public record InboundRtpStats(int ssrc, MediaType mediaType, long packetsReceived, long bytesReceived, int packetsLost,
                              double fractionLost, double jitterSeconds, long firCount, long pliCount, long nackCount,
                              String codecId) {

    /** Without FIR, NACK or codec: what WebRtcEndpoint's receiver reports know. */
    public InboundRtpStats(int ssrc, MediaType mediaType, long packetsReceived, long bytesReceived, int packetsLost,
                           double fractionLost, double jitterSeconds, long pliCount) {
        this(ssrc, mediaType, packetsReceived, bytesReceived, packetsLost, fractionLost, jitterSeconds, 0, pliCount, 0,
                "");
    }

    /** The same stream with the PLIs and NACKs sent for it counted at the time of asking, not of the last report. */
    public InboundRtpStats withFeedbackCounts(long plis, long nacks) {
        return new InboundRtpStats(ssrc, mediaType, packetsReceived, bytesReceived, packetsLost, fractionLost,
                jitterSeconds, firCount, plis, nacks, codecId);
    }
}
