package org.webims.media.rtp;

import java.util.Arrays;

/**
 * Counters of one component (a depacketizer, packetizer or jitter buffer). Updated by the media
 * thread that owns the component without locks; {@link #snapshot()} may see slightly stale values
 * from another thread, which is fine for statistics.
 */
public final class PacketCounters {

    private long packets;
    private long bytes;
    private long frames;
    private final long[] faults = new long[PacketFault.VALUES.length];

    /** One packet of {@code size} bytes went in. */
    public void packet(int size) {
        packets++;
        bytes += size;
    }

    /** One frame (or payload, for a packetizer) came out. */
    public void frame() {
        frames++;
    }

    public void fault(PacketFault fault) {
        faults[fault.ordinal()]++;
    }

    public void fault(PacketFault fault, long n) {
        faults[fault.ordinal()] += n;
    }

    public void clear() {
        packets = 0;
        bytes = 0;
        frames = 0;
        Arrays.fill(faults, 0);
    }

    public Snapshot snapshot() {
        return new Snapshot(packets, bytes, frames, faults.clone());
    }

    /** A copy of the counters at one moment. */
    public record Snapshot(long packets, long bytes, long frames, long[] faultCounts) {

        public long faults(PacketFault fault) {
            return faultCounts[fault.ordinal()];
        }

        public long totalFaults() {
            long sum = 0;
            for (long n : faultCounts) {
                sum += n;
            }
            return sum;
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("packets=").append(packets).append(" bytes=").append(bytes)
                    .append(" frames=").append(frames);
            for (PacketFault f : PacketFault.VALUES) {
                if (faultCounts[f.ordinal()] != 0) {
                    sb.append(' ').append(f).append('=').append(faultCounts[f.ordinal()]);
                }
            }
            return sb.toString();
        }
    }
}
