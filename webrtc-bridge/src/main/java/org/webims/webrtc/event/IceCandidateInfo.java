package org.webims.webrtc.event;

/**
 * Kurento's {@code IceCandidate} (the browser's RTCIceCandidateInit): the attribute value with its
 * {@code candidate:} prefix, and the m-line it belongs to by mid and by index.
 */
public record IceCandidateInfo(String candidate, String sdpMid, int sdpMLineIndex) {
}
