package org.webims.media.endpoint.rtp.path;

import org.webims.media.rtp.ReportBlock;
import org.webims.media.rtp.RtcpBye;
import org.webims.media.rtp.RtcpCompound;
import org.webims.media.rtp.RtcpFeedback;
import org.webims.media.rtp.RtcpFir;
import org.webims.media.rtp.RtcpNack;
import org.webims.media.rtp.RtcpPacketType;
import org.webims.media.rtp.RtcpReceiverReport;
import org.webims.media.rtp.RtcpRemb;
import org.webims.media.rtp.RtcpSenderReport;
import org.webims.media.rtp.RtcpTmmb;
import org.webims.media.rtp.RtcpTransportCc;

/**
 * Reads one (decrypted) compound RTCP packet from the peer and tells a {@link Listener} what it
 * reports and asks: sender and receiver reports, PLI and FIR (RFC 4585 §6.3.1, RFC 5104 §4.3.1),
 * REMB and TMMBR (RFC 5104 §4.2.1), generic NACK (RFC 4585 §6.2.1), transport-wide congestion
 * control feedback (draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1), BYE and the sources
 * it names. Reduced-size RTCP (RFC 5506) is accepted. One reader per receiving thread: its views
 * are reused, nothing is allocated per packet.
 */
public final class RtcpFeedbackReader {

    /** What a path does with the peer's RTCP; every call on the reading thread, views valid only during it. */
    public interface Listener {
        default void senderReport(int ssrc, long ntpTimestamp) { }
        default void receiverReport(int ssrc) { }
        /** One report block of an SR or RR (about us or another of our sources). */
        default void reportBlock(ReportBlock block) { }
        /**
         * A PLI (RFC 4585 §6.3.1) or, with {@code fullIntraRequest}, a FIR (RFC 5104 §4.3.1) for our
         * source {@code mediaSsrc}: a PLI's media source, a FIR's entry naming us (else its first).
         */
        default void keyframeRequested(int mediaSsrc, boolean fullIntraRequest) { }
        /** A TMMBR entry for us, or a REMB ({@link #remb} passes it on here unless overridden). */
        default void bitrateLimited(long bitsPerSecond) { }
        /**
         * A TMMBR entry for us (RFC 5104 §4.2.1) from {@code requesterSsrc}, with the overhead it
         * measured; passed on as {@link #bitrateLimited} unless overridden.
         */
        default void tmmbr(int requesterSsrc, long bitsPerSecond, int overhead) {
            bitrateLimited(bitsPerSecond);
        }
        /** A REMB: the receiver's estimate for the streams {@code ssrcs[0, count)}. */
        default void remb(long bitsPerSecond, int[] ssrcs, int count) {
            bitrateLimited(bitsPerSecond);
        }
        /** {@code lost[0, count)}: the sequence numbers the peer misses of our source {@code mediaSsrc}. */
        default void nack(int mediaSsrc, int[] lost, int count) { }
        /**
         * Transport-wide feedback about the transport sequence numbers we sent, already checked
         * (statuses and deltas within the packet): read it with its cursor during the call.
         */
        default void transportFeedback(RtcpTransportCc feedback) { }
        default void bye() { }
        /** Each source a BYE names (RFC 3550 §6.6), after {@link #bye}: the peer's source {@code ssrc} leaves. */
        default void sourceLeft(int ssrc) { }
        /** A packet of the compound did not parse; the rest of the compound is still read. */
        default void malformed() { }
    }

    private final RtcpCompound compound = new RtcpCompound(true);
    private final RtcpSenderReport sr = new RtcpSenderReport();
    private final RtcpReceiverReport rr = new RtcpReceiverReport();
    private final RtcpFeedback feedback = new RtcpFeedback();
    private final RtcpFir fir = new RtcpFir();
    private final RtcpRemb remb = new RtcpRemb();
    private final RtcpTmmb tmmb = new RtcpTmmb();
    private final RtcpNack nack = new RtcpNack();
    private final RtcpTransportCc transportCc = new RtcpTransportCc();
    private final RtcpBye bye = new RtcpBye();
    private final ReportBlock block = new ReportBlock();
    private final int[] lost = new int[256];
    private final int[] rembSsrcs = new int[255]; // RFC draft-alvestrand-rmcat-remb-03 §2.2: Num SSRC is 8 bits
    private final Listener listener;

    public RtcpFeedbackReader(Listener listener) {
        this.listener = listener;
    }

