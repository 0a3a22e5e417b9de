package org.webims.media.srtp;

import java.util.Objects;

/**
 * Protects outgoing RTP and RTCP under one master key (RFC 3711 §3.3, §3.4; RFC 7714), in
 * place: the array must have {@link SrtpProfile#srtpOverhead()} (RTP) or
 * {@link SrtpProfile#srtcpOverhead()} (RTCP) bytes free after the packet. One thread at a time.
 * An offset or length outside the array is the caller's bug and throws
 * {@link IndexOutOfBoundsException}.
 */
public final class SrtpSender extends SrtpContextSet {


    public SrtpSender(SrtpMasterKey key, SrtpSettings settings) {
        super(key, settings);
    }

    /**
     * Encrypts and authenticates the RTP packet {@code b[off, off+len)}; on {@link SrtpResult#OK}
     * it is {@code len + profile().srtpOverhead()} bytes long. Refuses an index it already
     * protected ({@link SrtpResult#REPLAYED}): the same keystream must not cover two packets.
     */
    public SrtpResult protectRtp(byte[] b, int off, int len) {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len < PacketLayout.RTP_FIXED_HEADER) {
            return counters.record(SrtpResult.TOO_SHORT);
        }
        int header = PacketLayout.rtpHeaderLength(b, off, len);
        if (header < 0) {
            return counters.record(SrtpResult.MALFORMED);
        }
        if (b.length - off - len < profile.srtpOverhead()) {
            return counters.record(SrtpResult.NO_ROOM);
        }
        if (srtpPackets >= srtpLimit) {
            return counters.record(SrtpResult.KEY_EXHAUSTED);
        }
        SsrcContext c = context(PacketLayout.readInt(b, off + 8));
        if (c == null) {
            return counters.record(SrtpResult.SSRC_LIMIT);
        }
        long index = c.estimateIndex(PacketLayout.u16(b, off + 2));
        if (index > SsrcContext.MAX_INDEX) {
            return counters.record(SrtpResult.KEY_EXHAUSTED);
        }
        if (!c.srtp.isFresh(index)) {
            return counters.record(SrtpResult.REPLAYED);
        }
        cipher.protectRtp(b, off, len, header, c.ssrc, index);
        c.srtp.accept(index);
        srtpPackets++;
        return SrtpResult.OK; // counted by the packet count above
    }

    /**
     * Encrypts the RTCP packet (compound) {@code b[off, off+len)} after its first 8 bytes and
     * appends E flag, SRTCP index and tag; on {@link SrtpResult#OK} it is
     * {@code len + profile().srtcpOverhead()} bytes long.
     */
    public SrtpResult protectRtcp(byte[] b, int off, int len) {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len < PacketLayout.RTCP_SSRC_END) {
            return counters.record(SrtpResult.TOO_SHORT);
        }
        if (!PacketLayout.isRtcpVersion2(b, off)) {
            return counters.record(SrtpResult.MALFORMED);
        }
        if (b.length - off - len < profile.srtcpOverhead()) {
            return counters.record(SrtpResult.NO_ROOM);
        }
        if (srtcpPackets >= srtcpLimit) {
            return counters.record(SrtpResult.KEY_EXHAUSTED);
        }
        SsrcContext c = context(PacketLayout.readInt(b, off + 4));
        if (c == null) {
            return counters.record(SrtpResult.SSRC_LIMIT);
        }
        if (c.nextSrtcpIndex < 0) { // past 2^31 - 1 (RFC 3711 §3.4: 31-bit index)
            return counters.record(SrtpResult.KEY_EXHAUSTED);
        }
        cipher.protectRtcp(b, off, len, c.ssrc, c.nextSrtcpIndex);
        c.nextSrtcpIndex++;
        srtcpPackets++;
        return SrtpResult.OK; // counted by the packet count above
    }

    private SsrcContext context(int ssrc) {
        SsrcContext c = contexts.get(ssrc);
        if (c == null && !contexts.isFull()) {
            c = contexts.add(ssrc, windowSize);
        }
        return c;
    }




    /** SRTP packets protected under this key so far. */
    public long srtpPackets() { return srtpPackets; }

    /** SRTCP packets protected under this key so far. */
    public long srtcpPackets() { return srtcpPackets; }
}
