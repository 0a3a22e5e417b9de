package org.webims.webrtc.media;

import java.nio.ByteBuffer;
import org.webims.media.rtp.RtcpWriter;
import org.webims.media.rtp.session.VideoLossRepair;
import org.webims.media.srtp.SrtpResult;
import org.webims.media.srtp.SrtpSender;
import org.webims.webrtc.transport.BundlePort;

/**
 * Our RTCP to the browser, SRTCP-protected. Reports come from the I/O thread, keyframe requests
 * from whichever thread asked upstream: RTCP is a few packets a second, so one lock here keeps
 * the SRTCP index of our sender SSRC in order (RFC 3711 §3.4) without touching the media path.
 */
public final class RtcpOut implements VideoLossRepair.Feedback {

    private static final int MAX = 1500;
    /** The browser's streams we keep a PLI count for; it sends one audio and one video stream (and rtx). */
    private static final int MAX_STREAMS = 8;

    private final BundlePort port;
    private final int senderSsrc;
    private final long pliIntervalNanos;
    private final byte[] buffer = new byte[MAX + 64];
    private final ByteBuffer view = ByteBuffer.wrap(buffer);
    private SrtpSender sender;
    private long lastPliNanos;
    private boolean pliSent;
    private long sent;
    private long plis;
    private long nacks;
    // PLIs and NACKs sent per stream of the browser, for its RTCInboundRTPStreamStats: filled in order, never moved
    private final int[] streamSsrcs = new int[MAX_STREAMS];
    private final long[] pliCounts = new long[MAX_STREAMS];
    private final long[] nackCounts = new long[MAX_STREAMS];
    private int streams;

    public RtcpOut(BundlePort port, int senderSsrc, long pliIntervalNanos) {
        this.port = port;
        this.senderSsrc = senderSsrc;
        this.pliIntervalNanos = pliIntervalNanos;
    }

    public int senderSsrc() { return senderSsrc; }

    public synchronized void keyed(SrtpSender srtcp) {
        this.sender = srtcp;
    }

    public synchronized long sent() { return sent; }
    public synchronized long plisSent() { return plis; }

    public synchronized long nacksSent() { return nacks; }

    /** The PLIs sent for the browser's stream {@code mediaSsrc}; 0 for one we never asked. */
    public synchronized long plisSent(int mediaSsrc) {
        int i = indexOf(mediaSsrc);
        return i < 0 ? 0 : pliCounts[i];
    }

    /** The generic NACK packets sent for the browser's stream {@code mediaSsrc}; 0 for one we never asked. */
    public synchronized long nacksSent(int mediaSsrc) {
        int i = indexOf(mediaSsrc);
        return i < 0 ? 0 : nackCounts[i];
    }

    private int indexOf(int mediaSsrc) {
        for (int i = 0; i < streams; i++) {
            if (streamSsrcs[i] == mediaSsrc) {
                return i;
            }
        }
        return -1;
    }

    /** The stream's slot in the per-stream counts, added on first use; -1 past {@link #MAX_STREAMS}. */
    private int slot(int mediaSsrc) {
        int i = indexOf(mediaSsrc);
        if (i < 0 && streams < MAX_STREAMS) {
            i = streams++;
            streamSsrcs[i] = mediaSsrc;
        }
        return i;
    }

    /** A PLI (RFC 4585 §6.3.1) for the browser's stream {@code mediaSsrc}, at most one per interval. */
    @Override
    public synchronized void sendPli(int mediaSsrc, long nowNanos) {
        if (sender == null || (pliSent && nowNanos - lastPliNanos < pliIntervalNanos)) {
            return;
        }
        int n = RtcpWriter.writePli(buffer, 0, senderSsrc, mediaSsrc);
        if (n > 0 && protectAndSend(n)) {
            pliSent = true;
            lastPliNanos = nowNanos;
            plis++;
            int i = slot(mediaSsrc);
            if (i >= 0) {
                pliCounts[i]++;
            }
        }
    }

    /**
     * A generic NACK (RFC 4585 §6.2.1) asking the browser for its stream {@code mediaSsrc}'s packets
     * {@code lost[0, count)} (ascending): it answers with RTX retransmissions (RFC 4588). Sent at
     * once, on its own (reduced-size RTCP, RFC 5506 §3, which the a=rtcp-rsize we negotiate allows),
     * not held for the next report: RFC 4585 §3.5.2 lets feedback go early. False if it did not go out.
     */
    @Override
    public synchronized boolean sendNack(int mediaSsrc, int[] lost, int count) {
        if (sender == null) {
            return false;
        }
        int n = RtcpWriter.writeNack(buffer, 0, senderSsrc, mediaSsrc, lost, count);
        if (n <= 0 || !protectAndSend(n)) {
            return false;
        }
        nacks++;
        int i = slot(mediaSsrc);
        if (i >= 0) {
            nackCounts[i]++;
        }
        return true;
    }

    /** Sends the compound packet {@code b[off, off+len)} (already holding our sender SSRC). */
    public synchronized void send(byte[] b, int off, int len) {
        if (sender == null || len > MAX) {
            return;
        }
        System.arraycopy(b, off, buffer, 0, len);
        protectAndSend(len);
    }

    private boolean protectAndSend(int len) {
        if (sender.protectRtcp(buffer, 0, len) != SrtpResult.OK) {
            return false;
        }
        view.clear().limit(len + sender.profile().srtcpOverhead());
        if (port.send(view, false)) {
            sent++;
            return true;
        }
        return false;
    }
}
