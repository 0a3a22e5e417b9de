package org.webims.webrtc.media;

import org.webims.media.pipeline.MediaType;

/**
 * What we sent the browser on one of our streams: for getStats, read from any thread.
 *
 * @param ssrc            our SSRC
 * @param mediaType       audio or video
 * @param packetsSent     RTP packets sent (retransmissions not counted)
 * @param bytesSent       their payload bytes (headers and padding left out, as in WebRTC stats)
 * @param nacksReceived   the browser's NACKs for it (RFC 4585 §6.2.1; video only)
 */
public record OutboundRtpStats(int ssrc, MediaType mediaType, long packetsSent, long bytesSent, long nacksReceived) {
}
