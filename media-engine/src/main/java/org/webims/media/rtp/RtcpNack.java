package org.webims.media.rtp;

/** View of a generic NACK (RFC 4585 §6.2.1): FCI entries of PID and the bitmask BLP. */
public final class RtcpNack extends RtcpFeedback {

    @Override
    protected boolean accepts(int packetType, int count) {
        return packetType == RtcpPacketType.RTPFB && count == RtcpPacketType.FMT_NACK;
    }

    @Override
    protected boolean validateFci() {
        return (fciLength() > 0 && fciLength() % 4 == 0) || fail(RtcpFault.BAD_FCI);
    }

    public int entryCount() {
        return fciLength() / 4;
    }

    /** Packet ID: the lost sequence number of entry {@code i}. */
    public int pid(int i) {
        return RtcpBytes.u16(buf, fciOffset() + 4 * i);
    }

    /** Bitmask of following lost packets: bit n means PID+n+1 is lost. */
    public int blp(int i) {
        return RtcpBytes.u16(buf, fciOffset() + 4 * i + 2);
    }

    /** Number of sequence numbers this NACK reports lost. */
    public int lostCount() {
        int n = 0;
        for (int i = 0; i < entryCount(); i++) {
            n += 1 + Integer.bitCount(blp(i));
        }
        return n;
    }

    /** Writes the lost sequence numbers into {@code out}; returns how many (at most out.length). */
    public int lostSequenceNumbers(int[] out) {
        int n = 0;
        for (int i = 0; i < entryCount() && n < out.length; i++) {
            int pid = pid(i);
            out[n++] = pid;
            int blp = blp(i);
            for (int bit = 0; bit < 16 && n < out.length; bit++) {
                if ((blp & (1 << bit)) != 0) {
                    out[n++] = (pid + bit + 1) & 0xFFFF;
                }
            }
        }
        return n;
    }
}
