package org.webims.media.srtp;

/**
 * Packets per {@link SrtpResult} for one sender or receiver. Written only by the thread that
 * protects or unprotects (plain fields, as the pipeline's pad counters); read for statistics.
 */
public final class SrtpCounters {

    private static final SrtpResult[] RESULTS = SrtpResult.values();

    private final long[] counts = new long[RESULTS.length];

    SrtpResult record(SrtpResult result) {
        counts[result.ordinal()]++;
        return result;
    }

    /** Packets that ended with this result. */
    public long get(SrtpResult result) {
        return counts[result.ordinal()];
    }

    /** Packets dropped for any reason. */
    public long dropped() {
        long sum = 0;
        for (int i = 1; i < counts.length; i++) {
            sum += counts[i];
        }
        return sum;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("SrtpCounters{");
        for (SrtpResult r : RESULTS) {
            if (counts[r.ordinal()] != 0) {
                sb.append(r).append('=').append(counts[r.ordinal()]).append(' ');
            }
        }
        return sb.append('}').toString();
    }
}
