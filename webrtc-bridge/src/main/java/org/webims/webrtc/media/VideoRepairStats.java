package org.webims.webrtc.media;

/**
 * How the loss in the browser's video was repaired (RFC 4585 §6.2.1 NACK, RFC 4588 RTX), for
 * getStats and tests; read from any thread, each count at most a packet late.
 *
 * @param nacksSent        generic NACK packets we sent the browser
 * @param packetsAsked     distinct packets those NACKs asked for
 * @param repaired         missing packets that came by RTX, restored and passed on (RFC 4588 §4)
 * @param rtxUnneeded      RTX packets of ones we had (the browser probes bandwidth with them): dropped
 * @param givenUp          missing packets no longer asked for (asked too often, too old, a gap too wide)
 */
public record VideoRepairStats(long nacksSent, long packetsAsked, long repaired, long rtxUnneeded, long givenUp) {
}
