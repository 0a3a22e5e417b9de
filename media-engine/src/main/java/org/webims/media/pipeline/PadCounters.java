package org.webims.media.pipeline;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Per-pad counters. Written only by the one thread that pushes through the pad (plain fields
 * with a release store of the last arrival), read by the flow monitor and {@code getStats}.
 */
public final class PadCounters {

    private static final VarHandle LAST_PACKET_NANOS;

    static {
        try {
            LAST_PACKET_NANOS = MethodHandles.lookup().findVarHandle(PadCounters.class, "lastPacketNanos", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private long packets;
    private long bytes;
    private long dropped;
    private volatile long lastPacketNanos;

    // Per packet, twice per pad hop: the packet's arrival time where its producer set one (no clock
    // read), and a release store, not a volatile one (no fence; the monitor's reads need no more).
    void count(MediaPacket packet) {
        packets++;
        bytes += packet.length();
        long at = packet.receivedNanos();
        LAST_PACKET_NANOS.setRelease(this, at != 0 ? at : System.nanoTime());
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
