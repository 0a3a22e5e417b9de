package org.webims.media.endpoint;

/**
 * Kurento's MediaState and ConnectionState (kms-core BaseRtpEndpoint), which share these two
 * values: whether media arrives from the peer, and whether the transport to it is up.
 */
public enum PeerState {
    DISCONNECTED,
    CONNECTED
}
