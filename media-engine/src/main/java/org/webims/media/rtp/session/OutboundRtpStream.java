package org.webims.media.rtp.session;

import java.security.SecureRandom;

/**
 * The header state of one stream we send: our SSRC, sequence numbers and timestamps, kept
 * continuous when what feeds us changes (another source, a transcoder coming or going), as
 * RFC 3550 §5.1 and RFC 7667 §3.2 ask of a translator or mixer that switches sources. Gaps in one
 * source's sequence numbers are kept, so the receiver still sees its losses. Not thread-safe:
 * one sending thread.
 */
public final class OutboundRtpStream {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final int ssrc;
    private int clockRate;
    private int payloadType;

    private boolean started;
    private boolean remapNext;
    private int sourceSsrc;
    private int seqOffset;
    private long tsOffset;
    private int lastSeq;
    private long lastTimestamp;
    private long lastSendNanos;
    private long packets;
    private long octets;

    // the header fields of the packet being sent
    private int seq;
    private long timestamp;

    public OutboundRtpStream(int clockRate, int payloadType) {
        // RFC 3550 §5.1: initial sequence number and timestamp are random.
        this(RANDOM.nextInt(), clockRate, payloadType);
        lastSeq = RANDOM.nextInt(0x10000);
        lastTimestamp = RANDOM.nextInt() & 0xffffffffL;
    }

    public OutboundRtpStream(int ssrc, int clockRate, int payloadType) {
        this.ssrc = ssrc;
        this.clockRate = clockRate;
        this.payloadType = payloadType;
    }

    /** A renegotiation changed the codec: the next packet starts a new timestamp mapping. */
    public void changeFormat(int newClockRate, int newPayloadType) {
        if (newClockRate != clockRate || newPayloadType != payloadType) {
            remapNext = true;
        }
        this.clockRate = newClockRate;
        this.payloadType = newPayloadType;
    }

    /**
     * Works out the header of the next packet from the source's own sequence number and
     * timestamp; read them with {@link #sequenceNumber()} and {@link #timestamp()}.
     */
    public void next(int sourceSsrc, int sourceSeq, long sourceTimestamp, int payloadBytes, long nowNanos) {
        if (!started || remapNext || sourceSsrc != this.sourceSsrc) {
            remap(sourceSsrc, sourceSeq, sourceTimestamp, nowNanos);
        }
        seq = (sourceSeq + seqOffset) & 0xffff;
        timestamp = (sourceTimestamp + tsOffset) & 0xffffffffL;
        lastSeq = seq;
        lastTimestamp = timestamp;
        lastSendNanos = nowNanos;
        packets++;
        octets += payloadBytes;
    }

    // A new source continues where the last one stopped: next sequence number, and a timestamp
    // advanced by the wall-clock time since our last packet (at least one tick).
    private void remap(int newSource, int sourceSeq, long sourceTimestamp, long nowNanos) {
        long advance = 1;
        if (started) {
            advance = Math.max(1, (nowNanos - lastSendNanos) * clockRate / 1_000_000_000L);
        }
        long wantTimestamp = started ? lastTimestamp + advance : lastTimestamp;
        int wantSeq = started ? lastSeq + 1 : lastSeq;
        seqOffset = wantSeq - sourceSeq;
        tsOffset = wantTimestamp - sourceTimestamp;
        this.sourceSsrc = newSource;
        started = true;
        remapNext = false;
    }

    /**
     * Where a train of our own packets (RFC 4733 telephone-events) starts in this stream's
     * timeline: the timestamp matching now, continuous with what was sent before. A stream that
     * has sent nothing starts at its random initial timestamp and remaps its first source packet.
     */
    public long insertionTimestamp(long nowNanos) {
        if (!started) {
            started = true;
            remapNext = true; // the source, when it comes, continues after our packets
            lastSendNanos = nowNanos;
            return lastTimestamp;
        }
        return timestampAt(nowNanos);
    }

    /**
     * The header of one packet of our own between the source's: the next sequence number and the
     * given timestamp. The source's mapping moves on by one, so its next packet follows ours
     * without a gap (RFC 3550 §5.1: sequence numbers count every packet sent).
     */
    public void nextInserted(long insertedTimestamp, int payloadBytes) {
        seq = (lastSeq + 1) & 0xffff;
        seqOffset++;
        lastSeq = seq;
        timestamp = insertedTimestamp & 0xffffffffL;
        packets++;
        octets += payloadBytes;
    }

    /**
     * A source packet we do not send (an event replaces it, RFC 4733 §3.1): the mapping moves
     * back by one, so the receiver sees no loss where nothing was lost.
     */
    public void skipSourcePacket() {
        seqOffset--;
    }

    public int ssrc() { return ssrc; }
    public int payloadType() { return payloadType; }
    public int clockRate() { return clockRate; }
    public int sequenceNumber() { return seq; }
    public long timestamp() { return timestamp; }
    public long packetsSent() { return packets; }
    public long octetsSent() { return octets; }
    public boolean hasSent() { return packets > 0; }

    /** The RTP timestamp matching wall-clock {@code nowNanos}, for a sender report (RFC 3550 §6.4.1). */
    public long timestampAt(long nowNanos) {
        return (lastTimestamp + (nowNanos - lastSendNanos) * clockRate / 1_000_000_000L) & 0xffffffffL;
    }
}
