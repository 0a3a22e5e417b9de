package org.webims.media.srtp;

import java.util.Objects;

/**
 * Authenticates, replay-checks and decrypts incoming SRTP and SRTCP under one master key
 * (RFC 3711 §3.3, §3.4; RFC 7714), in place. Never throws on packet bytes: every packet gets a
 * {@link SrtpResult}, non-OK ones are counted and left for the caller to drop. A context for a
 * new SSRC is created only after its first packet authenticates, so forged packets cannot use up
 * the SSRC limit. One thread at a time. An offset or length outside the array is the caller's bug
 * and throws {@link IndexOutOfBoundsException}.
 */
public final class SrtpReceiver extends SrtpContextSet {


    public SrtpReceiver(SrtpMasterKey key, SrtpSettings settings) {
        super(key, settings);
    }

    /**
     * Unprotects the SRTP packet {@code b[off, off+len)}; on {@link SrtpResult#OK} the RTP packet
     * is {@code len - profile().srtpOverhead()} bytes long.
     */
    public SrtpResult unprotectRtp(byte[] b, int off, int len) {
        Objects.checkFromIndexSize(off, len, b.length);
        int tag = profile.srtpOverhead();
        if (len < PacketLayout.RTP_FIXED_HEADER + tag) {
            return counters.record(SrtpResult.TOO_SHORT);
        }
        int header = PacketLayout.rtpHeaderLength(b, off, len - tag);
        if (header < 0) {
            return counters.record(SrtpResult.MALFORMED);
        }
        if (srtpPackets >= srtpLimit) {
            return counters.record(SrtpResult.KEY_EXHAUSTED);
        }
        int ssrc = PacketLayout.readInt(b, off + 8);
        SsrcContext c = contexts.get(ssrc);
        if (c == null && contexts.isFull()) {
            return counters.record(SrtpResult.SSRC_LIMIT);
        }
        int seq = PacketLayout.u16(b, off + 2);
        long index = c == null ? seq : c.estimateIndex(seq);
        if (index > SsrcContext.MAX_INDEX) {
            return counters.record(SrtpResult.KEY_EXHAUSTED);
        }
        if (c != null && !c.srtp.isFresh(index)) { // RFC 3711 §3.3 step 2, before the costlier MAC
            return counters.record(SrtpResult.REPLAYED);
        }
        if (!cipher.unprotectRtp(b, off, len, header, ssrc, index)) {
            return counters.record(SrtpResult.AUTH_FAILED);
        }
        if (c == null) {
            c = contexts.add(ssrc, windowSize);
        }
        c.srtp.accept(index); // RFC 3711 §3.3 step 6: update ROC, s_l and window only once authentic
        srtpPackets++;
        return SrtpResult.OK; // counted by the packet count above
    }

    /**
     * Unprotects the SRTCP packet {@code b[off, off+len)}; on {@link SrtpResult#OK} the RTCP
     * packet is {@code len - profile().srtcpOverhead()} bytes long. Accepts unencrypted SRTCP
     * (E flag clear) when it authenticates.
     */
    public SrtpResult unprotectRtcp(byte[] b, int off, int len) {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len < PacketLayout.RTCP_SSRC_END + profile.srtcpOverhead()) {
            return counters.record(SrtpResult.TOO_SHORT);
        }
        if (!PacketLayout.isRtcpVersion2(b, off)) {
            return counters.record(SrtpResult.MALFORMED);
        }
        if (srtcpPackets >= srtcpLimit) {
            return counters.record(SrtpResult.KEY_EXHAUSTED);
        }
        int ssrc = PacketLayout.readInt(b, off + 4);
        SsrcContext c = contexts.get(ssrc);
        if (c == null && contexts.isFull()) {
            return counters.record(SrtpResult.SSRC_LIMIT);
        }
        int word = PacketLayout.readInt(b, off + cipher.rtcpIndexWordOffset(len));
        long index = word & 0x7fffffffL;
        if (c != null && !c.srtcp.isFresh(index)) {
            return counters.record(SrtpResult.REPLAYED);
        }
        if (!cipher.unprotectRtcp(b, off, len, ssrc, word)) {
            return counters.record(SrtpResult.AUTH_FAILED);
        }
        if (c == null) {
            c = contexts.add(ssrc, windowSize);
        }
        c.srtcp.accept(index);
        srtcpPackets++;
        return SrtpResult.OK; // counted by the packet count above
    }




    /** The rollover counter of an SSRC's SRTP stream, -1 if the SSRC has no context or no packet yet. */
    public long rolloverCounter(int ssrc) {
        SsrcContext c = contexts.get(ssrc);
        return c == null || c.srtp.highest() < 0 ? -1 : c.srtp.highest() >>> 16;
    }
}
