package org.webims.webrtc.media;

import java.util.ArrayList;
import java.util.List;
import org.webims.media.pipeline.MediaType;
import org.webims.media.rtp.NtpTime;
import org.webims.media.rtp.ReportBlock;
import org.webims.media.rtp.RtcpTransportCcWriter;
import org.webims.media.rtp.RtcpWriter;
import org.webims.media.rtp.RtpPacket;
import org.webims.media.rtp.RtpReceptionStats;
import org.webims.media.endpoint.rtp.InboundRtpStats;
import org.webims.media.sdp.bandwidth.RtcpBandwidth;

/**
 * What we tell the browser about the media it sends us, so its bandwidth estimation has input
 * and does not starve video: transport-cc feedback every 100 ms when negotiated
 * (draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1), and every second a receiver report
 * (RFC 3550 §6.4.2) with a REMB at our ceiling (draft-alvestrand-rmcat-remb-03), and with it a
 * sender report (RFC 3550 §6.4.1) for each stream of ours that sends, whose NTP time the
 * browser's report blocks echo so that we can measure the round trip. Driven by arriving RTP and
 * RTCP on the I/O thread: a browser that only receives still sends its receiver reports, so our
 * sender reports reach it too.
 */
final class ReceiverFeedback {

    private static final int MAX_SOURCES = 8;
    private static final long TRANSPORT_CC_INTERVAL = 100_000_000L;
    private static final long REPORT_INTERVAL = 1_000_000_000L;

    private final RtcpOut out;
    private final OutboundMediaStream[] ours;
    private final Source[] sources = new Source[MAX_SOURCES];
    // the report writers' inputs, in the order of sources
    private final ReportBlock[] blocks = new ReportBlock[MAX_SOURCES];
    private final int[] remoteSsrcs = new int[MAX_SOURCES];
    /** The source of the last packet: the next one is almost always of the same stream. */
    private Source last;
    private final RtcpTransportCcWriter transportCc = new RtcpTransportCcWriter(1024);
    private final byte[] buffer = new byte[1500];
    private int sourceCount;
    private int transportCcCount;
    private int transportCcMediaSsrc;
    private long lastTransportCc;
    private long nextReport;
    private volatile long bitrateCeiling;
    /** The browser's b=RS/b=RR (RFC 3556 §2), set at each negotiation. */
    private volatile RtcpBandwidth peerRtcpBandwidth = RtcpBandwidth.NONE_STATED;
    /** RFC 3550 §6.3.3: the average compound packet we send, IPv4 and UDP headers included, in bits; 0 before one. */
    private double averagePacketBits;
    private volatile long reportsWithheld;
    /** The streams as of the last report; replaced once a report interval, never per packet. */
    private volatile List<InboundRtpStats> published = List.of();

    ReceiverFeedback(RtcpOut out, long bitrateCeiling, OutboundMediaStream... ours) {
        this.out = out;
        this.ours = ours;
        this.bitrateCeiling = bitrateCeiling;
        for (int i = 0; i < MAX_SOURCES; i++) {
            blocks[i] = new ReportBlock();
        }
    }

    /** What the browser's description says of RTCP: no reports (RS and RR 0), or the bandwidth for our interval. */
    void peerRtcpBandwidth(RtcpBandwidth value) {
        peerRtcpBandwidth = value;
    }

    /** The reports not sent because the browser said b=RS:0 and b=RR:0. */
    long reportsWithheld() {
        return reportsWithheld;
    }

    /** Lowers (or restores) the REMB we send; from any thread. */
    void limit(long bitsPerSecond) {
        bitrateCeiling = bitsPerSecond;
    }

    /**
     * Accounts one decrypted RTP packet; {@code mediaType} is null for what is not media (rtx,
     * telephone-event, an unknown payload type), {@code transportSeq} -1 without the extension.
     */
    void onRtp(RtpPacket rtp, int clockRate, MediaType mediaType, int transportSeq, long nowNanos) {
        Source s = last;
        if (s == null || s.ssrc != rtp.ssrc()) {
            s = source(rtp.ssrc(), clockRate);
            last = s;
        }
        if (s != null) {
            long arrival = nowNanos / 1000 * clockRate / 1_000_000;
            s.stats.update(rtp.sequenceNumber(), rtp.timestamp(), arrival);
            s.payloadBytes += rtp.payloadLength();
            if (s.mediaType == null) {
                s.mediaType = mediaType;
            }
        }
        if (transportSeq >= 0) {
            long micros = nowNanos / 1000;
            transportCcMediaSsrc = rtp.ssrc();
            if (!transportCc.addReceived(transportSeq, micros)) {
                flushTransportCc(nowNanos);
                transportCc.addReceived(transportSeq, micros);
            }
        }
        if (transportCc.packetCount() > 0 && nowNanos - lastTransportCc >= TRANSPORT_CC_INTERVAL) {
            flushTransportCc(nowNanos);
        }
        reportIfDue(nowNanos);
    }

