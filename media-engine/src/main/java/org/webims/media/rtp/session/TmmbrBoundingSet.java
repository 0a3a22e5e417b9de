package org.webims.media.rtp.session;

/**
 * The TMMBR tuples held against one media stream we send, one per requester SSRC, and their
 * bounding set (RFC 5104 §3.5.4.2): the tuples that are the tightest limit at some packet rate,
 * each a line "MxTBR - 8 x overhead x packet rate" of media bit rate. The limit we obey is that
 * envelope at our packet rate ({@link #mediaRateAt}): a tuple's MxTBR counts the headers the
 * requester measured (§2.2, §4.2.1.1), so our payload keeps under MxTBR less them (§4.2.1.2: any
 * point in the feasible region). The TMMBN we answer with lists the set's owners (§4.2.1.2, §4.2.2).
 *
 * <p>The algorithm is §3.5.4.2's as libwebrtc implements it ({@code TMMBRHelp::FindBoundingSet},
 * modules/rtp_rtcp/source/tmmbr_help.cc): sort by overhead, keep the lowest MxTBR per overhead,
 * start from the lowest MxTBR (the steepest of equal ones), then walk to steeper lines, keeping
 * each one whose intersection with the last kept comes before that one's zero. A tuple of
 * MxTBR 0 is never stored (libwebrtc ignores such an entry too): it neither limits nor lifts.
 *
 * <p>Fixed arrays, nothing allocated per TMMBR; not thread-safe (its owner holds a lock).
 */
public final class TmmbrBoundingSet {

    /** The most requesters one stream of ours keeps; a TMMBR from another is refused (counted by the caller). */
    public static final int CAPACITY = 16;

    private final int[] ssrcs = new int[CAPACITY];
    private final long[] bitrates = new long[CAPACITY];
    private final int[] overheads = new int[CAPACITY];
    private final long[] heardNanos = new long[CAPACITY];
    private int count;
    private final int[] bounding = new int[CAPACITY]; // indices into the tuples
    private int boundingCount;
    /** Whether the last {@link #expire} dropped an owner of the bounding set, so the set changed. */
    private boolean expiryChangedSet;
    // the algorithm's scratch
    private final int[] order = new int[CAPACITY];
    private final boolean[] candidate = new boolean[CAPACITY];
    private final double[] intersection = new double[CAPACITY];
    private final double[] zeroAt = new double[CAPACITY];

    /**
     * A TMMBR entry from {@code requester}: its tuple replaces its previous one, and the bounding set
     * is recomputed. Returns false when it was not taken: MxTBR 0, or no room for a new requester.
     */
    public boolean request(int requester, long bitsPerSecond, int overhead, long nowNanos) {
        if (bitsPerSecond <= 0) {
            heard(requester, nowNanos);
            return false;
        }
        int i = indexOf(requester);
        if (i < 0) {
            if (count == CAPACITY) {
                return false;
            }
            i = count++;
            ssrcs[i] = requester;
        }
        bitrates[i] = bitsPerSecond;
        overheads[i] = overhead;
        heardNanos[i] = nowNanos;
        compute();
        return true;
    }

    /** RTCP came from {@code ssrc}: if it owns a tuple, the tuple is alive. */
    public void heard(int ssrc, long nowNanos) {
        int i = indexOf(ssrc);
        if (i >= 0) {
            heardNanos[i] = nowNanos;
        }
    }

    /**
     * Drops the tuples whose owners sent no RTCP for {@code timeoutNanos} (RFC 3550 §6.3.5: a
     * participant silent that long has left). Returns how many were dropped.
     */
    public int expire(long nowNanos, long timeoutNanos) {
        int dropped = 0;
        expiryChangedSet = false;
        // downward, so position i still holds the tuple the bounding indices name when it is checked
        for (int i = count - 1; i >= 0; i--) {
            if (nowNanos - heardNanos[i] > timeoutNanos) {
                // a tuple above the envelope leaves it as it was; an owner leaving changes it
                expiryChangedSet |= isBounding(i);
                removeAt(i);
                dropped++;
            }
        }
        if (dropped > 0) {
            compute();
        }
        return dropped;
    }

    /**
     * Whether the last {@link #expire} changed the bounding set (dropped one of its owners): RFC 5104
     * §4.2.2 has the media sender notify its bounding set when it changes, not only in answer to a TMMBR.
     */
    public boolean expiryChangedBoundingSet() {
        return expiryChangedSet;
    }

    private boolean isBounding(int tuple) {
        for (int k = 0; k < boundingCount; k++) {
            if (bounding[k] == tuple) {
                return true;
            }
        }
        return false;
    }

