package org.webims.media.endpoint.rtp.path;

import org.webims.media.pipeline.MediaPacket;
import org.webims.media.rtp.RtpHeaderWriter;
import org.webims.media.rtp.session.OutboundRtpStream;

/**
 * Builds the RTP packet a send path puts on the wire from what reached its sink pad: our SSRC,
 * sequence numbers and timestamps kept continuous by one {@link OutboundRtpStream} when the feed
 * changes (decision 0007), the negotiated payload type, the caller's header extensions, then the
 * payload, into the caller's reused buffer. Used by the one thread that pushes into the sink pad.
 *
 * <p>The header writer is the sending thread's, not the stream's (decision 0045): every field of it
 * is set again for each packet, and its extension tables (four arrays) were, per stream, four or five
 * lines a relay of many calls found cold at every packet; the thread's stay in cache. A packet's header
 * lives in it only from here to {@link RtpHeaderWriter#write}, within one call, as its array lives in
 * {@link AssemblyBuffer}.
 */
public final class RtpPacketAssembler {

    /** RFC 8285 elements a sender adds to each packet (WebRTC's mid, abs-send-time, transport-cc). */
    @FunctionalInterface
    public interface Extensions {
        Extensions NONE = (header, nowNanos) -> { };

        void add(RtpHeaderWriter header, long nowNanos);
    }

    private static final ThreadLocal<RtpHeaderWriter> HEADER = ThreadLocal.withInitial(RtpHeaderWriter::new);

    private final OutboundRtpStream stream;

    public RtpPacketAssembler(OutboundRtpStream stream) {
        this.stream = stream;
    }

    public OutboundRtpStream stream() { return stream; }

    /**
     * Advances the stream by {@code p} and writes header and payload to {@code out[0, ...)}.
     *
     * @param room the most the packet may take (the buffer less what SRTP appends)
     * @return the packet's length, or -1 when it would not fit in {@code room}
     */
    public int assemble(MediaPacket p, int payloadType, Extensions extensions, long nowNanos, byte[] out, int room) {
        stream.next(p.ssrc(), p.sequenceNumber(), p.timestamp(), p.length(), nowNanos);
        RtpHeaderWriter header = header(p.marker(), payloadType);
        extensions.add(header, nowNanos);
        int h = header.headerLength();
        if (h + p.length() > room) {
            return -1;
        }
        header.write(out, 0);
        System.arraycopy(p.buffer(), p.offset(), out, h, p.length());
        return h + p.length();
    }

    /**
     * Writes a packet of our own (a telephone-event) after {@link OutboundRtpStream#nextInserted}
     * set its sequence number and timestamp; same contract as {@link #assemble}.
     */
    public int assembleInserted(byte[] payload, int offset, int length, int payloadType, boolean marker,
                                Extensions extensions, long nowNanos, byte[] out, int room) {
        RtpHeaderWriter header = header(marker, payloadType);
        extensions.add(header, nowNanos);
        int h = header.headerLength();
        if (h + length > room) {
            return -1;
        }
        header.write(out, 0);
        System.arraycopy(payload, offset, out, h, length);
        return h + length;
    }

    // this thread's writer with every field of this packet's header set (none left from another stream's)
    private RtpHeaderWriter header(boolean marker, int payloadType) {
        return HEADER.get().marker(marker).payloadType(payloadType).sequenceNumber(stream.sequenceNumber())
                .timestamp(stream.timestamp()).ssrc(stream.ssrc()).clearCsrcs().clearExtensions()
                .forceTwoByteExtensions(false);
    }
}
