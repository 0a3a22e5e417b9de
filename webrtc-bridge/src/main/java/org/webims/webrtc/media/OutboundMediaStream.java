package org.webims.webrtc.media;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.ScheduledExecutorService;
import org.webims.media.endpoint.rtp.path.AssemblyBuffer;
import org.webims.media.endpoint.rtp.path.DtmfOutput;
import org.webims.media.endpoint.rtp.path.RtpPacketAssembler;
import org.webims.media.pipeline.MediaFormat;
import org.webims.media.pipeline.MediaPacket;
import org.webims.media.pipeline.MediaSink;
import org.webims.media.pipeline.MediaType;
import org.webims.media.endpoint.rtp.OutboundRtpStats;
import org.webims.media.rtp.RtcpWriter;
import org.webims.media.rtp.RtpHeaderWriter;
import org.webims.media.rtp.RtpPacket;
import org.webims.media.rtp.session.OutboundFeedback;
import org.webims.media.rtp.session.OutboundRtpStream;
import org.webims.media.rtp.session.RetransmissionBudget;
import org.webims.media.rtp.session.RetransmissionCache;
import org.webims.media.rtp.session.RtxPacket;
import org.webims.media.srtp.SrtpResult;
import org.webims.media.srtp.SrtpSender;
import org.webims.webrtc.congestion.SendTimeHistory;
import org.webims.webrtc.transport.BundlePort;

/**
 * One media type we send to the browser: what reaches our sink pad gets our SSRC and continuous
 * sequence numbers and timestamps, the negotiated payload type and the mid, abs-send-time and
 * transport-wide sequence extensions (the RTP endpoint's {@link RtpPacketAssembler} with our
 * extension hook), is SRTP-protected and sent to
 * the nominated pair. Runs on the thread that pushes into the sink pad; nothing is sent before
 * DTLS has given keys. With rtx negotiated, sent video is cached and NACKs are answered with
 * retransmissions on the rtx SSRC (RFC 4588 §4), on the I/O thread that got the NACK: packets up to
 * {@link RetransmissionCache#MAX_AGE_NANOS} old, within the stream's {@link RetransmissionBudget}.
 * Each packet sent with a transport-wide sequence number is remembered in the endpoint's
 * {@link SendTimeHistory} (its time and size), for the browser's feedback about it.
 */
public final class OutboundMediaStream implements MediaSink, DtmfOutput.Wire {

    private static final int MAX_PAYLOAD = 1400;
    private final OutboundRtpStream stream;
    private final RtpPacketAssembler assembler;
    private final RtpPacketAssembler.Extensions extensions = this::addExtensions;
    private final int rtxSsrc;
    private final BundlePort port;
    private final AtomicInteger transportSequence;
    private final SendTimeHistory sendTimes;
    private int lastTransportSequence = -1; // of the packet being assembled, -1 without the extension: the sending thread's
    // where a send by system call is staged: NIO would copy a heap buffer into a thread-local direct one it looks up per call
    private final ByteBuffer out = ByteBuffer.allocateDirect(1600);
    private final byte[] ext = new byte[8];
    private volatile SendConfig config;
    private SendConfig sending; // the config of the packet being assembled: the sending thread's only
    // the last format checked against the last config, and the answer: the sending thread's only
    private MediaFormat checkedFormat;
    private SendConfig checkedConfig;
    private boolean checkedSame;
    // the config the header state was last set to (the sending thread's only): configs are immutable, so
    // the same object needs no look at its format, cold in a relay of many calls (decision 0045)
    private SendConfig applied;
    private volatile SrtpSender sender;
    private volatile RetransmissionCache rtxCache;
    private volatile DtmfOutput dtmf;
    /** What the browser's receiver reports and asks about this stream; written on the I/O thread. */
    private final OutboundFeedback feedback = new OutboundFeedback();
    private long sent;
    private long payloadBytesSent;
    private long dropped;
    private long wrongFormat;

    // retransmission state: the I/O thread's only
    private final RtpHeaderWriter rtxHeader = new RtpHeaderWriter();
    private final RtpPacket cached = new RtpPacket();
    private final byte[] cachedBytes = new byte[RetransmissionCache.SLOT_BYTES];
    private final byte[] rtxBuffer = new byte[RetransmissionCache.SLOT_BYTES + 64];
    private final RetransmissionBudget budget = new RetransmissionBudget();
    private final ByteBuffer rtxView = ByteBuffer.wrap(rtxBuffer);
    private volatile SrtpSender rtxSender;
    private int rtxSequence;
    private long retransmitted;
    private long notCached;
    private long resentRecently;
    private long rateLimited;

    public OutboundMediaStream(int ssrc, int rtxSsrc, BundlePort port, AtomicInteger transportSequence,
                               SendTimeHistory sendTimes) {
        this.stream = new OutboundRtpStream(ssrc, 90000, 0);
        this.assembler = new RtpPacketAssembler(stream);
        this.rtxSsrc = rtxSsrc;
        this.port = port;
        this.transportSequence = transportSequence;
        this.sendTimes = sendTimes;
    }

