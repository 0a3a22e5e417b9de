package org.webims.media.endpoint.rtp;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.webims.media.endpoint.rtp.path.RtcpFeedbackReader;
import org.webims.media.pipeline.MediaType;
import org.webims.media.rtp.NtpTime;
import org.webims.media.rtp.ReportBlock;
import org.webims.media.rtp.RtcpWriter;
import org.webims.media.rtp.RtpReceptionStats;
import org.webims.media.rtp.session.OutboundFeedback;
import org.webims.media.rtp.session.OutboundRtpStream;
import org.webims.media.rtp.session.ReceiverLimits;
import org.webims.media.rtp.session.TmmbrBoundingSet;
import org.webims.media.rtp.session.VideoLossRepair;
import org.webims.media.sdp.bandwidth.ReceiveBandwidth;
import org.webims.media.sdp.bandwidth.RtcpBandwidth;
import org.webims.media.transport.MediaIoLoop;

/**
 * RTCP of one media stream. Out: SR or RR with SDES CNAME on the RFC 3550 §6.3 schedule (engine
 * scheduler), PLI/FIR and REMB/TMMBR when asked, BYE on release; built in one buffer under this
 * object's lock (RTCP is rare: reports every few seconds, feedback rate-limited). In: reports and
 * feedback read by a {@link Reader} per receiving socket; what they ask is passed upstream.
 */
final class RtcpSession implements VideoLossRepair.Feedback {

    /** RFC 3550 §6.3.1: e - 3/2, compensating the timer reconsideration's bias to smaller intervals. */
    private static final double COMPENSATION = Math.E - 1.5;

    /** RFC 3550 §6.3.5's M: report intervals without RTCP after which a limit's sender is taken as gone. */
    static final int LIMIT_TIMEOUT_INTERVALS = 5;

    private final RtpStream stream;
    private final StreamCounters counters;
    private final byte[] cname;
    private final byte[] out = new byte[MediaIoLoop.MAX_DATAGRAM];
    private final ByteBuffer outView = ByteBuffer.wrap(out);
    private final ReportBlock block = new ReportBlock();
    private final ReportBlock[] blocks = {block};
    private final int[] ssrcs = new int[1];
    private final int[] sequenceNumbers = new int[1];
    private final long[] bitrates = new long[1];
    private final int[] overheads = new int[1];
    // the bounding set a TMMBN states (RFC 5104 §3.5.4.2), copied from the limits under the lock
    private final int[] boundingSsrcs = new int[TmmbrBoundingSet.CAPACITY];
    private final long[] boundingBitrates = new long[TmmbrBoundingSet.CAPACITY];
    private final int[] boundingOverheads = new int[TmmbrBoundingSet.CAPACITY];
    private int boundingCount;
    /** What the peer's receivers ask of the stream we send (REMB, TMMBR), passed on to our sink pad. */
    private final PeerLimitsOnPad limits;
    private int[] nacked;
    private int nackedCount;
    private int nackedSsrc;
    private final long keyframeIntervalNanos;
    final Reader muxedReader = new Reader();
    final Reader socketReader = new Reader();

    private int firSequence;
    private long lastKeyframeRequestNanos;
    private volatile long keyframeRequestAllowedNanos;
    private long appliedPeerSrNtp;
    private volatile long peerSrNtp;
    private volatile long peerSrArrivalNanos;
    /** The fraction lost (1/256) of our last receiver report about the peer's stream, for getStats. */
    private volatile int reportedFractionLost;
    /** What the peer reports about our stream and asks of it; written by the readers' I/O thread. */
    final OutboundFeedback feedback = new OutboundFeedback();
    /** The peer's b=RS/b=RR (RFC 3556 §2), set at each negotiation. */
    private volatile RtcpBandwidth peerRtcpBandwidth = RtcpBandwidth.NONE_STATED;
    /** RFC 3550 §6.3.3: the average compound packet we send, lower-layer headers included, in bits; 0 before one. */
    private double averagePacketBits;
    private ScheduledExecutorService scheduler;
    private ScheduledFuture<?> timer;
    private boolean stopped;

    RtcpSession(RtpStream stream, String cname) {
        this.stream = stream;
        this.counters = stream.counters;
        this.cname = cname.getBytes(StandardCharsets.UTF_8);
        this.keyframeIntervalNanos = stream.settings.keyframeRequestInterval().toNanos();
        this.keyframeRequestAllowedNanos = System.nanoTime();
        // RFC 3550 §6.3.5: a participant silent for M = 5 report intervals has left
        // RFC 5104 §4.2.1.1: a tuple's overhead counts per packet, so our packet rate: audio's by its
        // packetization, video's as such a stream has at the limit (1200-byte payloads, one a picture at least)
        ReceiverLimits.PacketRate packetRate = stream.type == MediaType.AUDIO
                ? wire -> 1000.0 / stream.sendPtimeMs
                : ReceiveBandwidth::videoPacketsPerSecond;
        this.limits = new PeerLimitsOnPad(LIMIT_TIMEOUT_INTERVALS * stream.settings.rtcpInterval().toNanos(),
                packetRate, () -> stream.endpoint.sinkPad(stream.type));
    }

