package org.webims.webrtc.media;

import org.webims.media.pipeline.MediaType;

/**
 * What we measured of one stream the browser sends us, as of our last receiver report
 * (RFC 3550 §6.4.1 and A.3, A.8): for getStats, read from any thread.
 *
 * @param ssrc            the browser's SSRC
 * @param mediaType       audio or video
 * @param packetsReceived packets that passed SRTP
 * @param bytesReceived   their payload bytes (headers and padding left out, as in WebRTC stats)
 * @param packetsLost     cumulative lost (expected minus received, may be negative with duplicates)
 * @param fractionLost    lost in the last report interval, 0..1
 * @param jitterSeconds   interarrival jitter
 * @param pliCount        PLIs we sent the browser for this stream (RFC 4585 §6.3.1); we send no FIR (0)
 * @param nackCount       generic NACK packets we sent the browser for this stream (RFC 4585 §6.2.1)
 */
public record InboundRtpStats(int ssrc, MediaType mediaType, long packetsReceived, long bytesReceived, int packetsLost,
                              double fractionLost, double jitterSeconds, long pliCount, long nackCount) {

    /** The same stream with the PLIs and NACKs sent for it counted at the time of asking, not of the last report. */
    InboundRtpStats withFeedbackCounts(long plis, long nacks) {
        return new InboundRtpStats(ssrc, mediaType, packetsReceived, bytesReceived, packetsLost, fractionLost,
                jitterSeconds, plis, nacks);
    }
}
