package org.webims.webrtc.transport;

/**
 * What the bundled port dropped, by reason. Written by the port's one I/O thread, read by
 * getStats and tests (plain longs: a slightly stale read is fine).
 */
public final class BundleCounters {

    long stun;
    long dtls;
    long rtp;
    long fromUnvalidated;
    long unknown;
    long notSent;

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
}
