package org.webims.webrtc.dtls;

import org.bouncycastle.tls.AlertDescription;

/**
 * The alerts the peer sent inside the DTLS session (BouncyCastle reports only records that passed
 * the epoch's record protection, so an unauthenticated one never reaches here): whether one was
 * close_notify (RFC 5246 §7.2.1), and how many came.
 */
final class PeerAlerts {
    private volatile boolean closeNotify;
    private volatile int count;

    /** From BouncyCastle's {@code notifyAlertReceived}, on the handshake executor. */
    void received(short description) {
        if (description == AlertDescription.close_notify) {
            closeNotify = true;
        }
        count++; // one thread writes
    }

    boolean closeNotify() { return closeNotify; }
    int count() { return count; }
}