    /**
     * A packet of the browser's stream {@code ssrc} came late as a retransmission and filled a hole:
     * received, for the loss our reports state (RFC 3550 A.3); not a jitter sample.
     */
    void onRepaired(int ssrc, int seq) {
        for (int i = 0; i < sourceCount; i++) {
            if (remoteSsrcs[i] == ssrc) {
                sources[i].stats.receivedLate(seq);
            }
        }
    }

    /** The browser's RTCP arrived (after it was read). */
    void onRtcp(long nowNanos) {
        reportIfDue(nowNanos);
    }

    private void reportIfDue(long nowNanos) {
        if (nowNanos - nextReport >= 0) {
            sendReport(nowNanos);
            // the browser's RS + RR only lengthen our interval (RFC 3550 §6.2 keeps RTCP within its share)
            nextReport = nowNanos + Math.max(REPORT_INTERVAL, peerRtcpBandwidth.intervalNanos(averagePacketBits));
        }
    }

    void onSenderReport(int ssrc, long ntp, long nowNanos) {
        for (int i = 0; i < sourceCount; i++) {
            if (remoteSsrcs[i] == ssrc) {
                sources[i].stats.onSenderReport(ntp, nowNanos);
            }
        }
    }

    /** The browser's streams as of our last receiver report (the I/O thread publishes them once a second). */
    List<InboundRtpStats> inboundStreams() {
        return published;
    }

    /** The media type of the browser's RTP source {@code ssrc}, or null for one not seen (or not media). */
    MediaType mediaTypeOf(int ssrc) {
        for (int i = 0; i < sourceCount; i++) {
            if (remoteSsrcs[i] == ssrc) {
                return sources[i].mediaType;
            }
        }
        return null;
    }

    /** The stream's reception state, null past {@link #MAX_SOURCES}. */
    private Source source(int ssrc, int clockRate) {
        for (int i = 0; i < sourceCount; i++) {
            if (remoteSsrcs[i] == ssrc) {
                return sources[i];
            }
        }
        if (sourceCount == MAX_SOURCES) {
            return null;
        }
        remoteSsrcs[sourceCount] = ssrc;
        Source s = new Source(ssrc, clockRate);
        sources[sourceCount++] = s;
        return s;
    }

    /**
     * What a packet of one stream updates, in one object: a relay of many calls comes back to a
     * call's state after every other call's packet, cold, and five parallel arrays were five cache
     * lines where this is one (decision 0043).
     */
    private static final class Source {
        final int ssrc;
        final int clockRate;
        final RtpReceptionStats stats;
        MediaType mediaType;
        long payloadBytes;

        Source(int ssrc, int clockRate) {
            this.ssrc = ssrc;
            this.clockRate = clockRate;
            this.stats = new RtpReceptionStats(ssrc, 1);
        }
    }

    private void flushTransportCc(long nowNanos) {
        int n = transportCc.write(buffer, 0, out.senderSsrc(), transportCcMediaSsrc, transportCcCount & 0xff);
        transportCc.reset();
        lastTransportCc = nowNanos;
        if (n > 0) {
            transportCcCount++;
            out.send(buffer, 0, n);
        }
    }

    private void sendReport(long nowNanos) {
        List<InboundRtpStats> streams = new ArrayList<>(sourceCount);
        for (int i = 0; i < sourceCount; i++) {
            Source s = sources[i];
            s.stats.takeReport(blocks[i], nowNanos);
            if (s.mediaType != null) {
                streams.add(new InboundRtpStats(s.ssrc, s.mediaType, s.stats.received(), s.payloadBytes,
                        blocks[i].cumulativeLost, blocks[i].fractionLost / 256.0,
                        (double) blocks[i].jitter / s.clockRate, 0));
            }
        }
        published = List.copyOf(streams);
        if (peerRtcpBandwidth.off()) {
            // RFC 3556 §2: no reports to a browser that wants no RTCP; the REMB, feedback, still goes
            // (decision 0081), alone as reduced-size RTCP (RFC 5506 §3, the a=rtcp-rsize WebRTC negotiates)
            reportsWithheld++;
            int remb = sourceCount == 0 ? -1
                    : RtcpWriter.writeRemb(buffer, 0, out.senderSsrc(), bitrateCeiling, remoteSsrcs, sourceCount);
            if (remb > 0) {
                out.send(buffer, 0, remb);
            }
            return;
        }
        int n = RtcpWriter.writeReceiverReport(buffer, 0, out.senderSsrc(), blocks, sourceCount);
        if (n < 0) {
            return;
        }
        // after the RR, which keeps the compound's first SSRC, and so its SRTCP context, our sender SSRC
        long ntp = NtpTime.now();
        for (OutboundMediaStream s : ours) {
            n += s.writeSenderReport(buffer, n, ntp, nowNanos);
        }
        if (sourceCount > 0) {
            int remb = RtcpWriter.writeRemb(buffer, n, out.senderSsrc(), bitrateCeiling, remoteSsrcs, sourceCount);
            if (remb > 0) {
                n += remb;
            }
        }
        out.send(buffer, 0, n);
        averagePacketBits = RtcpBandwidth.averagePacketBits(averagePacketBits, n, false);
    }
}
