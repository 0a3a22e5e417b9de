package org.webims.media.rtp.payload.h264;

import org.webims.media.rtp.PacketCounters;
import org.webims.media.rtp.PacketFault;
import org.webims.media.rtp.payload.Packetizer;

/**
 * Annex B access unit to RTP payloads (RFC 6184): in packetization-mode 1, consecutive NAL units
 * that fit together go into one STAP-A (§5.7.1, typically SPS+PPS+SEI), a NAL unit above the MTU
 * is split into FU-A fragments (§5.8), the rest are single NAL unit packets (§5.6). In mode 0 every
 * NAL unit must fit the MTU. The marker is set on the access unit's last packet (§5.1).
 */
public final class H264Packetizer implements Packetizer {

    /** Access units with more NAL units than this are refused. */
    public static final int MAX_NALS = 256;

    private final H264PacketizationMode mode;
    private final int maxPayloadSize;
    private final PacketCounters counters = new PacketCounters();
    private final int[] nalOffset = new int[MAX_NALS];
    private final int[] nalLength = new int[MAX_NALS];
    private int nals;
    private int nextNal;
    private int fuPosition; // > 0 while fragmenting nals[nextNal]: offset of the next byte to send
    private int fuRemaining;
    private byte[] source;
    private boolean marker;

    public H264Packetizer(H264PacketizationMode mode, int maxPayloadSize) {
        this.mode = mode;
        this.maxPayloadSize = maxPayloadSize;
    }

    @Override
    public boolean setFrame(byte[] bytes, int offset, int length) {
        counters.packet(length);
        nals = 0;
        nextNal = 0;
        fuRemaining = 0;
        if (!split(bytes, offset, length)) {
            nals = 0;
            return false;
        }
        for (int i = 0; i < nals; i++) {
            if (nalLength[i] > maxPayloadSize && (mode == H264PacketizationMode.SINGLE_NAL || maxPayloadSize < 3)) {
                counters.fault(PacketFault.FRAME_TOO_LARGE);
                nals = 0;
                return false;
            }
        }
        source = bytes;
        return true;
    }

    /** Finds the NAL units between Annex B start codes (00 00 01, or 00 00 00 01). */
    private boolean split(byte[] b, int offset, int length) {
        int end = offset + length;
        int start = findStartCode(b, offset, end);
        if (start < 0 || !onlyZeros(b, offset, start)) {
            counters.fault(PacketFault.MALFORMED); // not Annex B
            return false;
        }
        int nalStart = start + 3;
        while (nalStart < end) {
            int next = findStartCode(b, nalStart, end);
            int nalEnd = next < 0 ? end : next;
            // trailing zero bytes belong to the next start code (4-byte form) or trailing_zero_8bits
            while (nalEnd > nalStart && b[nalEnd - 1] == 0) {
                nalEnd--;
            }
            if (nalEnd > nalStart) {
                if (nals == MAX_NALS) {
                    counters.fault(PacketFault.FRAME_TOO_LARGE);
                    return false;
                }
                nalOffset[nals] = nalStart;
                nalLength[nals] = nalEnd - nalStart;
                nals++;
            }
            if (next < 0) {
                break;
            }
            nalStart = next + 3;
        }
        if (nals == 0) {
            counters.fault(PacketFault.TOO_SHORT);
            return false;
        }
        return true;
    }

    private static boolean onlyZeros(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** Offset of the next 00 00 01 at or after {@code from}, or -1. */
    private static int findStartCode(byte[] b, int from, int end) {
        for (int i = from; i + 2 < end; i++) {
            if (b[i + 2] == 1 && b[i + 1] == 0 && b[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public boolean hasNext() {
        return nextNal < nals;
    }

    @Override
    public int next(byte[] out, int offset) {
        if (nextNal >= nals) {
            return 0;
        }
        int n;
        if (fuRemaining > 0) {
            n = writeFuA(out, offset);
        } else if (nalLength[nextNal] > maxPayloadSize) {
            fuPosition = nalOffset[nextNal] + 1; // the NAL header travels in the FU indicator/header
            fuRemaining = nalLength[nextNal] - 1;
            n = writeFuA(out, offset);
        } else {
            int aggregate = mode == H264PacketizationMode.NON_INTERLEAVED ? stapCount() : 1;
            n = aggregate > 1 ? writeStapA(out, offset, aggregate) : writeSingle(out, offset);
        }
        marker = nextNal == nals;
        counters.frame();
        return n;
    }

    /** How many NAL units from nextNal fit one STAP-A (§5.7.1: 1 header byte, 2 size bytes each). */
    private int stapCount() {
        int size = 1;
        int count = 0;
        for (int i = nextNal; i < nals; i++) {
            if (nalLength[i] > 0xFFFF || size + 2 + nalLength[i] > maxPayloadSize) {
                break;
            }
            size += 2 + nalLength[i];
            count++;
        }
        return count;
    }

    private int writeSingle(byte[] out, int offset) {
        int len = nalLength[nextNal];
        System.arraycopy(source, nalOffset[nextNal], out, offset, len);
        nextNal++;
        return len;
    }

    private int writeStapA(byte[] out, int offset, int count) {
        int f = 0;
        int nri = 0;
        int p = offset + 1;
        for (int k = 0; k < count; k++, nextNal++) {
            int header = source[nalOffset[nextNal]] & 0xFF;
            f |= header & 0x80;
            nri = Math.max(nri, header & 0x60); // §5.7.1: NRI is the maximum of the aggregated units
            int len = nalLength[nextNal];
            out[p] = (byte) (len >>> 8);
            out[p + 1] = (byte) len;
            System.arraycopy(source, nalOffset[nextNal], out, p + 2, len);
            p += 2 + len;
        }
        out[offset] = (byte) (f | nri | H264Nal.STAP_A);
        return p - offset;
    }

    private int writeFuA(byte[] out, int offset) {
        int header = source[nalOffset[nextNal]] & 0xFF;
        int room = maxPayloadSize - 2;
        int fragments = (fuRemaining + room - 1) / room;
        int chunk = (fuRemaining + fragments - 1) / fragments; // equal-sized fragments
        boolean start = fuPosition == nalOffset[nextNal] + 1;
        boolean end = chunk == fuRemaining;
        out[offset] = (byte) ((header & 0xE0) | H264Nal.FU_A);
        out[offset + 1] = (byte) ((start ? 0x80 : 0) | (end ? 0x40 : 0) | (header & 0x1F));
        System.arraycopy(source, fuPosition, out, offset + 2, chunk);
        fuPosition += chunk;
        fuRemaining -= chunk;
        if (end) {
            nextNal++;
        }
        return 2 + chunk;
    }

    @Override
    public boolean marker() {
        return marker;
    }

    @Override
    public int maxPayloadSize() {
        return maxPayloadSize;
    }

    @Override
    public PacketCounters.Snapshot counters() {
        return counters.snapshot();
    }
}
