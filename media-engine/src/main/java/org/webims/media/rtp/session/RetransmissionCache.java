package org.webims.media.rtp.session;

import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * The last packets one stream sent, by sequence number, kept to answer generic NACKs
 * (RFC 4585 §6.2.1) by retransmission: in an RFC 4588 rtx stream, or resent unchanged. Both
 * endpoints use it (RtpEndpoint's send path, WebRtcEndpoint's outbound stream).
 * <p>
 * A preallocated ring of byte arrays: storing copies into the slot of {@code seq} and allocates
 * nothing. One thread stores (the one sending), another fetches (the I/O thread that read the
 * NACK); a per-slot stamp written before and after the copy (a seqlock) lets the reader see a torn
 * slot and give up, with no lock per packet. A packet sent longer than {@link #MAX_AGE_NANOS} ago
 * is not handed out: a receiver's jitter buffer has played out (or given up on) it by then, and
 * the age also tells a slot holding the same sequence number from 65536 packets ago.
 */
public final class RetransmissionCache {

    /** The largest packet kept: a full Ethernet MTU; a larger one is not cached (its NACK finds nothing). */
    public static final int SLOT_BYTES = 1500;
    /** Slots per stream: 1 s of video up to about 5 Mbit/s of 1200-byte packets. */
    public static final int DEFAULT_CAPACITY = 512;
    /** Older packets are not resent: a conversational receiver has played out or skipped them by then. */
    public static final long MAX_AGE_NANOS = 1_000_000_000L;
    /** {@link #fetch}: the slot holds another packet, or none, or a torn copy. */
    public static final int NOT_HELD = -1;
    /** {@link #fetch}: held, but sent more than {@link #MAX_AGE_NANOS} ago. */
    public static final int TOO_OLD = -2;

    /** {@link #fetch}: held, but resent less than one round trip ago (it may still be on its way). */
    public static final int RESENT_RECENTLY = -3;
    /**
     * The least wait before one packet is resent again, and the wait while no round trip is known:
     * a NACK repeated sooner is the receiver's retry crossing our resend, not a second loss.
     */
    public static final long MIN_RESEND_INTERVAL_NANOS = 10_000_000L;

    private static final int WRITING = -1;
    private static final int EMPTY = 0;

    private final byte[][] slots;
    private final int[] lengths;
    private final long[] sentAt;
    private final AtomicIntegerArray stamps;
    private final int mask;
    // the NACK answerer's own (one thread at a time, under its lock): when the packet of a slot was last resent
    private final int[] resentStamps;
    private final long[] resentAt;

    public RetransmissionCache(int capacityPowerOfTwo) {
        if (Integer.bitCount(capacityPowerOfTwo) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two");
        }
        slots = new byte[capacityPowerOfTwo][SLOT_BYTES];
        lengths = new int[capacityPowerOfTwo];
        sentAt = new long[capacityPowerOfTwo];
        stamps = new AtomicIntegerArray(capacityPowerOfTwo);
        mask = capacityPowerOfTwo - 1;
        resentStamps = new int[capacityPowerOfTwo];
        resentAt = new long[capacityPowerOfTwo];
    }

    /** Keeps the plain RTP packet {@code b[off, off+len)}, sent at {@code nowNanos} with sequence number {@code seq}. */
    public void store(int seq, byte[] b, int off, int len, long nowNanos) {
        int i = seq & mask;
        if (len > SLOT_BYTES) {
            stamps.set(i, EMPTY);
            return;
        }
        stamps.set(i, WRITING);
        System.arraycopy(b, off, slots[i], 0, len);
        lengths[i] = len;
        sentAt[i] = nowNanos;
        stamps.set(i, stamp(seq));
    }

    /**
     * Copies packet {@code seq} into {@code out}: its length; {@link #NOT_HELD} when no longer (or
     * not wholly) held; {@link #TOO_OLD} when sent more than {@link #MAX_AGE_NANOS} before {@code nowNanos}.
     */
    public int fetch(int seq, byte[] out, long nowNanos) {
        return fetch(seq, out, nowNanos, 0);
    }

    /**
     * {@link #fetch(int, byte[], long)} for a resend: {@link #RESENT_RECENTLY} when {@link #resent}
     * noted this packet less than {@code resendIntervalNanos} ago. libwebrtc's senders do the same:
     * a receiver asks again after its own round-trip estimate, so a NACK within one round trip of
     * our resend crossed it, and resending again only doubles the repair's bytes.
     */
    public int fetch(int seq, byte[] out, long nowNanos, long resendIntervalNanos) {
        int i = seq & mask;
        int want = stamp(seq);
        if (stamps.get(i) != want) {
            return NOT_HELD;
        }
        if (resentStamps[i] == want && nowNanos - resentAt[i] < resendIntervalNanos) {
            return RESENT_RECENTLY;
        }
        int len = lengths[i];
        long at = sentAt[i];
        System.arraycopy(slots[i], 0, out, 0, Math.min(len, out.length));
        VarHandle.acquireFence(); // the copy happens before the second stamp read
        if (stamps.get(i) != want || len > out.length) {
            return NOT_HELD;
        }
        return nowNanos - at > MAX_AGE_NANOS ? TOO_OLD : len;
    }

    /** Notes that packet {@code seq} was resent at {@code nowNanos} (by the thread that fetches). */
    public void resent(int seq, long nowNanos) {
        int i = seq & mask;
        resentStamps[i] = stamp(seq);
        resentAt[i] = nowNanos;
    }

    /**
     * The wait before one packet is resent again: the round trip {@code roundTripUnits} (1/65536 s,
     * RFC 3550 §6.4.1; -1 while none is measured), at least {@link #MIN_RESEND_INTERVAL_NANOS}.
     */
    public static long resendInterval(long roundTripUnits) {
        return Math.max(MIN_RESEND_INTERVAL_NANOS, roundTripUnits * 1_000_000_000L / 65536);
    }

    private static int stamp(int seq) {
        return (seq & 0xffff) + 1;
    }
}
