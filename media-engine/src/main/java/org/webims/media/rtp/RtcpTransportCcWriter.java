package org.webims.media.rtp;

/**
 * Builds transport-wide congestion control feedback
 * (draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1) from received transport sequence
 * numbers and arrival times, then writes it. Preallocated for {@code capacity} packet statuses.
 */
public final class RtcpTransportCcWriter {

    private final int[] status;
    private final int[] delta;
    private int count;
    private int baseSeq;
    private int referenceTime;
    private long lastMicros;

    public RtcpTransportCcWriter(int capacity) {
        status = new int[Math.min(capacity, 0xFFFF)];
        delta = new int[status.length];
    }

    /** Starts an empty feedback message. */
    public void reset() {
        count = 0;
    }

    public int packetCount() {
        return count;
    }

    /**
     * Records packet {@code seq} received at {@code arrivalMicros} (any monotonic clock). Packets
     * must come in increasing sequence order; skipped numbers are reported not received. Returns
     * false, recording nothing, if the packet is older, the message is full, or its delta does not
     * fit 16 bits: then write this message and start a new one with the packet.
     */
    public boolean addReceived(int seq, long arrivalMicros) {
        if (count == 0) {
            baseSeq = seq & 0xFFFF;
            long ref = Math.floorDiv(arrivalMicros, RtcpTransportCc.REFERENCE_TIME_MICROS);
            referenceTime = (int) ref;
            lastMicros = ref * RtcpTransportCc.REFERENCE_TIME_MICROS;
        }
        int index = (seq - baseSeq) & 0xFFFF;
        if (index < count || index >= status.length) {
            return false;
        }
        long ticks = Math.round((arrivalMicros - lastMicros) / (double) RtcpTransportCc.DELTA_MICROS);
        if (ticks < Short.MIN_VALUE || ticks > Short.MAX_VALUE) {
            return false;
        }
        for (int i = count; i < index; i++) {
            status[i] = RtcpTransportCc.NOT_RECEIVED;
        }
        status[index] = ticks >= 0 && ticks <= 255 ? RtcpTransportCc.SMALL_DELTA : RtcpTransportCc.LARGE_DELTA;
        delta[index] = (int) ticks;
        lastMicros += ticks * RtcpTransportCc.DELTA_MICROS;
        count = index + 1;
        return true;
    }

    /** Bytes {@link #write} will produce. */
    public int length() {
        int n = 20 + 2 * chunkCount();
        for (int i = 0; i < count; i++) {
            n += status[i];
        }
        return (n + 3) & ~3;
    }

    /** Writes the message, padded with zeros to 32 bits; returns its length or -1. */
    public int write(byte[] out, int offset, int senderSsrc, int mediaSsrc, int feedbackPacketCount) {
        if (count == 0) {
            return -1;
        }
        int length = length();
        if (offset < 0 || out.length - offset < length) {
            return -1;
        }
        out[offset] = (byte) (0x80 | RtcpPacketType.FMT_TRANSPORT_CC);
        out[offset + 1] = (byte) RtcpPacketType.RTPFB;
        RtcpBytes.put16(out, offset + 2, length / 4 - 1);
        RtcpBytes.put32(out, offset + 4, senderSsrc);
        RtcpBytes.put32(out, offset + 8, mediaSsrc);
        RtcpBytes.put16(out, offset + 12, baseSeq);
        RtcpBytes.put16(out, offset + 14, count);
        RtcpBytes.put24(out, offset + 16, referenceTime);
        out[offset + 19] = (byte) feedbackPacketCount;
        int p = offset + 20;
        int i = 0;
        while (i < count) {
            int chunk = 0;
            int used = chunkAt(i);
            if (used < 0) { // run length
                int run = -used;
                chunk = (status[i] << 13) | run;
                used = run;
            } else if (used == 14) {
                chunk = 0x8000;
                for (int k = 0; k < 14 && i + k < count; k++) {
                    chunk |= status[i + k] << (13 - k);
                }
            } else {
                chunk = 0xC000;
                for (int k = 0; k < 7 && i + k < count; k++) {
                    chunk |= status[i + k] << (12 - 2 * k);
                }
            }
            RtcpBytes.put16(out, p, chunk);
            p += 2;
            i += used;
        }
        for (int k = 0; k < count; k++) {
            if (status[k] == RtcpTransportCc.SMALL_DELTA) {
                out[p++] = (byte) delta[k];
            } else if (status[k] == RtcpTransportCc.LARGE_DELTA) {
                RtcpBytes.put16(out, p, delta[k]);
                p += 2;
            }
        }
        while (p < offset + length) {
            out[p++] = 0;
        }
        return length;
    }

    /**
     * The chunk that encodes statuses from {@code i}: -run for a run length chunk (7 or more equal
     * statuses), 14 for a one-bit vector (no large deltas ahead), else 7 for a two-bit vector.
     */
    private int chunkAt(int i) {
        int run = 1;
        while (i + run < count && run < 0x1FFF && status[i + run] == status[i]) {
            run++;
        }
        if (run >= 7 || i + run == count) {
            return -run;
        }
        for (int k = 0; k < 14 && i + k < count; k++) {
            if (status[i + k] == RtcpTransportCc.LARGE_DELTA) {
                return 7;
            }
        }
        return 14;
    }

    private int chunkCount() {
        int chunks = 0;
        int i = 0;
        while (i < count) {
            int used = chunkAt(i);
            i += used < 0 ? -used : used;
            chunks++;
        }
        return chunks;
    }
}
