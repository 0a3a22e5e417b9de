package org.webims.media.rtp.payload;

import org.webims.media.rtp.PacketCounters;

/**
 * Splits one codec frame into RTP payloads of at most {@link #maxPayloadSize()} bytes:
 * {@code if (setFrame(...)) while (hasNext()) { n = next(out, at); marker(); ... }}. The frame's
 * bytes must stay unchanged until the last payload is taken; every payload of a frame gets the
 * frame's RTP timestamp (the caller's business, as are seq and SSRC). Counters: packets/bytes
 * count the frames taken, frames counts the payloads produced.
 */
public interface Packetizer {

    /** Takes a frame; false (counted, nothing to send) if it cannot be packetized. */
    boolean setFrame(byte[] frame, int offset, int length);

    boolean hasNext();

    /** Writes the next payload at {@code out[offset]} (room for {@link #maxPayloadSize()}); returns its length. */
    int next(byte[] out, int offset);

    /** The RTP marker bit for the payload {@link #next} just wrote. */
    boolean marker();

    int maxPayloadSize();

    PacketCounters.Snapshot counters();
}
