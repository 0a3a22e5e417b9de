package org.webims.media.rtp.session;

import java.util.Arrays;
import org.webims.media.rtp.RtpSequence;

/**
 * Which packets of one inbound RTP stream to ask its sender for again, and when: the receive side
 * of generic NACK (RFC 4585 §6.2.1) with RTX retransmission (RFC 4588). It follows the stream's
 * sequence numbers (across the 16-bit wrap, in any order, duplicates ignored) and remembers the
 * missing ones within a bounded window. A missing packet is first asked for after a short
 * reordering tolerance (most reordering on a path resolves within a few milliseconds), again
 * after about one round trip while it still has not come, at most {@link #MAX_ASKS} times; then,
 * or once it has fallen out of the window or waited longer than {@link #MAX_AGE_NANOS}, it is
 * given up. A packet that arrives, original or retransmitted, is no longer asked for.
 * <p>
 * Loss it cannot repair, a gap wider than {@link #MAX_GAP} or a packet given up, raises
 * {@link #takeKeyframeNeeded()}: the caller falls back to a PLI (RFC 4585 §6.3.1), as RFC 4585
 * §3.4 suggests when retransmission will not help.
 * <p>
 * One thread (the one receiving the stream), no allocation after construction: the state is a
 * ring of preallocated arrays indexed by extended sequence number. A stream that loses nothing
 * costs {@link #received} one extension and two compares per packet.
 */
public final class NackRequests {

    /** Sequence numbers remembered behind the highest seen (a power of two): ~1 s of 640x480 video at 500 pps. */
    public static final int WINDOW = 512;
    /** A wider gap than this is not asked for packet by packet: the sender restarted, or a burst a PLI repairs faster. */
    public static final int MAX_GAP = 128;
    /** Times one packet is asked for (libwebrtc asks up to 10; a packet not back after 3 round trips rarely helps a live picture). */
    public static final int MAX_ASKS = 3;
    /** The reordering a path may do before a missing packet is asked for the first time. */
    public static final long REORDER_NANOS = 10_000_000L;
    /** The least wait between two asks for one packet, whatever the round trip: the sender paces its retransmissions. */
    public static final long MIN_RETRY_NANOS = 20_000_000L;
    /** The round trip assumed until one is measured (libwebrtc's default, too). */
    public static final long DEFAULT_RTT_NANOS = 100_000_000L;
    /** A packet missing for longer is given up whatever its asks: its frame is long past playing. */
    public static final long MAX_AGE_NANOS = 1_000_000_000L;

    private static final int MASK = WINDOW - 1;
    private static final long NONE = Long.MIN_VALUE;

    // per slot (extended sequence number & MASK): the missing packet held there, or NONE
    private final long[] missingSeq = new long[WINDOW];
    private final long[] firstMissedNanos = new long[WINDOW];
    private final long[] nextAskNanos = new long[WINDOW];
    private final byte[] asks = new byte[WINDOW];

    private boolean started;
    private long highest;
    private int missing;
    private long lowestMissing;
    private long earliestDue;
    private long rttNanos = DEFAULT_RTT_NANOS;
    private boolean keyframeNeeded;
    private long restartSeq = NONE;

    // counted here, read by getStats from other threads (a value a packet late at most)
    private long packetsAsked;
    private long repaired;
    private long reordered;
    private long givenUp;

    public NackRequests() {
        Arrays.fill(missingSeq, NONE);
    }

    /** The round trip to the sender as last measured (RFC 3550 §6.4.1), in nanoseconds; ≤ 0 leaves it. */
    public void roundTrip(long nanos) {
        if (nanos > 0) {
            rttNanos = nanos;
        }
    }

    /**
     * Accounts one packet of the stream (original or restored from RTX) that arrived at
     * {@code nowNanos}: true if it is new to us (the next, one after a gap, or one we were
     * missing), false for a duplicate or one too old to tell, which a retransmission need not
     * pass on.
     */
    public boolean received(int seq, long nowNanos) {
        if (!started) {
            started = true;
            highest = (1L << 16) + (seq & 0xFFFF); // one cycle up: a reordered early packet stays positive
            return true;
        }
        long ext = RtpSequence.extend(highest, seq);
        long ahead = ext - highest;
        if (ahead == 1) {
            highest = ext;
            return true;
        }
        if (ahead > 1) {
            gap(ext, nowNanos);
            return true;
        }
        if (-ahead < WINDOW) {
            return missing > 0 && arrived(ext);
        }
        if (ext == restartSeq) {
            // two in a row far behind: the sender restarted its sequence (RFC 3550 A.1), not a late packet
            forget();
            highest = ext;
            return true;
        }
        restartSeq = ext + 1;
        return false;
    }