    /** The fraction lost our last receiver report stated (RFC 3550 §6.4.1), in 1/256. */
    int reportedFractionLost() {
        return reportedFractionLost;
    }

    /** Starts the report timer; the first report goes out after half an interval (RFC 3550 §6.3.1 "initial"). */
    synchronized void start(ScheduledExecutorService executor) {
        if (timer != null || stopped) {
            return;
        }
        this.scheduler = executor;
        scheduleNext(0.5);
    }

    /** What the peer's description says of RTCP: no reports at all (RS and RR 0), or the bandwidth for our interval. */
    void peerRtcpBandwidth(RtcpBandwidth value) {
        peerRtcpBandwidth = value;
    }

    private void scheduleNext(double factor) {
        // the peer's RS + RR only lengthen our configured interval (RFC 3550 §6.2 keeps RTCP within its share)
        long stated = peerRtcpBandwidth.intervalNanos(averagePacketBits);
        double td = Math.max(stream.settings.rtcpInterval().toNanos(), stated) * factor;
        long delay = (long) (td * ThreadLocalRandom.current().nextDouble(0.5, 1.5) / COMPENSATION);
        timer = scheduler.schedule(this::tick, delay, TimeUnit.NANOSECONDS);
    }

    private void tick() {
        synchronized (this) {
            if (stopped) {
                return;
            }
            sendReport(null);
            scheduleNext(1.0);
        }
        // on the report timer: limits whose senders went silent are dropped (RFC 3550 §6.3.5)
        int dropped = limits.dropSilent(System.nanoTime());
        if (dropped > 0) {
            synchronized (this) {
                counters.bitrateLimitsExpired += dropped;
            }
            // RFC 5104 §4.2.2: the bounding set changed, so its remaining owners are told the new one
            if (limits.boundingSetChangedBySilence() && stream.state.tmmbr()) {
                notifyBoundingSet();
            }
            limits.passOn();
        }
    }

    /** Stops the timer; sends a BYE (RFC 3550 §6.6) when the stream was negotiated. */
    synchronized void stop(boolean bye) {
        if (stopped) {
            return;
        }
        stopped = true;
        if (timer != null) {
            timer.cancel(false);
        }
        if (bye) {
            sendReport(Kind.BYE);
        }
    }

    private enum Kind { BYE, PLI, FIR, REMB, TMMBR, TMMBN, NACK }

    /**
     * A generic NACK (RFC 4585 §6.2.1) for the peer's packets {@code lost[0, count)} of its source
     * {@code mediaSsrc}, sent at once as early feedback (§3.5.2) in a compound packet (RR or SR and
     * SDES first, §3.1, so a peer without reduced-size RTCP takes it); SRTCP under SDES-SRTP. On the
     * receive path's thread, when the stream's {@link VideoLossRepair} finds packets due.
     */
    @Override
    public synchronized boolean sendNack(int mediaSsrc, int[] lost, int count) {
        nacked = lost;
        nackedCount = count;
        nackedSsrc = mediaSsrc;
        boolean sent = sendReport(Kind.NACK);
        nacked = null;
        if (sent) {
            counters.nacksSent++;
        }
        return sent;
    }

    /** Loss that NACK gave up on: a key frame from the peer, by the one rate-limited path every request takes. */
    @Override
    public void sendPli(int mediaSsrc, long nowNanos) {
        requestKeyframe();
    }

    /**
     * Our consumer (or our own loss detection) wants a new key frame from the peer: PLI when
     * negotiated, else FIR, at most once per keyframe request interval.
     */
    void requestKeyframe() {
        long now = System.nanoTime();
        if (now - keyframeRequestAllowedNanos < 0) {
            counters.keyframeRequestsSuppressed++;
            return;
        }
        StreamState st = stream.state;
        Kind kind = st.pli() ? Kind.PLI : st.fir() ? Kind.FIR : null;
        if (kind == null) {
            counters.keyframeRequestsSuppressed++;
            return;
        }
        synchronized (this) {
            if (now - lastKeyframeRequestNanos < keyframeIntervalNanos && lastKeyframeRequestNanos != 0) {
                counters.keyframeRequestsSuppressed++;
                return;
            }
            lastKeyframeRequestNanos = now;
            keyframeRequestAllowedNanos = now + keyframeIntervalNanos;
            if (sendReport(kind)) {
                counters.keyframeRequestsSent++;
                if (kind == Kind.PLI) {
                    counters.plisSent++;
                } else {
                    counters.firsSent++;
                }
            }
        }
    }

