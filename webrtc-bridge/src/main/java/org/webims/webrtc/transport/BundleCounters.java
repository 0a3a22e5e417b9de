package org.webims.webrtc.transport;

/**
 * What the bundled port dropped, by reason, and the bytes it carried. Written by the port's one I/O
 * thread (the bytes sent by the sending threads), read by getStats and tests (plain longs: a
 * slightly stale read is fine).
 */
public final class BundleCounters {

    long stun;
    long dtls;
    long rtp;
    long fromUnvalidated;
    long unknown;
    long notSent;
    long bytesReceived;
    long bytesSent;

    public long stunMessages() { return stun; }
    public long dtlsRecords() { return dtls; }
    /** SRTP and SRTCP packets from validated addresses, before decryption. */
    public long rtpPackets() { return rtp; }
    /** DTLS, RTP and RTCP from an address no connectivity check proved (decision 0008). */
    public long droppedFromUnvalidated() { return fromUnvalidated; }
    /** Datagrams whose first byte fits none of RFC 7983's ranges. */
    public long droppedUnknown() { return unknown; }
    /** Packets we did not send: no selected pair, consent lost, or the socket refused them. */
    public long notSent() { return notSent; }
    /** UDP payload bytes of the DTLS and SRTP/SRTCP accepted (STUN left out). */
    public long bytesReceived() { return bytesReceived; }
    /**
     * UDP payload bytes of the DTLS and SRTP/SRTCP sent (STUN left out); written by whichever thread
     * sends, so two sends at the same instant may lose one addition.
     */
    public long bytesSent() { return bytesSent; }

    void received(int length) { bytesReceived += length; }
    void sent(int length) { bytesSent += length; }
}