    /** The lowest MxTBR of the bounding set, bits/s: the total rate at packet rate 0; 0 when no tuple holds. */
    public long minimum() {
        return boundingCount == 0 ? 0 : bitrates[bounding[0]];
    }

    /**
     * The media (payload) rate the tuples allow at {@code packetsPerSecond}, bits/s: the lowest
     * "MxTBR - 8 x overhead x packet rate" (RFC 5104 §3.5.4.2's lines; their lower envelope is the
     * bounding set, so the minimum over every tuple is the envelope's value). 0 when no tuple holds.
     */
    public long mediaRateAt(double packetsPerSecond) {
        long lowest = 0;
        for (int i = 0; i < count; i++) {
            long rate = netRate(bitrates[i], overheads[i], packetsPerSecond);
            lowest = lowest == 0 ? rate : Math.min(lowest, rate);
        }
        return lowest;
    }

    /**
     * One tuple's media rate at {@code packetsPerSecond} (RFC 5104 §4.2.1.1: MxTBR counts the
     * measured overhead of every packet), at least 1 bit/s: a tuple whose headers alone exceed it
     * still limits, to the least the encoder or source will go to.
     */
    public static long netRate(long maxTotalBitsPerSecond, int overheadBytes, double packetsPerSecond) {
        long headers = (long) Math.ceil(8.0 * overheadBytes * Math.max(0, packetsPerSecond));
        return Math.max(1, maxTotalBitsPerSecond - headers);
    }

    /** How many requesters hold a tuple. */
    public int tuples() {
        return count;
    }

    /** How many tuples bound us. */
    public int boundingCount() {
        return boundingCount;
    }

    /** Copies the bounding set into the arrays a TMMBN is written from; returns its size. */
    public int copyBoundingSet(int[] toSsrcs, long[] toBitrates, int[] toOverheads) {
        for (int k = 0; k < boundingCount; k++) {
            int i = bounding[k];
            toSsrcs[k] = ssrcs[i];
            toBitrates[k] = bitrates[i];
            toOverheads[k] = overheads[i];
        }
        return boundingCount;
    }

    private int indexOf(int ssrc) {
        for (int i = 0; i < count; i++) {
            if (ssrcs[i] == ssrc) {
                return i;
            }
        }
        return -1;
    }

    private void removeAt(int i) {
        int last = --count;
        ssrcs[i] = ssrcs[last];
        bitrates[i] = bitrates[last];
        overheads[i] = overheads[last];
        heardNanos[i] = heardNanos[last];
    }

    private void compute() {
        boundingCount = 0;
        if (count == 0) {
            return;
        }
        // 1. by overhead, lowest first (insertion sort: a handful of tuples)
        for (int i = 0; i < count; i++) {
            int j = i;
            while (j > 0 && overheads[order[j - 1]] > overheads[i]) {
                order[j] = order[j - 1];
                j--;
            }
            order[j] = i;
            candidate[i] = true;
        }
        // 2. of equal overheads only the lowest MxTBR can bound
        int groupMin = order[0];
        for (int k = 1; k < count; k++) {
            int i = order[k];
            if (overheads[i] != overheads[groupMin]) {
                groupMin = i;
            } else if (bitrates[i] < bitrates[groupMin]) {
                candidate[groupMin] = false;
                groupMin = i;
            } else {
                candidate[i] = false;
            }
        }
        // 3. the lowest MxTBR bounds at packet rate 0; of equal ones the steepest (highest overhead)
        int first = -1;
        for (int k = 0; k < count; k++) {
            int i = order[k];
            if (candidate[i] && (first < 0 || bitrates[i] <= bitrates[first])) {
                first = i;
            }
        }
        push(first, 0);
        candidate[first] = false;
        // 4. shallower lines lie above it at every packet rate; 5-8. walk the steeper ones in order
        for (int k = 0; k < count; k++) {
            int cur = order[k];
            if (!candidate[cur] || overheads[cur] < overheads[first]) {
                continue;
            }
            while (true) {
                int last = bounding[boundingCount - 1];
                double rate = (double) (bitrates[cur] - bitrates[last]) / (8.0 * (overheads[cur] - overheads[last]));
                if (boundingCount > 1 && rate <= intersection[boundingCount - 1]) {
                    boundingCount--; // the last kept never bounds: cur is lower before it takes over
                    continue;
                }
                if (rate < zeroAt[boundingCount - 1]) {
                    push(cur, rate);
                }
                break;
            }
        }
    }

    private void push(int i, double fromRate) {
        bounding[boundingCount] = i;
        intersection[boundingCount] = fromRate;
        zeroAt[boundingCount] = overheads[i] == 0 ? Double.MAX_VALUE : bitrates[i] / (8.0 * overheads[i]);
        boundingCount++;
    }
}
