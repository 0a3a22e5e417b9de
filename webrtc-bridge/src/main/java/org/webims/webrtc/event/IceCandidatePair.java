package org.webims.webrtc.event;

/** Kurento's {@code IceCandidatePair}: the pair media now flows on, as addresses. */
public record IceCandidatePair(String streamID, int componentID, String localCandidate, String remoteCandidate) {
}
