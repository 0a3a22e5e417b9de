package org.webims.webrtc.media;

/**
 * How the loss in the browser's video was repaired (RFC 4585 §6.2.1 NACK, RFC 4588 RTX), for
 * getStats and tests; read from any thread, each count at most a packet late.
 *
 * @param nacksSent        generic NACK packets we sent the browser
 * @param packetsAsked     distinct packets those NACKs asked for
 * @param rtxRestored      RTX packets from the browser restored to their original and passed on
 * @param repaired         asked-for packets that then arrived (nearly always as RTX)
 * @param givenUp          missing packets no longer asked for (asked too often, too old, a gap too wide)
 * @param reordered        packets that arrived late but before we asked: reordering, not loss
 */
public record VideoRepairStats(long nacksSent, long packetsAsked, long rtxRestored, long repaired, long givenUp,
                               long reordered) {
}
