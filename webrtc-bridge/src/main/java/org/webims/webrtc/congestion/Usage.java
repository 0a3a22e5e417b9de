package org.webims.webrtc.congestion;

/** The over-use detector's signal (draft-ietf-rmcat-gcc-02 §5.4). */
public enum Usage {
    NORMAL, OVERUSE, UNDERUSE
}
