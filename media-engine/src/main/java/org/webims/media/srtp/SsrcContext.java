package org.webims.media.srtp;

/**
 * The per-SSRC state under one master key (RFC 3711 §3.2.3): the SRTP index (whose upper 32 bits
 * are the rollover counter) with its replay window, and the SRTCP index with its own.
 */
final class SsrcContext {

    /** The largest 48-bit SRTP packet index (RFC 3711 §3.3.1). */
    static final long MAX_INDEX = (1L << 48) - 1;

    final int ssrc;
    final ReplayWindow srtp;
    final ReplayWindow srtcp;
    /** Sender side: the index of the next SRTCP packet (RFC 3711 §3.4 starts at 0). */
    int nextSrtcpIndex;

    SsrcContext(int ssrc, int windowSize) {
        this.ssrc = ssrc;
        this.srtp = new ReplayWindow(windowSize);
        this.srtcp = new ReplayWindow(windowSize);
    }

    /**
     * The packet index of sequence number {@code seq}, guessing the ROC from the highest index so
     * far (RFC 3711 §3.3.1 and Appendix A); -1 for a packet from before ROC 0, MAX_INDEX + 1 past
     * the last ROC. The first packet of a stream has ROC 0.
     */
    long estimateIndex(int seq) {
        return estimateIndex(srtp.highest(), seq);
    }

    static long estimateIndex(long highest, int seq) {
        if (highest < 0) {
            return seq;
        }
        long roc = highest >>> 16;
        int sl = (int) (highest & 0xffff);
        long v;
        if (sl < 32768) {
            v = seq - sl > 32768 ? roc - 1 : roc;
        } else {
            v = sl - 32768 > seq ? roc + 1 : roc;
        }
        if (v < 0) {
            return -1;
        }
        return Math.min((v << 16) | seq, MAX_INDEX + 1);
    }
}
