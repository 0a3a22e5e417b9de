package org.webims.media.endpoint.rtp;

import java.net.InetSocketAddress;
import org.webims.media.endpoint.DtmfEndpoint;
import org.webims.media.endpoint.rtp.path.InboundPacket;
import org.webims.media.endpoint.rtp.path.PayloadKind;
import org.webims.media.pipeline.MediaFormat;
import org.webims.media.pipeline.MediaType;
import org.webims.media.pipeline.PadCounters;
import org.webims.media.pipeline.SinkPad;
import org.webims.media.pipeline.SourcePad;
import org.webims.media.rtp.RtcpMux;
import org.webims.media.rtp.RtpPacket;
import org.webims.media.rtp.RtpReceptionStats;
import org.webims.media.rtp.payload.SequenceContinuity;
import org.webims.media.rtp.session.RtxPacket;
import org.webims.media.rtp.session.VideoLossRepair;
import org.webims.media.rtp.payload.amrwb.AmrWbFrameType;
import org.webims.media.rtp.payload.dtmf.DtmfListener;
import org.webims.media.rtp.payload.dtmf.DtmfReceiver;
import org.webims.media.rtp.payload.dtmf.TelephoneEvent;
import org.webims.media.transport.DatagramHandler;

/**
 * RTP in, on the I/O thread that owns the RTP socket: peer filter, SRTP, header check, payload
 * type, reception statistics, then one reused {@link InboundPacket} pushed out of the source pad.
 * Video whose payload type takes generic NACK is repaired (decision 0067): missing packets are
 * asked for again, and the peer's RTX retransmissions are restored to the original packets.
 * Allocates nothing per packet (a new sender SSRC gets new statistics). With rtcp-mux, RTCP on
 * the same socket goes to {@link RtcpSession}.
 */
final class ReceivePath implements DatagramHandler {

    private final RtpStream stream;
    private final StreamCounters counters;
    private final RtpPacket rtp = new RtpPacket();
    private final InboundPacket packet = new InboundPacket();
    private final SequenceContinuity continuity = new SequenceContinuity();
    private VideoLossRepair repair; // null until the peer's video arrives with nack negotiated (audio: always)
    private final LossRepairTimer repairTimer; // video only: asks again while the peer sends nothing
    private final DtmfReceiver dtmf = new DtmfReceiver();
    private final DtmfListener dtmfListener;
    private final SourcePad source;
    private final SinkPad audioSink;
    private final long baseNanos = System.nanoTime();
    private volatile RtpReceptionStats stats;
    private volatile long lastRtpNanos;
    private int lastCmr = AmrWbFrameType.NO_REQUEST;
    private int dtmfClockRate = 8000;
    // What the last packet's payload type means in the state it was looked up in (this thread's own):
    // a call's packets nearly all carry one, so a packet reads these fields instead of the state's table
    // and its two arrays and the format, cold in a relay of many calls (decision 0045). A renegotiation
    // publishes another state object, which is looked up again.
    private StreamState lookedUpIn;
    private int lookedUpPt = -1;
    private MediaFormat format;
    private PayloadKind kind;
    private int clockRate;

    ReceivePath(RtpStream stream) {
        this.stream = stream;
        this.counters = stream.counters;
        this.source = stream.endpoint.sourcePad(stream.type);
        this.audioSink = stream.endpoint.sinkPad(MediaType.AUDIO);
        this.dtmfListener = this::onDtmf;
        // the stream's registration is made after this path; the timer reads it when it fires
        this.repairTimer = stream.type != MediaType.VIDEO ? null : new LossRepairTimer(
                stream.endpoint.pipeline().engine().scheduler(), task -> stream.rtpRegistration.execute(task),
                this::askPending);
    }

