package org.webims.media.srtp;

/**
 * Packets per {@link SrtpResult} for one sender or receiver. Written only by the thread that
 * protects or unprotects (plain fields, as the pipeline's pad counters); read for statistics.
 * Only the drops are recorded here: the packets that went through are the context set's own
 * packet counts (RFC 3711 §9.2's budget), which {@link SrtpResult#OK} reads, so that a packet
 * that goes through touches neither this object nor its array (decision 0045: in a relay of many
 * calls they were two more cold lines per packet and direction).
 */
public final class SrtpCounters {

    private static final SrtpResult[] RESULTS = SrtpResult.values();

    private final long[] counts = new long[RESULTS.length];
    private final SrtpContextSet owner;

    SrtpCounters(SrtpContextSet owner) {
        this.owner = owner;
    }

    /** Counts a drop; {@link SrtpResult#OK} is counted by the owner's packet counts instead. */
    SrtpResult record(SrtpResult result) {
        counts[result.ordinal()]++;
        return result;
    }

    /** Packets that ended with this result. */
    public long get(SrtpResult result) {
        return result == SrtpResult.OK ? owner.srtpPackets + owner.srtcpPackets : counts[result.ordinal()];
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
            if (get(r) != 0) {
                sb.append(r).append('=').append(get(r)).append(' ');
            }
        }
        return sb.append('}').toString();
    }
}
