package org.webims.webrtc.congestion;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * When and how big each packet we sent with a transport-wide sequence number was, for the
 * browser's feedback to be matched against (draft-holmer-rmcat-transport-wide-cc-extensions-01
 * §2: the feedback names packets by that number only). A fixed ring of {@link #CAPACITY} slots
 * indexed by the 16-bit number: nothing is allocated per packet.
 *
 * <p>Writers are the threads that send (audio, video, the I/O thread's retransmissions); each
 * writes the slot of its own number, so they never share one. The reader is the I/O thread
 * reading feedback. A slot's tag (the number + 1) is written last with release semantics and read
 * first with acquire, so a reader that sees the tag of the number it asks for sees that packet's
 * time and size. A slot reused while it is being read (the sender 4096 packets further on,
 * seconds later than any feedback comes) could mix two packets; that costs one wrong sample.
 */
public final class SendTimeHistory {

    /** Packets remembered: 4096 is some 13 s of 2.5 Mbit/s video and its audio. */
    public static final int CAPACITY = 4096;
    /** What {@link #sentNanos} returns for a number it does not hold. */
    public static final long UNKNOWN = Long.MIN_VALUE;
    private static final int MASK = CAPACITY - 1;
    private static final VarHandle TAGS = MethodHandles.arrayElementVarHandle(int[].class);

    private final long[] sentNanos = new long[CAPACITY];
    private final int[] bytes = new int[CAPACITY];
    private final int[] tags = new int[CAPACITY]; // 0: empty, else the 16-bit number + 1

    /** Packet {@code sequence} (its low 16 bits count) left at {@code nanos}, {@code size} bytes on the wire. */
    public void record(int sequence, long nanos, int size) {
        int i = sequence & MASK;
        sentNanos[i] = nanos;
        bytes[i] = size;
        TAGS.setRelease(tags, i, (sequence & 0xFFFF) + 1);
    }

    /** When packet {@code sequence} was sent ({@link System#nanoTime}), or {@link #UNKNOWN}. */
    public long sentNanos(int sequence) {
        int i = sequence & MASK;
        return (int) TAGS.getAcquire(tags, i) == (sequence & 0xFFFF) + 1 ? sentNanos[i] : UNKNOWN;
    }

    /** Its size in bytes; valid after {@link #sentNanos} found it. */
    public int size(int sequence) {
        return bytes[sequence & MASK];
    }
}
