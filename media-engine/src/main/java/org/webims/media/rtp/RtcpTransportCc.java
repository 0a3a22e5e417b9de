package org.webims.media.rtp;

/**
 * View of transport-wide congestion control feedback
 * (draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1): base sequence number, packet status
 * chunks (run length, 1-bit and 2-bit status vectors) and receive deltas in 250 µs ticks. Read
 * with a cursor: {@code while (nextPacket()) { sequenceNumber(); status(); deltaTicks(); }}.
 * {@code wrap} checks the whole FCI first (every status within the chunks, no reserved status,
 * every delta within the packet), so the cursor never reads past it; it allocates nothing.
 */
public final class RtcpTransportCc extends RtcpFeedback {

    public static final int NOT_RECEIVED = 0;
    public static final int SMALL_DELTA = 1;
    public static final int LARGE_DELTA = 2;
    /** Units of the reference time. */
    public static final int REFERENCE_TIME_MICROS = 64_000;
    /** Units of the receive deltas. */
    public static final int DELTA_MICROS = 250;

    private int chunksOffset;
    private int deltasOffset;
    // cursor
    private int index;
    private int chunkPos;
    private int symbolInChunk;
    private int deltaPos;
    private int status;
    private int delta;

    @Override
    protected boolean accepts(int packetType, int count) {
        return packetType == RtcpPacketType.RTPFB && count == RtcpPacketType.FMT_TRANSPORT_CC;
    }

    @Override
    protected boolean validateFci() {
        if (fciLength() < 8) {
            return fail(RtcpFault.BAD_FCI);
        }
        int end = fciOffset() + fciLength();
        chunksOffset = fciOffset() + 8;
        int p = chunksOffset;
        int remaining = statusCount();
        int deltaBytes = 0;
        while (remaining > 0) {
            if (p + 2 > end) {
                return fail(RtcpFault.BAD_FCI);
            }
            int chunk = RtcpBytes.u16(buf, p);
            int n = Math.min(remaining, symbols(chunk));
            if ((chunk & 0x8000) == 0) { // a run: one status, n times (up to 8191: no walk per packet)
                int s = symbol(chunk, 0);
                if (s == 3) {
                    return fail(RtcpFault.BAD_FCI); // reserved status
                }
                deltaBytes += s * n;
            }
            for (int i = 0; i < n && (chunk & 0x8000) != 0; i++) {
                int s = symbol(chunk, i);
                if (s == 3) {
                    return fail(RtcpFault.BAD_FCI); // reserved status
                }
                deltaBytes += s; // small delta: 1 byte, large: 2
            }
            remaining -= n;
            p += 2;
        }
        deltasOffset = p;
        if (deltasOffset + deltaBytes > end) {
            return fail(RtcpFault.BAD_FCI);
        }
        rewind();
        return true;
    }

    private static int symbols(int chunk) {
        if ((chunk & 0x8000) == 0) {
            return chunk & 0x1FFF; // run length chunk
        }
        return (chunk & 0x4000) == 0 ? 14 : 7;
    }

    private static int symbol(int chunk, int i) {
        if ((chunk & 0x8000) == 0) {
            return (chunk >>> 13) & 3;
        }
        if ((chunk & 0x4000) == 0) {
            return (chunk >>> (13 - i)) & 1;
        }
        return (chunk >>> (12 - 2 * i)) & 3;
    }

    public int baseSequenceNumber() {
        return RtcpBytes.u16(buf, fciOffset());
    }

    public int statusCount() {
        return RtcpBytes.u16(buf, fciOffset() + 2);
    }

    /** Reference time in units of 64 ms, signed 24 bits. */
    public int referenceTime() {
        return (RtcpBytes.u24(buf, fciOffset() + 4) << 8) >> 8;
    }

    public int feedbackPacketCount() {
        return buf[fciOffset() + 7] & 0xFF;
    }

    /** Moves the cursor back before the first packet. */
    public void rewind() {
        index = -1;
        chunkPos = chunksOffset;
        symbolInChunk = 0;
        deltaPos = deltasOffset;
    }

    /** Moves to the next packet status; false after {@link #statusCount()} packets. */
    public boolean nextPacket() {
        if (index + 1 >= statusCount()) {
            return false;
        }
        int chunk = RtcpBytes.u16(buf, chunkPos);
        while (symbolInChunk >= symbols(chunk)) { // a run of 0 is legal but empty
            chunkPos += 2;
            symbolInChunk = 0;
            chunk = RtcpBytes.u16(buf, chunkPos);
        }
        index++;
        status = symbol(chunk, symbolInChunk++);
        if (status == SMALL_DELTA) {
            delta = buf[deltaPos] & 0xFF;
            deltaPos += 1;
        } else if (status == LARGE_DELTA) {
            delta = (short) RtcpBytes.u16(buf, deltaPos);
            deltaPos += 2;
        } else {
            delta = 0;
        }
        return true;
    }

    public int sequenceNumber() {
        return (baseSequenceNumber() + index) & 0xFFFF;
    }

    /** {@link #NOT_RECEIVED}, {@link #SMALL_DELTA} or {@link #LARGE_DELTA}. */
    public int status() {
        return status;
    }

    public boolean received() {
        return status != NOT_RECEIVED;
    }

    /** Receive delta from the previous received packet (or the reference time), in 250 µs ticks. */
    public int deltaTicks() {
        return delta;
    }
}
