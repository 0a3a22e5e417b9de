package org.webims.media.rtp.payload;

import org.webims.media.rtp.PacketCounters;
import org.webims.media.rtp.RtpPacket;

/**
 * Turns the RTP packets of one stream, in sequence order (after a jitter buffer, or as they come),
 * into codec frames. Bad payloads are counted and dropped, never thrown.
 */
public interface Depacketizer {

    /**
     * Takes one valid RTP packet (its bytes are only valid during the call) and hands any frame it
     * completes to {@code sink}.
     */
    void push(RtpPacket packet, FrameSink sink);

    /** Forgets partial frames and sequence state (e.g. on an SSRC change). */
    void reset();

    PacketCounters.Snapshot counters();
}