    /** Our consumer can take at most this rate from the peer: REMB or TMMBR, whichever was negotiated. */
    synchronized void limitBitrate(long bitsPerSecond) {
        StreamState st = stream.state;
        Kind kind = st.remb() ? Kind.REMB : st.tmmbr() ? Kind.TMMBR : null;
        if (kind == null) {
            return;
        }
        bitrates[0] = bitsPerSecond;
        if (sendReport(kind)) {
            counters.bitrateLimitsSent++;
        }
    }

    /**
     * RFC 5104 §4.2.1.2: a media sender answers each TMMBR with a TMMBN stating its bounding set
     * (§3.5.4.2), so a requester knows it was heard (and need not repeat it) and whether it bounds
     * us. The set names every requester whose tuple bounds us at some packet rate, not only the last
     * one; a TMMBR at or above what we would send is how a requester lifts its limit, and it stays a
     * tuple (outside the set while another's is lower). With no tuple left the TMMBN is empty (§4.2.2.1).
     */
    synchronized void notifyBoundingSet() {
        boundingCount = limits.copyBoundingSet(boundingSsrcs, boundingBitrates, boundingOverheads);
        if (sendReport(Kind.TMMBN)) {
            counters.tmmbnSent++;
        }
    }

    /** Builds and sends one compound packet: SR/RR, SDES CNAME, then what {@code extra} names. Holds the lock. */
    private boolean sendReport(Kind extra) {
        StreamState st = stream.state;
        if (!st.active()) {
            return false;
        }
        if ((extra == null || extra == Kind.BYE) && peerRtcpBandwidth.off()) {
            // RFC 3556 §2: no reports (nor BYE) to a peer that wants no RTCP; feedback it negotiated
            // (a=rtcp-fb, RFC 4585 §4.2) still goes, as the compound packet §3.1 asks
            counters.rtcpReportsWithheld++;
            return false;
        }
        OutboundRtpStream outbound = stream.outbound;
        int ssrc = outbound.ssrc();
        RtpReceptionStats rs = stream.receive.stats();
        int remoteSsrc = rs == null ? 0 : rs.ssrc();
        int blockCount = 0;
        if (rs != null && extra == null) {
            long srNtp = peerSrNtp;
            if (srNtp != 0 && srNtp != appliedPeerSrNtp) {
                rs.onSenderReport(srNtp, peerSrArrivalNanos);
                appliedPeerSrNtp = srNtp;
            }
            rs.takeReport(block, System.nanoTime());
            reportedFractionLost = block.fractionLost;
            blockCount = 1;
        }
        int n;
        if (outbound.hasSent()) {
            // NTP time to the microsecond: the peer echoes it as LSR, and our round trip is measured against it
            n = RtcpWriter.writeSenderReport(out, 0, ssrc, NtpTime.now(),
                    outbound.timestampAt(System.nanoTime()), outbound.packetsSent(), outbound.octetsSent(), blocks,
                    blockCount);
        } else {
            n = RtcpWriter.writeReceiverReport(out, 0, ssrc, blocks, blockCount);
        }
        n += RtcpWriter.writeSdesCname(out, n, ssrc, cname, 0, cname.length);
        if (extra != null) {
            ssrcs[0] = remoteSsrc;
            int w = switch (extra) {
                case BYE -> {
                    ssrcs[0] = ssrc;
                    yield RtcpWriter.writeBye(out, n, ssrcs, 1, null, 0, 0);
                }
                case PLI -> RtcpWriter.writePli(out, n, ssrc, remoteSsrc);
                case FIR -> {
                    sequenceNumbers[0] = firSequence++; // RFC 5104 §4.3.1.1: one more per new request
                    yield RtcpWriter.writeFir(out, n, ssrc, ssrcs, sequenceNumbers, 1);
                }
                case REMB -> RtcpWriter.writeRemb(out, n, ssrc, bitrates[0], ssrcs, 1);
                case TMMBR -> RtcpWriter.writeTmmbr(out, n, ssrc, ssrcs, bitrates, overheads, 1);
                case TMMBN -> RtcpWriter.writeTmmbn(out, n, ssrc, boundingSsrcs, boundingBitrates, boundingOverheads,
                        boundingCount);
                case NACK -> RtcpWriter.writeNack(out, n, ssrc, nackedSsrc, nacked, nackedCount);
            };
            if (w < 0) {
                return false;
            }
            n += w;
        }
        SdesSrtp srtp = st.srtp();
        if (srtp != null) {
            n = srtp.protectRtcp(out, 0, n);
            if (n < 0) {
                counters.srtpProtectFailures++;
                return false;
            }
        }
        outView.clear().limit(n);
        if (stream.sendRtcp(outView, st)) {
            counters.rtcpSent++;
            boolean ipv6 = st.rtpPeer() != null && st.rtpPeer().getAddress() instanceof java.net.Inet6Address;
            averagePacketBits = RtcpBandwidth.averagePacketBits(averagePacketBits, n, ipv6);
            return true;
        }
        return false;
    }

