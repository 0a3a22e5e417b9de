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
import org.webims.media.rtp.payload.amrwb.AmrWbFrameType;
import org.webims.media.rtp.payload.dtmf.DtmfListener;
import org.webims.media.rtp.payload.dtmf.DtmfReceiver;
import org.webims.media.rtp.payload.dtmf.TelephoneEvent;
import org.webims.media.transport.DatagramHandler;

/**
 * RTP in, on the I/O thread that owns the RTP socket: peer filter, SRTP, header check, payload
 * type, reception statistics, then one reused {@link InboundPacket} pushed out of the source pad.
 * Allocates nothing per packet (a new sender SSRC gets new statistics). With rtcp-mux, RTCP on
 * the same socket goes to {@link RtcpSession}.
 */
final class ReceivePath implements DatagramHandler {

    private final RtpStream stream;
    private final StreamCounters counters;
    private final RtpPacket rtp = new RtpPacket();
    private final InboundPacket packet = new InboundPacket();
    private final SequenceContinuity continuity = new SequenceContinuity();
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
    }

    @Override
    public void onDatagram(byte[] buffer, int offset, int length, InetSocketAddress from) {
        if (!stream.rtpFilter.accept(from)) {
            return; // counted by the filter
        }
        StreamState st = stream.state;
        if (st.rtcpMux() && RtcpMux.isRtcp(buffer, offset, length)) {
            stream.rtcp.muxedReader.onRtcp(buffer, offset, length, st);
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
            counters.unknownPayloadType++;
            return;
        }
        RtpReceptionStats s = stats;
        int ssrc = rtp.ssrc();
        if (s == null || s.ssrc() != ssrc) {
            s = new RtpReceptionStats(ssrc, 1); // a new source: the filter already vouches for the peer
            stats = s;
            continuity.reset();
            dtmf.reset();
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
        if (stream.type == MediaType.VIDEO && continuity.next(rtp.sequenceNumber()) > 0) {
            counters.lossEvents++;
            stream.rtcp.requestKeyframe(); // RFC 4585 §6.3.1: a decoder missing data asks for a new picture
        }
        source.push(packet.fill(rtp, format, kind, now));
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

    RtpReceptionStats stats() {
        return stats;
    }

    /** System.nanoTime() of the last RTP packet from the peer (up to 100 ms earlier), 0 if none yet. */
    long lastRtpNanos() {
        return lastRtpNanos;
    }
}
