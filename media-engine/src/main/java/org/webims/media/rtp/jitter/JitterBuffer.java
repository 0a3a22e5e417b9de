package org.webims.media.rtp.jitter;

import java.util.Arrays;
import org.webims.media.rtp.PacketCounters;
import org.webims.media.rtp.PacketFault;
import org.webims.media.rtp.RtpPacket;
import org.webims.media.rtp.RtpReceptionStats;
import org.webims.media.rtp.RtpSequence;

/**
 * Fixed-capacity jitter buffer for one RTP stream on the decoding path. {@link #push} copies a
 * packet into a preallocated slot indexed by extended sequence number; {@link #poll} hands packets
 * out in sequence order once their play-out time has come, or reports a gap (lost packets) when a
 * later packet is due and the next one never came, so the decoder can run concealment.
 * <p>
 * Play-out time of a packet: its RTP timestamp mapped to milliseconds against the earliest arrival
 * seen so far (minimum transit), plus the target delay. Late (already played past) and duplicate
 * packets are dropped and counted; an SSRC change or a sequence jump beyond
 * {@link RtpReceptionStats#MAX_DROPOUT} starts afresh. Single-threaded: the caller's media thread
 * pushes and polls; times are the caller's monotonic milliseconds.
 */
public final class JitterBuffer {

    /** What {@link #poll} found. */
    public enum Poll {
        /** {@link #packet()} is the next packet in sequence. */
        PACKET,
        /** {@link #gapLength()} packets are missing before the next one; conceal them. */
        GAP,
        /** Nothing is due yet. */
        NOTHING
    }

    private final int capacity;
    private final int clockRate;
    private final int targetDelayMs;
    private final byte[][] slot;
    private final int[] slotLength;
    private final long[] slotSeq; // extended sequence number held, or -1
    private final long[] slotTimestamp;
    private final PacketCounters counters = new PacketCounters();
    private final RtpPacket out = new RtpPacket();

    private boolean started;
    private boolean playing;
    private int ssrc;
    private long highest;
    private long nextOut;
    private int stored;
    private long baseTimestamp;
    private long minTransitMs;
    private int gapLength;

    /**
     * @param capacity      packets held at most (the reorder window)
     * @param maxPacketSize largest RTP packet stored (bigger ones are counted and dropped)
     * @param clockRate     RTP clock rate of the payload (8000, 16000, 48000, 90000)
     * @param targetDelayMs how long a packet waits after the earliest it could have arrived
     */
    public JitterBuffer(int capacity, int maxPacketSize, int clockRate, int targetDelayMs) {
        if (capacity < 2 || maxPacketSize < RtpPacket.FIXED_HEADER_LENGTH || clockRate <= 0 || targetDelayMs < 0) {
            throw new IllegalArgumentException("capacity >= 2, max packet size >= 12, clock rate > 0, delay >= 0");
        }
        this.capacity = capacity;
        this.clockRate = clockRate;
        this.targetDelayMs = targetDelayMs;
        // one slot more than the window: the packet last handed out stays valid until the next poll
        slot = new byte[capacity + 1][maxPacketSize];
        slotLength = new int[capacity + 1];
        slotSeq = new long[capacity + 1];
        slotTimestamp = new long[capacity + 1];
        Arrays.fill(slotSeq, -1);
    }