    public int ssrc() { return stream.ssrc(); }
    public long sent() { return sent; }
    /** Payload bytes of the packets sent (RTP headers and SRTP tags left out, as in WebRTC stats). */
    public long payloadBytesSent() { return payloadBytesSent; }
    public long dropped() { return dropped; }
    public long droppedWrongFormat() { return wrongFormat; }
    public long retransmitted() { return retransmitted; }
    public long nackedNotCached() { return notCached; }
    public long nackedRateLimited() { return rateLimited; }
    /** NACKed packets not resent again because their last resend was less than a round trip ago. */
    public long nackedWithinRoundTrip() { return resentRecently; }
    OutboundFeedback feedback() { return feedback; }

    /** For getStats: what we sent and what the browser reported about it; null while nothing was sent. */
    OutboundRtpStats stats(MediaType mediaType) {
        long packets = sent;
        return packets == 0 ? null
                : OutboundRtpStats.of(stream.ssrc(), mediaType, packets, payloadBytesSent, feedback, stream.clockRate());
    }

    /**
     * Our sender report (RFC 3550 §6.4.1) at {@code b[off]}, on the I/O thread: NTP time, the RTP
     * timestamp matching it and our counts. The browser echoes its NTP time as LSR in its report
     * blocks about this SSRC, which is how we measure the round trip; it also times its A/V sync
     * by it. The header state is the sending thread's, read here without a lock: a report taken
     * as a packet goes out may carry a timestamp one packet off, which the receiver smooths over.
     *
     * @return its length, 0 while nothing was sent (RFC 3550 §6.4: only senders send SRs)
     */
    int writeSenderReport(byte[] b, int off, long ntp, long nowNanos) {
        if (!stream.hasSent()) {
            return 0;
        }
        int n = RtcpWriter.writeSenderReport(b, off, stream.ssrc(), ntp, stream.timestampAt(nowNanos),
                stream.packetsSent(), stream.octetsSent(), null, 0);
        return Math.max(n, 0);
    }

    /** A new negotiation (null: we do not send this type now). */
    void configure(SendConfig next) {
        if (next != null && next.rtxPayloadType() >= 0 && rtxCache == null) {
            rtxCache = new RetransmissionCache(RetransmissionCache.DEFAULT_CAPACITY);
        }
        config = next;
    }

    /** DTLS gave keys: one sender for this SSRC, another for its rtx SSRC. */
    void keyed(SrtpSender media, SrtpSender rtx) {
        rtxSender = rtx;
        sender = media;
    }

    /** The audio stream sends DTMF as telephone-events (RFC 4733), paced on {@code scheduler}. */
    public void enableDtmf(ScheduledExecutorService scheduler) {
        dtmf = new DtmfOutput(stream, this, scheduler);
    }

    /** Queues a digit; false when the browser negotiated no telephone-event (or this stream sends none). */
    public boolean sendDtmf(char digit, int durationMs) {
        DtmfOutput d = dtmf;
        return d != null && d.send(digit, durationMs);
    }

    public void close() {
        DtmfOutput d = dtmf;
        if (d != null) {
            d.close();
        }
    }

    @Override
    public void accept(MediaPacket p) {
        DtmfOutput d = dtmf;
        if (d == null) {
            send(p);
        } else if (d.audioMaySend()) { // false: a telephone-event replaces this packet (counted there)
            try {
                send(p);
            } finally {
                d.audioDone();
            }
        }
    }

    private void send(MediaPacket p) {
        SendConfig c = config;
        SrtpSender tx = sender;
        if (c == null || tx == null || p.length() > MAX_PAYLOAD) {
            dropped++;
            return;
        }
        if (!sendsCodecOf(p.format(), c)) {
            wrongFormat++;
            return;
        }
        long now = System.nanoTime();
        if (c != applied) {
            if (stream.payloadType() != c.payloadType() || stream.clockRate() != c.format().clockRate()) {
                stream.changeFormat(c.format().clockRate(), c.payloadType());
            }
            applied = c;
        }
        sending = c;
        lastTransportSequence = -1;
        byte[] buffer = AssemblyBuffer.ofThisThread();
        int length = assembler.assemble(p, c.payloadType(), extensions, now, buffer,
                buffer.length - tx.profile().srtpOverhead());
        if (length < 0) {
            dropped++;
            return;
        }
        RetransmissionCache cache = rtxCache;
        if (cache != null && c.rtxPayloadType() >= 0) {
            cache.store(stream.sequenceNumber(), buffer, 0, length, now);
        }
        if (tx.protectRtp(buffer, 0, length) != SrtpResult.OK) {
            dropped++;
            return;
        }
        int wire = length + tx.profile().srtpOverhead();
        if (port.sendMedia(buffer, 0, wire, out)) {
            sent++;
            payloadBytesSent += p.length();
            sentWithSequence(now, wire);
        } else {
            dropped++;
        }
    }

    /** Remembers the packet just sent if it carried a transport-wide sequence number (sending thread). */
    private void sentWithSequence(long nowNanos, int wireBytes) {
        int s = lastTransportSequence;
        if (s >= 0) {
            sendTimes.record(s, nowNanos, wireBytes);
        }
    }

