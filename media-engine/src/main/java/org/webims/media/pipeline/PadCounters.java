package org.webims.media.pipeline;

/**
 * Per-pad counters. Written only by the one thread that pushes through the pad (plain fields
 * with a volatile publish of the last arrival), read by the flow monitor and {@code getStats}.
 */
public final class PadCounters {

    private long packets;
    private long bytes;
    private long dropped;
    private volatile long lastPacketNanos;

    void count(MediaPacket packet) {
        packets++;
        bytes += packet.length();
        lastPacketNanos = System.nanoTime();
    }

    void countDropped() {
        dropped++;
    }

    public long packets() { return packets; }
    public long bytes() { return bytes; }
    /** Packets that reached the pad but could not be delivered (no usable format conversion). */
    public long dropped() { return dropped; }
    /** {@link System#nanoTime()} of the last packet, 0 if none yet. */
    public long lastPacketNanos() { return lastPacketNanos; }

    public Snapshot snapshot() {
        return new Snapshot(packets, bytes, dropped);
    }

    public record Snapshot(long packets, long bytes, long dropped) { }
}