    /** Stores a copy of a valid RTP packet that arrived at {@code nowMs}; false if it was dropped. */
    public boolean push(RtpPacket packet, long nowMs) {
        counters.packet(packet.length());
        if (packet.length() > slot[0].length) {
            counters.fault(PacketFault.FRAME_TOO_LARGE);
            return false;
        }
        if (!started) {
            start(packet, nowMs);
        } else if (packet.ssrc() != ssrc) {
            counters.fault(PacketFault.RESET);
            start(packet, nowMs);
        }
        long ext = RtpSequence.extend(highest, packet.sequenceNumber());
        if (ext - highest > RtpReceptionStats.MAX_DROPOUT || highest - ext > RtpReceptionStats.MAX_DROPOUT) {
            counters.fault(PacketFault.RESET); // the stream restarted (RFC 3550 A.1 MAX_DROPOUT)
            start(packet, nowMs);
            ext = highest;
        }
        if (ext < nextOut) {
            if (!playing && nextOut - ext < capacity && highest - ext < capacity) {
                nextOut = ext; // reordered before play-out began: it is simply the new first
            } else {
                counters.fault(PacketFault.LATE);
                return false;
            }
        }
        if (ext >= nextOut + capacity) {
            makeRoom(ext);
        }
        int i = index(ext);
        if (slotSeq[i] == ext) {
            counters.fault(PacketFault.DUPLICATE);
            return false;
        }
        System.arraycopy(packet.buffer(), packet.offset(), slot[i], 0, packet.length());
        slotLength[i] = packet.length();
        slotSeq[i] = ext;
        slotTimestamp[i] = packet.timestamp();
        stored++;
        if (ext > highest) {
            highest = ext;
        }
        long transit = nowMs - timestampMs(packet.timestamp());
        if (transit < minTransitMs) {
            minTransitMs = transit;
        }
        return true;
    }

    private void start(RtpPacket packet, long nowMs) {
        clearSlots();
        started = true;
        playing = false;
        ssrc = packet.ssrc();
        highest = (1L << 16) + packet.sequenceNumber(); // one cycle up so early reordering stays positive
        nextOut = highest;
        baseTimestamp = packet.timestamp();
        minTransitMs = nowMs;
    }

    /** The window is full: advance it so {@code ext} fits, dropping what falls out. */
    private void makeRoom(long ext) {
        long newNext = ext - capacity + 1;
        for (long s = nextOut; s < newNext; s++) {
            int i = index(s);
            if (slotSeq[i] == s) {
                slotSeq[i] = -1;
                stored--;
                counters.fault(PacketFault.OVERFLOW);
            }
        }
        nextOut = newNext;
    }

    private int index(long ext) {
        return (int) (ext % (capacity + 1));
    }

    private long timestampMs(long ts) {
        return (long) RtpSequence.timestampDelta(ts, baseTimestamp) * 1000 / clockRate;
    }

    private long playoutMs(long ts) {
        return timestampMs(ts) + minTransitMs + targetDelayMs;
    }

    /** Takes out what is due at {@code nowMs}: the next packet, a gap, or nothing. */
    public Poll poll(long nowMs) {
        gapLength = 0;
        if (stored == 0) {
            return Poll.NOTHING;
        }
        int i = index(nextOut);
        if (slotSeq[i] == nextOut) {
            if (playoutMs(slotTimestamp[i]) > nowMs) {
                return Poll.NOTHING;
            }
            slotSeq[i] = -1; // the bytes stay until this slot is reused, after the next poll
            stored--;
            out.wrap(slot[i], 0, slotLength[i]);
            nextOut++;
            playing = true;
            counters.frame();
            return Poll.PACKET;
        }
        for (long s = nextOut + 1; s <= highest; s++) {
            int k = index(s);
            if (slotSeq[k] == s) {
                if (playoutMs(slotTimestamp[k]) > nowMs) {
                    return Poll.NOTHING;
                }
                gapLength = (int) (s - nextOut);
                counters.fault(PacketFault.LOSS, gapLength);
                nextOut = s;
                playing = true;
                return Poll.GAP;
            }
        }
        return Poll.NOTHING;
    }

    /** The packet the last {@link #poll} returned; valid until the next poll (or a push beyond the window). */
    public RtpPacket packet() {
        return out;
    }

    /** Missing packets reported by the last {@link #poll} that returned {@link Poll#GAP}. */
    public int gapLength() {
        return gapLength;
    }

    /** Packets held. */
    public int size() {
        return stored;
    }

    public int targetDelayMs() {
        return targetDelayMs;
    }

    /** Forgets every packet and the stream (e.g. on renegotiation). */
    public void reset() {
        clearSlots();
        started = false;
        playing = false;
    }

    private void clearSlots() {
        Arrays.fill(slotSeq, -1);
        stored = 0;
    }

    public PacketCounters.Snapshot counters() {
        return counters.snapshot();
    }
}
