package org.webims.media.endpoint.rtp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import org.webims.media.endpoint.rtp.path.AssemblyBuffer;
import org.webims.media.endpoint.rtp.path.DtmfOutput;
import org.webims.media.endpoint.rtp.path.PayloadKind;
import org.webims.media.endpoint.rtp.path.RtpPacketAssembler;
import org.webims.media.pipeline.MediaFormat;
import org.webims.media.pipeline.MediaPacket;
import org.webims.media.pipeline.MediaSink;
import org.webims.media.rtp.payload.amrwb.AmrWbFrameType;
import org.webims.media.rtp.session.RetransmissionCache;
import org.webims.media.transport.MediaIoLoop;

/**
 * RTP out, on the thread that pushes into our sink pad: only after negotiation, only while our
 * direction sends, only to the negotiated (or latched) peer. Header state comes from one
 * {@link org.webims.media.rtp.session.OutboundRtpStream}, so sequence numbers and timestamps run
 * on when the source feeding us changes (decision 0007); {@link RtpPacketAssembler} builds the packet in the
 * sending thread's {@link AssemblyBuffer},
 * kept in the {@link Retransmitter}'s cache when the peer may NACK it, SRTP-protected in place and
 * sent without blocking: a full socket buffer drops and counts.
 */
final class SendPath implements MediaSink, DtmfOutput.Wire {

    private final RtpStream stream;
    private final StreamCounters counters;
    private final RtpPacketAssembler assembler;
    // where a send by system call is staged: NIO would copy a heap buffer into a thread-local direct one it looks up per call
    private final ByteBuffer out = ByteBuffer.allocateDirect(MediaIoLoop.MAX_DATAGRAM);
    // the last format seen and the payload type it maps to: one comparison per packet
    private MediaFormat lastFormat;
    private StreamState lastState;
    private int lastPayloadType;
    /** CMR we put in AMR-WB packets (asks the peer to send at most that mode); 15: no request. */
    private volatile int requestedCmr = AmrWbFrameType.NO_REQUEST;
    /** {@link #requestedCmr} while a lift is under way: {@link #liftMode} until {@link #liftUntilNanos}, then 15. */
    private static final int LIFTING = -1;
    /**
     * How long a lift asks for the highest mode explicitly before going back to no request: 50
     * packets at 20 ms, so that a few lost ones do not lose it (a CMR is not acknowledged).
     */
    static final long LIFT_NANOS = 1_000_000_000L;
    private volatile int liftMode;
    private volatile long liftUntilNanos;

    /**
     * The {@link Retransmitter}'s cache, or null: kept here, where every packet sent reads its fields
     * anyway, so that an audio stream of a relay of many calls does not reach a cold Retransmitter
     * per packet to learn it has none (decision 0045).
     */
    private volatile RetransmissionCache retransmissionCache;

    SendPath(RtpStream stream) {
        this.stream = stream;
        this.counters = stream.counters;
        this.assembler = new RtpPacketAssembler(stream.outbound);
    }

    /** What sent packets are kept in for NACKs from now on: null, nothing. */
    void keepFor(RetransmissionCache cache) {
        retransmissionCache = cache;
    }

    @Override
    public void accept(MediaPacket packet) {
        DtmfOutput dtmf = stream.dtmf;
        if (dtmf == null) {
            send(packet);
        } else if (dtmf.audioMaySend()) { // false: a telephone-event replaces this packet (counted there)
            try {
                send(packet);
            } finally {
                dtmf.audioDone();
            }
        }
    }

    private void send(MediaPacket packet) {
        StreamState st = stream.state;
        InetSocketAddress peer = stream.rtpFilter.peer();
        if (!st.sends() || peer == null) {
            counters.notSent++;
            return;
        }
        int pt = payloadType(st, packet.format());
        if (pt < 0) {
            counters.sendFormatMismatch++;
            return;
        }
        int length = packet.length();
        SdesSrtp srtp = st.srtp();
        byte[] buffer = AssemblyBuffer.ofThisThread();
        int room = buffer.length - (srtp == null ? 0 : srtp.maxOverhead());
        long now = System.nanoTime();
        int total = assembler.assemble(packet, pt, RtpPacketAssembler.Extensions.NONE, now, buffer, room);
        if (total < 0) {
            counters.sendErrors++;
            return;
        }
        int h = total - length;
        int cmr = currentCmr(now);
        if (cmr != AmrWbFrameType.NO_REQUEST && pt == st.sendPayloadType() && st.sendKind() == PayloadKind.AMR_WB
                && length > 0) {
            // RFC 4867 §4.3.1/§4.4.1: CMR is the first four bits in both payload layouts
            buffer[h] = (byte) ((buffer[h] & 0x0F) | (cmr << 4));
        }
        transmit(buffer, total, srtp, peer, now);
    }

