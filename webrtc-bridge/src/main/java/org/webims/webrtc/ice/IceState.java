package org.webims.webrtc.ice;

/** Kurento's IceComponentState names, as far as an ICE-lite agent has them. */
public enum IceState {
    /** Waiting for the first connectivity check. */
    GATHERING,
    /** A valid check arrived; no pair nominated yet. */
    CONNECTING,
    /** The peer nominated a pair: media may flow. */
    CONNECTED,
    /** Consent expired (RFC 7675 §5.1): no valid check within the consent timeout. */
    FAILED
}
