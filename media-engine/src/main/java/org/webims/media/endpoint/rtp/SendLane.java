package org.webims.media.endpoint.rtp;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.InetSocketAddress;
import org.webims.media.pipeline.MediaFormat;

/**
 * What the stream's negotiation says about sending a packet of one format, worked out once and kept
 * by the sending thread until the stream publishes another state: the payload type it goes out with,
 * the peer it goes to, the SRTP context and whether AMR-WB's CMR goes into it. A relay of many calls
 * finds the state record (allocated at negotiation, away from the send path) cold at every packet;
 * this is a few fields next to the send path (decision 0048).
 *
 * <p>Only for a strict peer filter: its peer changes only with a published state. A latching filter
 * takes its peer on the I/O thread from the first datagram, so a latching stream's send path reads
 * the filter every packet as before. Every publish counts {@link #invalidate}; a lane built under an
 * older count is not used, so the next packet reads the state again.
 */
final class SendLane {

    private static final VarHandle CHANGES;

    static {
        try {
            CHANGES = MethodHandles.lookup().findVarHandle(SendLane.class, "changes", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    // a count the lane is never built at: the changes count would need 2^32 publishes to come round to it
    private static final int NEVER = -1;

    @SuppressWarnings("unused") // through CHANGES
    private volatile int changes;
    // the sending thread's own
    private int builtAt = NEVER;
    private MediaFormat format;
    private int payloadType;
    private InetSocketAddress peer;
    private SdesSrtp srtp;
    private boolean amrWb;

    /** The stream published another state (any thread): lanes built before are not used again. */
    void invalidate() {
        CHANGES.getAndAdd(this, 1);
    }

    /** Read before the state a lane is built from. */
    int changes() {
        return changes;
    }

    /** Whether a packet of {@code f} may go the lane's way. */
    boolean holds(MediaFormat f) {
        return f == format && builtAt == changes;
    }

    /**
     * Sets the lane from a state read after {@link #changes()} returned {@code seen}; kept for the next
     * packets only if {@code reusable} (a strict filter's), else for the packet at hand.
     */
    void build(int seen, boolean reusable, MediaFormat f, int pt, InetSocketAddress to, SdesSrtp context,
            boolean amrWbCmr) {
        format = f;
        payloadType = pt;
        peer = to;
        srtp = context;
        amrWb = amrWbCmr;
        builtAt = reusable ? seen : NEVER;
    }

    int payloadType() { return payloadType; }
    InetSocketAddress peer() { return peer; }
    SdesSrtp srtp() { return srtp; }
    /** Whether the packet carries the negotiated AMR-WB payload type (RFC 4867's CMR goes in). */
    boolean amrWb() { return amrWb; }
}