    // kept for NACKs while plain (a copy into a preallocated slot), then SRTP in place, then one
    // non-blocking send; a full socket buffer drops and counts
    private void transmit(byte[] buffer, int length, SdesSrtp srtp, InetSocketAddress peer, long nowNanos) {
        RetransmissionCache cache = retransmissionCache;
        if (cache != null) {
            cache.store(((buffer[2] & 0xff) << 8) | (buffer[3] & 0xff), buffer, 0, length, nowNanos);
        }
        int total = length;
        if (srtp != null) {
            total = srtp.protectRtp(buffer, 0, total);
            if (total < 0) {
                counters.srtpProtectFailures++;
                return;
            }
        }
        try {
            if (stream.rtpRegistration.send(buffer, 0, total, out, peer) == 0) {
                counters.sendBufferFull++;
                return;
            }
        } catch (IOException e) {
            counters.sendErrors++;
            return;
        }
        counters.rtpSent++;
        counters.rtpBytesSent += total;
    }

    @Override
    public int telephoneEventPayloadType() {
        StreamState st = stream.state;
        return st.sends() ? st.telephoneEventPt() : -1;
    }

    @Override
    public int telephoneEventClockRate() {
        MediaFormat te = stream.state.telephoneEventFormat();
        return te == null ? -1 : te.clockRate();
    }

    /** One telephone-event packet of {@link DtmfOutput}'s, with the flag it holds: no audio is written meanwhile. */
    @Override
    public void sendInserted(byte[] payload, int length, int payloadType, boolean marker, long nowNanos) {
        StreamState st = stream.state;
        InetSocketAddress peer = stream.rtpFilter.peer();
        if (!st.sends() || peer == null) {
            counters.notSent++;
            return;
        }
        SdesSrtp srtp = st.srtp();
        byte[] buffer = AssemblyBuffer.ofThisThread();
        int room = buffer.length - (srtp == null ? 0 : srtp.maxOverhead());
        int total = assembler.assembleInserted(payload, 0, length, payloadType, marker,
                RtpPacketAssembler.Extensions.NONE, nowNanos, buffer, room);
        if (total < 0) {
            counters.sendErrors++;
            return;
        }
        transmit(buffer, total, srtp, peer, nowNanos);
    }

    private int payloadType(StreamState st, MediaFormat format) {
        if (format == lastFormat && st == lastState) {
            return lastPayloadType;
        }
        int pt = -1;
        if (format != null) {
            if (format.samePayloadFormat(st.sendFormat())) {
                pt = st.sendPayloadType();
            } else if (st.telephoneEventFormat() != null && format.sameCodec(st.telephoneEventFormat())) {
                pt = st.telephoneEventPt();
            }
        }
        lastFormat = format;
        lastState = st;
        lastPayloadType = pt;
        return pt;
    }

    /** Asks the peer, through the CMR of what we send, to keep its AMR-WB at or below this rate. */
    void requestAmrWbBitrate(long bitsPerSecond) {
        requestedCmr = AmrWbModes.modeFor(bitsPerSecond);
    }

    /**
     * Lifts the mode request of {@link #requestAmrWbBitrate}: RFC 4867 §4.3.1's CMR 15 says only "no
     * request", and a phone may well keep the mode it was last asked for, so the highest mode of
     * the mode-set is asked for {@link #LIFT_NANOS} first, then no request, as before any limit
     * (decision 0087). Nothing to lift while no mode was requested.
     */
    void liftAmrWbRequest(int highestMode) {
        if (requestedCmr == AmrWbFrameType.NO_REQUEST) {
            return;
        }
        liftMode = highestMode;
        liftUntilNanos = System.nanoTime() + LIFT_NANOS;
        requestedCmr = LIFTING; // last: the sender reads the two above only after seeing it
    }

    /** The CMR our AMR-WB packets carry now; 15 when none. No writes: it is read per packet. */
    private int currentCmr(long nowNanos) {
        int cmr = requestedCmr;
        return cmr != LIFTING ? cmr : nowNanos - liftUntilNanos < 0 ? liftMode : AmrWbFrameType.NO_REQUEST;
    }
}
