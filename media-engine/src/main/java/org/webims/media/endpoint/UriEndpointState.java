package org.webims.media.endpoint;

/** Kurento's {@code UriEndpointState}: what a recorder or player is doing with its URI. */
public enum UriEndpointState {
    STOP,
    START,
    PAUSE
}