    @Override
    public int telephoneEventPayloadType() {
        SendConfig c = config;
        return c == null || sender == null ? -1 : c.telephoneEventPayloadType();
    }

    @Override
    public int telephoneEventClockRate() {
        SendConfig c = config;
        return c == null ? -1 : c.format().clockRate();
    }

    /** One telephone-event packet of {@link DtmfOutput}'s, sent while it holds the stream (no audio meanwhile). */
    @Override
    public void sendInserted(byte[] payload, int length, int payloadType, boolean marker, long nowNanos) {
        SendConfig c = config;
        SrtpSender tx = sender;
        if (c == null || tx == null) {
            dropped++;
            return;
        }
        sending = c;
        lastTransportSequence = -1;
        byte[] buffer = AssemblyBuffer.ofThisThread();
        int n = assembler.assembleInserted(payload, 0, length, payloadType, marker, extensions, nowNanos, buffer,
                buffer.length - tx.profile().srtpOverhead());
        if (n < 0 || tx.protectRtp(buffer, 0, n) != SrtpResult.OK) {
            dropped++;
            return;
        }
        if (port.sendMedia(buffer, 0, n + tx.profile().srtpOverhead(), out)) {
            sent++;
            payloadBytesSent += length;
            sentWithSequence(nowNanos, n + tx.profile().srtpOverhead());
        } else {
            dropped++;
        }
    }

    public void putDtmfStats(String prefix, java.util.Map<String, Long> into) {
        DtmfOutput d = dtmf;
        if (d != null) {
            d.putStats(prefix, into);
        }
    }

    // One comparison per packet: a stream's format and config rarely change (equalsIgnoreCase showed in profiles).
    private boolean sendsCodecOf(MediaFormat format, SendConfig c) {
        if (format != checkedFormat || c != checkedConfig) {
            checkedSame = format.sameCodec(c.format());
            checkedFormat = format;
            checkedConfig = c;
        }
        return checkedSame;
    }

    // WebRTC's hook into the shared assembler: mid (RFC 8843 §15), abs-send-time, transport-wide sequence
    private void addExtensions(RtpHeaderWriter h, long nowNanos) {
        SendConfig c = sending;
        if (c.midExtension() > 0) {
            h.addExtension(c.midExtension(), c.mid(), 0, c.mid().length);
        }
        if (c.absSendTimeExtension() > 0) {
            // 6.18 fixed-point seconds, 24 bits: wraps every 64 s (abs-send-time spec)
            long micros = (nowNanos / 1000) % 64_000_000L;
            long v = (micros << 18) / 1_000_000L;
            ext[0] = (byte) (v >>> 16);
            ext[1] = (byte) (v >>> 8);
            ext[2] = (byte) v;
            h.addExtension(c.absSendTimeExtension(), ext, 0, 3);
        }
        if (c.transportCcExtension() > 0) {
            int s = transportSequence.getAndIncrement() & 0xFFFF;
            lastTransportSequence = s;
            ext[3] = (byte) (s >>> 8);
            ext[4] = (byte) s;
            h.addExtension(c.transportCcExtension(), ext, 3, 2);
        }
    }

    /** Answers a NACK for {@code seq} with an rtx packet (RFC 4588 §4: OSN then the original payload). */
    void retransmit(int seq) {
        SendConfig c = config;
        SrtpSender tx = rtxSender;
        RetransmissionCache cache = rtxCache;
        if (c == null || tx == null || cache == null || c.rtxPayloadType() < 0) {
            return;
        }
        long now = System.nanoTime();
        int n = cache.fetch(seq, cachedBytes, now, RetransmissionCache.resendInterval(feedback.roundTripUnits()));
        if (n == RetransmissionCache.RESENT_RECENTLY) {
            resentRecently++; // the browser's retry crossed our resend (decision 0067)
            return;
        }
        if (n < 0 || !cached.wrap(cachedBytes, 0, n)) {
            notCached++;
            return;
        }
        if (!budget.take(stream.octetsSent(), n)) {
            rateLimited++;
            return;
        }
        RtxPacket.header(rtxHeader, cached, c.rtxPayloadType(), rtxSequence++, rtxSsrc);
        int s = -1; // the rtx packet's transport-wide sequence number, -1 without the extension
        if (c.transportCcExtension() > 0) {
            s = transportSequence.getAndIncrement() & 0xFFFF;
            ext[6] = (byte) (s >>> 8);
            ext[7] = (byte) s;
            rtxHeader.addExtension(c.transportCcExtension(), ext, 6, 2);
        }
        int length = RtxPacket.write(rtxHeader, cached, rtxBuffer);
        if (tx.protectRtp(rtxBuffer, 0, length) != SrtpResult.OK) {
            return;
        }
        int wire = length + tx.profile().srtpOverhead();
        rtxView.clear().limit(wire);
        if (port.send(rtxView, false)) {
            retransmitted++;
            cache.resent(seq, now);
            if (s >= 0) {
                sendTimes.record(s, System.nanoTime(), wire);
            }
        }
    }
}