    /**
     * Reads {@code b[off, off+len)}.
     *
     * @param ourSsrc the source a TMMBR entry must name to apply to us (any, when it has one entry)
     * @return false when it is no compound RTCP packet at all (counted by the caller)
     */
    public boolean read(byte[] b, int off, int len, int ourSsrc) {
        if (!compound.wrap(b, off, len)) {
            return false;
        }
        while (compound.next()) {
            int at = compound.packetOffset();
            int plen = compound.packetLength();
            switch (compound.packetType()) {
                case RtcpPacketType.SR -> senderReport(b, at, plen);
                case RtcpPacketType.RR -> receiverReport(b, at, plen);
                case RtcpPacketType.PSFB -> payloadFeedback(b, at, plen, ourSsrc);
                case RtcpPacketType.RTPFB -> transportFeedback(b, at, plen, ourSsrc);
                case RtcpPacketType.BYE -> bye(b, at, plen);
                default -> { } // SDES, APP, XR: nothing a path acts on
            }
        }
        return true;
    }

    private void senderReport(byte[] b, int at, int plen) {
        if (!sr.wrap(b, at, plen)) {
            listener.malformed();
            return;
        }
        listener.senderReport(sr.ssrc(), sr.ntpTimestamp());
        for (int i = 0; i < sr.reportCount(); i++) {
            sr.readReportBlock(i, block);
            listener.reportBlock(block);
        }
    }

    private void receiverReport(byte[] b, int at, int plen) {
        if (!rr.wrap(b, at, plen)) {
            listener.malformed();
            return;
        }
        listener.receiverReport(rr.ssrc());
        for (int i = 0; i < rr.reportCount(); i++) {
            rr.readReportBlock(i, block);
            listener.reportBlock(block);
        }
    }

    private void bye(byte[] b, int at, int plen) {
        listener.bye();
        if (!bye.wrap(b, at, plen)) {
            listener.malformed();
            return;
        }
        for (int i = 0; i < bye.ssrcCount(); i++) {
            listener.sourceLeft(bye.ssrc(i));
        }
    }

    private void payloadFeedback(byte[] b, int at, int plen, int ourSsrc) {
        int fmt = compound.count();
        boolean ok;
        if (fmt == RtcpPacketType.FMT_PLI) {
            ok = feedback.wrap(b, at, plen);
            if (ok) {
                listener.keyframeRequested(feedback.mediaSsrc(), false);
            }
        } else if (fmt == RtcpPacketType.FMT_FIR) {
            ok = fir.wrap(b, at, plen);
            if (ok) {
                listener.keyframeRequested(firTarget(ourSsrc), true);
            }
        } else if (fmt == RtcpPacketType.FMT_AFB) {
            ok = remb.wrap(b, at, plen) || feedback.wrap(b, at, plen); // other AFB: not ours to read
            if (remb.fault() == null) {
                int n = Math.min(remb.ssrcCount(), rembSsrcs.length);
                for (int i = 0; i < n; i++) {
                    rembSsrcs[i] = remb.ssrc(i);
                }
                listener.remb(remb.bitrate(), rembSsrcs, n);
            }
        } else {
            ok = feedback.wrap(b, at, plen);
        }
        if (!ok) {
            listener.malformed();
        }
    }

    /** RFC 5104 §4.3.1.2: a FIR's media source field is unused; each FCI entry names its target. */
    private int firTarget(int ourSsrc) {
        for (int i = 0; i < fir.entryCount(); i++) {
            if (fir.ssrc(i) == ourSsrc) {
                return ourSsrc;
            }
        }
        return fir.entryCount() > 0 ? fir.ssrc(0) : 0;
    }

    private void transportFeedback(byte[] b, int at, int plen, int ourSsrc) {
        int fmt = compound.count();
        if (fmt == RtcpPacketType.FMT_TMMBR) {
            if (!tmmb.wrap(b, at, plen)) {
                listener.malformed();
                return;
            }
            for (int i = 0; i < tmmb.entryCount(); i++) {
                if (tmmb.ssrc(i) == ourSsrc || tmmb.entryCount() == 1) {
                    listener.tmmbr(tmmb.senderSsrc(), tmmb.bitrate(i), tmmb.overhead(i));
                    break;
                }
            }
        } else if (fmt == RtcpPacketType.FMT_NACK) {
            if (!nack.wrap(b, at, plen)) {
                listener.malformed();
                return;
            }
            listener.nack(nack.mediaSsrc(), lost, nack.lostSequenceNumbers(lost));
        } else if (fmt == RtcpPacketType.FMT_TRANSPORT_CC) {
            if (!transportCc.wrap(b, at, plen)) {
                listener.malformed();
                return;
            }
            listener.transportFeedback(transportCc);
        }
    }
}
