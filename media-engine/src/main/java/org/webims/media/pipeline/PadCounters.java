package org.webims.media.pipeline;

/**
 * Per-pad counters. Written only by the one thread that pushes through the pad (plain fields
 * with a volatile publish of the last arrival), read by the flow monitor and {@code getStats}.
 */
public final class PadCounters {

    /** How stale the published last arrival may get: far below any flow timeout (seconds). */
    public static final long LAST_PACKET_RESOLUTION_NANOS = 100_000_000L;

    private long packets;
    private long bytes;
    private long dropped;
    private volatile long lastPacketNanos;

    // Per packet, twice per pad hop: the packet's arrival time where its producer set one (no clock
    // read), published (a volatile write, a locked instruction on x86) only when it moved on by the
    // resolution: a 20 ms audio stream publishes every fifth packet, the bench's 3 ms ones every 30th.
    void count(MediaPacket packet) {
        packets++;
        bytes += packet.length();
        long at = packet.receivedNanos();
        if (at == 0) {
            at = System.nanoTime();
        }
        long last = lastPacketNanos;
        if (last == 0 || at - last >= LAST_PACKET_RESOLUTION_NANOS) {
            lastPacketNanos = at;
        }
    }

    void countDropped() {
        dropped++;
    }

    public long packets() { return packets; }
    public long bytes() { return bytes; }
    /** Packets that reached the pad but could not be delivered (no usable format conversion). */
    public long dropped() { return dropped; }
    /** {@link System#nanoTime()} of the last packet (up to {@link #LAST_PACKET_RESOLUTION_NANOS} earlier), 0 if none yet. */
    public long lastPacketNanos() { return lastPacketNanos; }

    public Snapshot snapshot() {
        return new Snapshot(packets, bytes, dropped);
    }

    public record Snapshot(long packets, long bytes, long dropped) { }
}