    private void gap(long ext, long nowNanos) {
        long first = highest + 1;
        highest = ext;
        if (ext - first > MAX_GAP) {
            givenUp += ext - first;
            giveUpAll();
            return;
        }
        for (long s = first; s < ext; s++) {
            int i = (int) (s & MASK);
            if (missingSeq[i] != NONE) {
                giveUp(i); // fell out of the window while still missing
            }
            missingSeq[i] = s;
            firstMissedNanos[i] = nowNanos;
            nextAskNanos[i] = nowNanos + REORDER_NANOS;
            asks[i] = 0;
        }
        if (missing == 0 || first < lowestMissing) {
            lowestMissing = first;
        }
        long due = nowNanos + REORDER_NANOS;
        if (missing == 0 || due - earliestDue < 0) {
            earliestDue = due;
        }
        missing += (int) (ext - first);
    }

    private boolean arrived(long ext) {
        int i = (int) (ext & MASK);
        if (missingSeq[i] != ext) {
            return false; // a duplicate, or a packet given up already
        }
        missingSeq[i] = NONE;
        missing--;
        if (asks[i] > 0) {
            repaired++;
        } else {
            reordered++;
        }
        return true;
    }

    /** Whether {@link #due} has anything to do at {@code nowNanos}: cheap enough for every packet. */
    public boolean anyDue(long nowNanos) {
        return missing > 0 && nowNanos - earliestDue >= 0;
    }

    /**
     * The sequence numbers to ask for now, in ascending order (as {@code RtcpWriter.writeNack}
     * takes them), at most {@code out.length}; counts them as asked. Packets past their last ask,
     * their age or the window are given up here.
     */
    public int due(long nowNanos, int[] out) {
        int count = 0;
        long nextDue = NONE;
        long retry = Math.max(rttNanos, MIN_RETRY_NANOS);
        long s = Math.max(lowestMissing, highest - WINDOW + 1);
        if (lowestMissing < s) {
            giveUpBelow(s);
        }
        boolean lowestSet = false;
        for (; s < highest && missing > 0; s++) {
            int i = (int) (s & MASK);
            if (missingSeq[i] != s) {
                continue;
            }
            if (nowNanos - nextAskNanos[i] >= 0) {
                if (asks[i] >= MAX_ASKS || nowNanos - firstMissedNanos[i] > MAX_AGE_NANOS) {
                    giveUp(i);
                    continue;
                }
                if (count == out.length) {
                    nextDue = nextDue == NONE ? nowNanos : nextDue;
                } else {
                    out[count++] = (int) (s & 0xFFFF);
                    if (asks[i] == 0) {
                        packetsAsked++;
                    }
                    asks[i]++;
                    nextAskNanos[i] = nowNanos + retry;
                }
            }
            if (!lowestSet) {
                lowestMissing = s;
                lowestSet = true;
            }
            if (nextDue == NONE || nextAskNanos[i] - nextDue < 0) {
                nextDue = nextAskNanos[i];
            }
        }
        earliestDue = nextDue == NONE ? nowNanos : nextDue;
        return count;
    }

    private void giveUpBelow(long limit) {
        for (int i = 0; i < WINDOW && missing > 0; i++) {
            if (missingSeq[i] != NONE && missingSeq[i] < limit) {
                giveUp(i);
            }
        }
    }

    private void giveUpAll() {
        for (int i = 0; i < WINDOW && missing > 0; i++) {
            if (missingSeq[i] != NONE) {
                giveUp(i);
            }
        }
        keyframeNeeded = true;
    }

    private void giveUp(int i) {
        missingSeq[i] = NONE;
        missing--;
        givenUp++;
        keyframeNeeded = true;
    }

    /** True once after loss that NACK will not repair: ask for a key frame (RFC 4585 §6.3.1). */
    public boolean takeKeyframeNeeded() {
        if (!keyframeNeeded) {
            return false; // read only: nothing written per packet while nothing is lost
        }
        keyframeNeeded = false;
        return true;
    }

    /** The stream changed (another SSRC): what was missing of the old one is forgotten, not given up. */
    public void reset() {
        forget();
        started = false;
        keyframeNeeded = false;
    }

    private void forget() {
        Arrays.fill(missingSeq, NONE);
        missing = 0;
    }

    /** Packets missing now, asked for or still within the reordering tolerance. */
    public int missing() { return missing; }
    /** Distinct packets asked for at least once. */
    public long packetsAsked() { return packetsAsked; }
    /** Packets that arrived after we had asked for them (nearly always retransmitted). */
    public long repaired() { return repaired; }
    /** Packets that arrived late but before we asked: reordered, or resent before anyone asked (a sender's RTX padding). */
    public long reordered() { return reordered; }
    /** Packets no longer asked for: too many asks, too old, or in a gap too wide. */
    public long givenUp() { return givenUp; }
}