    @Override
    public void onDatagram(byte[] buffer, int offset, int length, InetSocketAddress from) {
        if (!stream.rtpFilter.accept(from)) {
            return; // counted by the filter
        }
        StreamState st = stream.state;
        if (st.rtcpMux() && RtcpMux.isRtcp(buffer, offset, length)) {
            muxedRtcp(buffer, offset, length, st);
            return;
        }
        int len = length;
        if (st.srtp() != null) {
            len = st.srtp().unprotectRtp(buffer, offset, length);
            if (len < 0) {
                counters.srtpUnprotectFailures++;
                return;
            }
        }
        if (!rtp.wrap(buffer, offset, len)) {
            counters.badRtp++;
            return;
        }
        long now = System.nanoTime();
        long last = lastRtpNanos;
        if (last == 0 || now - last >= PadCounters.LAST_PACKET_RESOLUTION_NANOS) { // a volatile write per packet is a fence
            lastRtpNanos = now; // published in steps, far below the media timeout (seconds)
        }
        counters.rtpReceived++;
        counters.rtpBytesReceived += len;
        counters.payloadBytesReceived += rtp.payloadLength();
        if (!st.receives()) {
            counters.droppedNotReceiving++;
            return;
        }
        int pt = rtp.payloadType();
        if (st != lookedUpIn || pt != lookedUpPt) {
            lookUp(st, pt);
        }
        MediaFormat format = this.format;
        if (format == null) {
            notMedia(st, pt, buffer, now); // rare: out of this method, which every packet runs
            return;
        }
        RtpReceptionStats s = stats;
        int ssrc = rtp.ssrc();
        if (s == null || s.ssrc() != ssrc) {
            s = newSource(ssrc);
        }
        s.update(rtp.sequenceNumber(), rtp.timestamp(), arrival(now, clockRate));
        PayloadKind kind = this.kind;
        if (kind == PayloadKind.TELEPHONE_EVENT) {
            dtmfClockRate = clockRate; // durations are in the units of the payload type's rate
            dtmf.push(rtp, dtmfListener);
            if (stream.settings.forwardDtmf()) {
                source.push(packet.fill(rtp, format, kind, now));
            }
            return;
        }
        if (kind == PayloadKind.AMR_WB && rtp.payloadLength() > 0) {
            readCmr(buffer[rtp.payloadOffset()]);
        }
        if (stream.type == MediaType.VIDEO) {
            watchVideo(st, pt, ssrc, now);
        }
        source.push(packet.fill(rtp, format, kind, now));
    }

    /**
     * Loss in the peer's video: where it takes generic NACK for the payload type (RFC 4585 §4.2), the
     * missing packets are asked for again (§6.2.1) and a PLI goes only where that gives up; else a gap
     * asks for a new picture at once (§6.3.1: a decoder missing data cannot go on).
     */
    private void watchVideo(StreamState st, int pt, int ssrc, long now) {
        int seq = rtp.sequenceNumber();
        int gap = continuity.next(seq);
        if (gap > 0) {
            counters.lossEvents++;
        }
        if (!st.receiveTable().nack(pt)) {
            if (gap > 0) {
                stream.rtcp.requestKeyframe();
            }
            return;
        }
        VideoLossRepair r = repair;
        if (r == null) {
            r = new VideoLossRepair(stream.rtcp.feedback::roundTripUnits); // the first video packet that takes nack
            repair = r;
        }
        r.nacks.received(seq, now); // a late or resent original goes on as it came: the depacketizers resequence
        ask(r, ssrc, now);
    }

    /**
     * An RTX packet (RFC 4588 §4) of the payload type {@code pt}, whose apt is a video format we
     * receive: restored in {@code buffer} to the original, it goes on as that packet, late, when it
     * fills a hole; a copy of a packet we have is dropped, a padding-only one (no OSN) counted. Its
     * original source is the one the peer's FID group pairs with it (RFC 5576 §4.2), else the video
     * source we receive. Its own source is not a new stream for the reception statistics: only a
     * restored packet that filled a hole is counted there, as received (RFC 3550 A.3).
     */
    private void retransmission(StreamState st, int pt, byte[] buffer, long now) {
        counters.rtxReceived++;
        int apt = st.receiveTable().associated(pt);
        MediaFormat original = st.receiveTable().format(apt);
        RtpReceptionStats s = stats;
        VideoLossRepair r = repair;
        int ssrc = st.rtxOriginalSsrc(rtp.ssrc());
        if (ssrc == 0 && s != null) {
            ssrc = s.ssrc();
        }
        if (stream.type != MediaType.VIDEO || original == null || r == null || ssrc == 0
                || s == null || s.ssrc() != ssrc) {
            counters.rtxNotRestored++; // nothing asked for yet, or of a stream we do not receive
            return;
        }
        int length = rtp.length();
        int at = RtxPacket.restore(rtp, apt, ssrc);
        if (at < 0 || !rtp.wrap(buffer, at, length - RtxPacket.OSN_BYTES) || rtp.payloadLength() == 0) {
            r.paddingOnly();
            return;
        }
        if (!r.retransmission(r.nacks.received(rtp.sequenceNumber(), now))) {
            return;
        }
        s.receivedLate(rtp.sequenceNumber());
        ask(r, ssrc, now);
        PayloadKind originalKind = st.receiveTable().kind(apt);
        source.push(packet.fill(rtp, original, originalKind, now));
    }

