package org.webims.media.rtp.payload;

import java.util.Arrays;
import org.webims.media.rtp.PacketCounters;
import org.webims.media.rtp.RtpPacket;
import org.webims.media.rtp.RtpSequence;

/**
 * Puts a stream's packets back in sequence order in front of a {@link Depacketizer} that needs
 * them in order (VP8, H.264 reassembly), so that a packet repaired by retransmission (RFC 4585
 * §6.2.1 NACK, RFC 4588 RTX), which arrives a round trip late, completes its frame instead of
 * being dropped as old and breaking the picture until the next key frame.
 * <p>
 * In-order packets pass straight through: nothing is copied or held while nothing is missing.
 * After a gap, the packets behind it are copied into preallocated slots and held until the
 * missing one arrives, then handed on in order. A hole not filled within the wait (the sender's
 * repair takes a round trip or three; {@link #DEFAULT_WAIT_NANOS}), or pushed out by more than
 * {@link #SLOTS} packets behind it, is given up: the held packets go on with the gap, which the
 * depacketizer counts as loss and flags, as it did before. The wait is checked as packets come:
 * a stream that pauses keeps its held packets until its next one. One thread, like the
 * depacketizer it feeds.
 */
public final class ResequencingDepacketizer implements Depacketizer {

    /** Packets held behind a hole at most: a 640x480 key frame and the frames after it, at 1.2 kB a packet. */
    public static final int SLOTS = 256;
    /** Largest packet held; a larger one passes through in its turn unheld (it cannot be, it is not a WebRTC packet). */
    public static final int SLOT_BYTES = 1500;
    /** How long a hole is waited for: longer than a NACK's last retry at a 100 ms round trip (NackRequests). */
    public static final long DEFAULT_WAIT_NANOS = 400_000_000L;

    private final Depacketizer inner;
    private final long waitNanos;
    private final byte[][] slot = new byte[SLOTS][];
    private final int[] slotLength = new int[SLOTS];
    private final long[] slotSeq = new long[SLOTS];
    private final RtpPacket view = new RtpPacket();

    private boolean started;
    private long next;            // extended sequence number expected next
    private int held;
    private long holeSinceNanos;  // when the first packet behind the current hole arrived
    private long resequenced;
    private long holesGivenUp;

    public ResequencingDepacketizer(Depacketizer inner) {
        this(inner, DEFAULT_WAIT_NANOS);
    }

    public ResequencingDepacketizer(Depacketizer inner, long waitNanos) {
        this.inner = inner;
        this.waitNanos = waitNanos;
        Arrays.fill(slotSeq, -1);
    }

    @Override
    public void push(RtpPacket packet, FrameSink sink) {
        if (!started) {
            started = true;
            next = (1L << 16) + packet.sequenceNumber(); // one cycle up: early reordering stays positive
        }
        long ext = RtpSequence.extend(next, packet.sequenceNumber());
        if (held == 0) {
            if (ext == next) {
                next++;
                inner.push(packet, sink);
            } else if (ext < next || ext - next >= SLOTS || packet.length() > SLOT_BYTES) {
                pass(packet, ext, sink); // old (the depacketizer drops it), or a jump no wait repairs
            } else {
                hold(packet, ext);
                holeSinceNanos = System.nanoTime();
            }
            return;
        }
        if (ext < next) {
            inner.push(packet, sink); // older than the hole: the depacketizer counts it and drops it
            return;
        }
        if (ext - next >= SLOTS || packet.length() > SLOT_BYTES) {
            releaseAll(sink);
            pass(packet, ext, sink);
            return;
        }
        if (ext == next) {
            resequenced++;
            next++;
            inner.push(packet, sink);
        } else {
            hold(packet, ext);
        }
        releaseInOrder(sink);
        if (held > 0 && System.nanoTime() - holeSinceNanos > waitNanos) {
            holesGivenUp++;
            skipHole();
            releaseInOrder(sink);
        }
    }

    /** A packet out of the held order goes on as it is, and the stream continues after it. */
    private void pass(RtpPacket packet, long ext, FrameSink sink) {
        if (ext >= next) {
            next = ext + 1;
        }
        inner.push(packet, sink);
    }

    private void hold(RtpPacket packet, long ext) {
        int i = (int) (ext % SLOTS);
        if (slotSeq[i] == ext) {
            return; // a duplicate of one held
        }
        if (slot[i] == null) {
            slot[i] = new byte[SLOT_BYTES]; // once per slot, the first time a hole needs it
        }
        System.arraycopy(packet.buffer(), packet.offset(), slot[i], 0, packet.length());
        slotLength[i] = packet.length();
        slotSeq[i] = ext;
        held++;
    }

    /** Hands on the held packets that now follow without a hole. */
    private void releaseInOrder(FrameSink sink) {
        while (held > 0) {
            int i = (int) (next % SLOTS);
            if (slotSeq[i] != next) {
                return;
            }
            release(i, sink);
            next++;
        }
    }

    /** Gives up the hole at {@code next}: the stream goes on from the first packet held after it. */
    private void skipHole() {
        for (long s = next + 1; s < next + SLOTS; s++) {
            if (slotSeq[(int) (s % SLOTS)] == s) {
                next = s;
                holeSinceNanos = System.nanoTime();
                return;
            }
        }
    }

    private void releaseAll(FrameSink sink) {
        while (held > 0) {
            skipHole();
            releaseInOrder(sink);
        }
    }

    private void release(int i, FrameSink sink) {
        slotSeq[i] = -1;
        held--;
        if (view.wrap(slot[i], 0, slotLength[i])) {
            inner.push(view, sink);
        }
    }

    @Override
    public void reset() {
        Arrays.fill(slotSeq, -1);
        held = 0;
        started = false;
        inner.reset();
    }

    @Override
    public PacketCounters.Snapshot counters() {
        return inner.counters();
    }

    /** Holes filled by a late packet while the packets behind them were held. */
    public long resequenced() { return resequenced; }

    /** Holes waited for in vain. */
    public long holesGivenUp() { return holesGivenUp; }
}
