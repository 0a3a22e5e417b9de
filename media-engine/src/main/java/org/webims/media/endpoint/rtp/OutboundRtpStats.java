package org.webims.media.endpoint.rtp;

import org.webims.media.pipeline.MediaType;
import org.webims.media.rtp.session.OutboundFeedback;

/**
 * One stream we send, for getStats (read from any thread): what we sent, and what the far
 * receiver reported about it and asked for it ({@link OutboundFeedback}), in the units of
 * Kurento's RTCOutboundRTPStreamStats (kms-core MediaElement.kmd).
 *
 * @param ssrc             our SSRC
 * @param packetsSent      RTP packets sent (retransmissions not counted)
 * @param bytesSent        their payload bytes (headers and padding left out, as in WebRTC stats)
 * @param packetsLost      cumulative packets lost, as the far receiver's last report states it
 * @param fractionLost     the loss since its previous report, 0 to 1
 * @param jitterSeconds    its interarrival jitter in seconds
 * @param roundTripSeconds the round trip from its last report with an LSR (RFC 3550 §6.4.1), 0 before one
 * @param firCount         FIRs received for this stream
 * @param pliCount         PLIs received for this stream
 * @param nackCount        generic NACK packets received for this stream
 * @param remb             the latest REMB naming this stream, bits per second
 */
public record OutboundRtpStats(int ssrc, MediaType mediaType, long packetsSent, long bytesSent, long packetsLost,
                               double fractionLost, double jitterSeconds, double roundTripSeconds, long firCount,
                               long pliCount, long nackCount, long remb) {

    /** From a stream's counters and its feedback; {@code clockRate} turns the jitter into seconds. */
    public static OutboundRtpStats of(int ssrc, MediaType mediaType, long packetsSent, long bytesSent,
                                      OutboundFeedback f, int clockRate) {
        long rtt = f.roundTripUnits();
        return new OutboundRtpStats(ssrc, mediaType, packetsSent, bytesSent, f.packetsLost(), f.fractionLost() / 256.0,
                clockRate > 0 ? (double) f.jitter() / clockRate : 0.0, rtt < 0 ? 0.0 : rtt / 65536.0,
                f.firCount(), f.pliCount(), f.nackCount(), f.remb());
    }
}