    private void muxedRtcp(byte[] buffer, int offset, int length, StreamState st) {
        stream.rtcp.muxedReader.onRtcp(buffer, offset, length, st);
        askPending(); // the peer's RTCP keeps the asks going when its video pauses
    }

    /** Asks for what is due of the video source we receive; on this thread, from its RTCP or the timer. */
    private void askPending() {
        RtpReceptionStats s = stats;
        if (repair != null && s != null) {
            ask(repair, s.ssrc(), System.nanoTime());
        }
    }

    // while a packet is still missing the timer asks again, should the peer send nothing more
    private void ask(VideoLossRepair r, int ssrc, long now) {
        r.askForMissing(ssrc, now, stream.rtcp);
        if (r.nacks.missing() > 0) {
            repairTimer.arm();
        }
    }

    /** The stream is closing: no more asks. */
    void close() {
        if (repairTimer != null) {
            repairTimer.stop();
        }
    }

    // a new source: the filter already vouches for the peer
    private RtpReceptionStats newSource(int ssrc) {
        RtpReceptionStats s = new RtpReceptionStats(ssrc, 1);
        stats = s;
        continuity.reset();
        dtmf.reset();
        if (repair != null) {
            repair.nacks.reset(); // what the old source missed is not asked of the new one
        }
        return s;
    }

    /** A payload type with no format: rtx of a format we receive, else one not negotiated. */
    private void notMedia(StreamState st, int pt, byte[] buffer, long now) {
        if (st.receiveTable().associated(pt) < 0) {
            counters.unknownPayloadType++;
        } else {
            retransmission(st, pt, buffer, now);
        }
    }

    private void lookUp(StreamState st, int pt) {
        format = st.receiveTable().format(pt);
        kind = st.receiveTable().kind(pt);
        clockRate = format == null ? 0 : format.clockRate();
        lookedUpIn = st;
        lookedUpPt = pt;
    }

    // once per event, at its end: relayed to what our audio feeds, then raised (RFC 4733 §2.5.2)
    private void onDtmf(int event, int volume, int durationUnits, long rtpTimestamp) {
        counters.dtmfEvents++;
        int durationMs = (int) ((long) durationUnits * 1000 / dtmfClockRate);
        char digit = TelephoneEvent.digit(event);
        int relayed = digit == '?' || stream.settings.forwardDtmf() ? 0
                : DtmfEndpoint.relay(stream.endpoint, digit, durationMs);
        stream.endpoint.raise(new DtmfReceived(stream.endpoint, digit, event, volume, durationMs, relayed));
    }

    /**
     * RFC 4867 §4.3.1 and §4.4.1: the first four bits of the payload are the CMR in both layouts.
     * It asks us, the receiver of these packets, to send at most that mode: our encoder toward
     * this peer is whatever feeds our sink pad.
     */
    private void readCmr(byte first) {
        int cmr = (first >>> 4) & 0x0F;
        if (cmr == lastCmr) {
            return;
        }
        lastCmr = cmr;
        if (AmrWbFrameType.isSpeech(cmr)) {
            audioSink.limitBitrate(AmrWbModes.bitrate(cmr));
            counters.bitrateLimitsReceived++;
        }
    }

    // RFC 3550 A.8: arrival time in the stream's timestamp units (microseconds keep the product in range).
    private long arrival(long nowNanos, int clockRate) {
        return (nowNanos - baseNanos) / 1000 * clockRate / 1_000_000;
    }

    /** The repair of the peer's video, null before any came with nack negotiated (getStats reads it racily). */
    VideoLossRepair repair() {
        return repair;
    }

    RtpReceptionStats stats() {
        return stats;
    }

    /** System.nanoTime() of the last RTP packet from the peer (up to 100 ms earlier), 0 if none yet. */
    long lastRtpNanos() {
        return lastRtpNanos;
    }
}
