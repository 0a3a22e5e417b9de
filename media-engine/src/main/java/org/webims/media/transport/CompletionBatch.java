package org.webims.media.transport;

/**
 * The datagrams one loop pass of an io_uring worker completed, held until the pass's completions
 * are all seen: first every held datagram's state is read ({@link UringRegistration#warm}), loads
 * independent of each other that the core overlaps, then each is handled in completion order
 * (so per socket in arrival order) and its receive buffer given back (decision 0054). At most
 * {@link #CAPACITY} are held: a fuller pass is handled in pieces, so the kernel never runs short of
 * buffers because of it. Loop thread only; nothing allocated per datagram.
 */
final class CompletionBatch {

    /** A quarter of the worker's receive buffers; a relay of 100 calls completes about 200 per pass. */
    static final int CAPACITY = ReceiveBuffers.COUNT / 4;

    private final UringRegistration[] registrations = new UringRegistration[CAPACITY];
    private final int[] buffers = new int[CAPACITY];
    private int held;
    /** What the warm pass read, folded: a field, so the JIT cannot drop the loads. */
    int sink;

    /** Holds buffer {@code id}'s datagram for {@code r}; handles the batch first when it is full. */
    void hold(UringRegistration r, int id) {
        if (held == CAPACITY) {
            handle();
        }
        registrations[held] = r;
        buffers[held] = id;
        held++;
    }

    /** Handles every held datagram in order, after reading all their state; each buffer goes back. */
    void handle() {
        if (held == 0) {
            return;
        }
        int s = sink;
        try {
            for (int i = 0; i < held; i++) {
                s += registrations[i].warm(buffers[i]);
            }
        } catch (RuntimeException ignored) {
            // reading ahead is only an optimisation: the datagrams are handled all the same
        }
        sink = s;
        for (int i = 0; i < held; i++) {
            UringRegistration r = registrations[i];
            registrations[i] = null;
            r.deliverHeld(buffers[i]);
        }
        held = 0;
    }

    int held() { return held; }
}