    /**
     * Takes incoming compound RTCP on one socket's I/O thread (one reader per socket, so the
     * shared {@link RtcpFeedbackReader}'s reusable views are never shared between threads).
     */
    final class Reader implements RtcpFeedbackReader.Listener {
        private final RtcpFeedbackReader reader = new RtcpFeedbackReader(this);

        void onRtcp(byte[] b, int off, int length, StreamState st) {
            counters.rtcpReceived++;
            int len = length;
            if (st.srtp() != null) {
                len = st.srtp().unprotectRtcp(b, off, length);
                if (len < 0) {
                    counters.srtpUnprotectFailures++;
                    return;
                }
            }
            if (!reader.read(b, off, len, stream.outbound.ssrc())) {
                counters.badRtcp++;
            }
        }

        @Override
        public void senderReport(int ssrc, long ntpTimestamp) {
            counters.srReceived++;
            long now = System.nanoTime();
            peerSrArrivalNanos = now;
            peerSrNtp = ntpTimestamp;
            limits.heard(ssrc, now);
            stream.endpoint.rtcpPresence().report(stream.type, ssrc, now);
        }

        @Override
        public void receiverReport(int ssrc) {
            counters.rrReceived++;
            long now = System.nanoTime();
            limits.heard(ssrc, now);
            stream.endpoint.rtcpPresence().report(stream.type, ssrc, now);
        }

        @Override
        public void reportBlock(ReportBlock rb) {
            if (rb.ssrc != stream.outbound.ssrc()) {
                return;
            }
            feedback.reportBlock(rb, NtpTime.now(), System.nanoTime());
            // the smoothed loss to whatever encodes what we send this peer (a relay has no encoder)
            stream.endpoint.sinkPad(stream.type).receiverLoss(feedback.smoothedLoss().percent());
        }

        // RFC 4585 §6.3.1 / RFC 5104 §4.3.1: the peer's decoder needs a key frame from whatever feeds us.
        @Override
        public void keyframeRequested(int mediaSsrc, boolean fullIntraRequest) {
            counters.keyframeRequestsReceived++;
            if (mediaSsrc == stream.outbound.ssrc()) {
                feedback.keyframeRequested(fullIntraRequest);
            }
            if (stream.type == MediaType.VIDEO) {
                stream.endpoint.sinkPad(MediaType.VIDEO).requestKeyframe();
            }
        }

        // RFC 5104 §4.2.1: the requester's tuple joins the bounding set, whose media rate at our packet rate we obey
        @Override
        public void tmmbr(int requesterSsrc, long bitsPerSecond, int overhead) {
            counters.bitrateLimitsReceived++;
            limits.tmmbr(requesterSsrc, bitsPerSecond, overhead, System.nanoTime());
            if (stream.state.tmmbr()) {
                notifyBoundingSet();
            }
        }

        @Override
        public void remb(long bitsPerSecond, int[] ssrcs, int count) {
            for (int i = 0; i < count; i++) {
                if (ssrcs[i] == stream.outbound.ssrc()) {
                    feedback.remb(bitsPerSecond);
                }
            }
            counters.bitrateLimitsReceived++;
            limits.remb(bitsPerSecond, System.nanoTime());
        }

        // generic NACK (RFC 4585 §6.2.1): counted for getStats, answered from what we sent when negotiated
        @Override
        public void nack(int mediaSsrc, int[] lost, int count) {
            if (mediaSsrc == stream.outbound.ssrc()) {
                feedback.nack();
                stream.retransmitter.nack(lost, count);
            }
        }

        @Override
        public void bye() {
            counters.byeReceived++;
        }

        @Override
        public void sourceLeft(int ssrc) {
            stream.endpoint.rtcpPresence().bye(stream.type, ssrc, System.nanoTime());
        }

        @Override
        public void malformed() {
            counters.badRtcp++;
        }
    }
}
