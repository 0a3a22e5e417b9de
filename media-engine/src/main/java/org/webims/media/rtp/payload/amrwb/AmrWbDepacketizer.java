package org.webims.media.rtp.payload.amrwb;

import org.webims.media.rtp.PacketCounters;
import org.webims.media.rtp.PacketFault;
import org.webims.media.rtp.RtpPacket;
import org.webims.media.rtp.payload.Depacketizer;
import org.webims.media.rtp.payload.FrameFlags;
import org.webims.media.rtp.payload.FrameSink;
import org.webims.media.rtp.payload.SequenceContinuity;

/**
 * AMR-WB RTP payload (RFC 4867 §4.3 bandwidth-efficient or §4.4 octet-aligned, without
 * interleaving or CRC) to frames in the §5.3 storage format, one {@link FrameSink#frame} per ToC
 * entry, the n-th at timestamp + n*320. A malformed payload yields no frame at all.
 */
public final class AmrWbDepacketizer implements Depacketizer {

    /** More ToC entries than this in one packet is treated as malformed (12 is 240 ms). */
    public static final int MAX_FRAMES_PER_PACKET = 64;

    private final AmrWbPayloadFormat format;
    private final int modeSet;
    private final PacketCounters counters = new PacketCounters();
    private final SequenceContinuity sequence = new SequenceContinuity();
    private final int[] frameType = new int[MAX_FRAMES_PER_PACKET];
    private final boolean[] quality = new boolean[MAX_FRAMES_PER_PACKET];
    private final int[] frameBit = new int[MAX_FRAMES_PER_PACKET];
    private final byte[] frame = new byte[1 + AmrWbFrameType.octets(AmrWbFrameType.MODE_23_85)];
    private int frames;
    private int cmr = AmrWbFrameType.NO_REQUEST;
    private boolean lossPending;

    /** @param modeSet bit n set: mode n allowed (SDP mode-set); {@link AmrWbFrameType#ALL_MODES} for all */
    public AmrWbDepacketizer(AmrWbPayloadFormat format, int modeSet) {
        this.format = format;
        this.modeSet = modeSet;
    }

    /** The codec mode request of the last valid payload (§4.3.1), 15 for none. */
    public int lastCmr() {
        return cmr;
    }

    @Override
    public void push(RtpPacket packet, FrameSink sink) {
        int missing = sequence.admit(packet, counters);
        if (missing < 0) {
            return;
        }
        if (missing > 0) {
            lossPending = true;
        }
        byte[] b = packet.buffer();
        if (!parse(b, packet.payloadOffset(), packet.payloadLength())) {
            return;
        }
        long ts = packet.timestamp();
        for (int i = 0; i < frames; i++) {
            int n = writeStorageFrame(b, i, frame, 0);
            int flags = lossPending ? FrameFlags.AFTER_LOSS : 0;
            lossPending = false;
            counters.frame();
            sink.frame(frame, 0, n, (ts + (long) i * AmrWbFrameType.SAMPLES_PER_FRAME) & 0xFFFFFFFFL, flags);
        }
    }

    /**
     * Converts one payload to its frames in storage format, concatenated at {@code out[outOffset]}
     * (room for frames × 61 bytes); returns the bytes written, or -1 if the payload is malformed
     * (counted). No sequence accounting: this is the repacketization path.
     */
    public int toStorageFormat(byte[] payload, int offset, int length, byte[] out, int outOffset) {
        if (!parse(payload, offset, length)) {
            return -1;
        }
        int p = outOffset;
        for (int i = 0; i < frames; i++) {
            if (out.length - p < 1 + AmrWbFrameType.octets(frameType[i])) {
                counters.fault(PacketFault.FRAME_TOO_LARGE);
                return -1;
            }
            p += writeStorageFrame(payload, i, out, p);
        }
        return p - outOffset;
    }

    /** Number of frames in the last parsed payload. */
    public int lastFrameCount() {
        return frames;
    }

    private int writeStorageFrame(byte[] payload, int i, byte[] out, int at) {
        int ft = frameType[i];
        int bits = AmrWbFrameType.bits(ft);
        int octets = (bits + 7) >>> 3;
        out[at] = (byte) AmrWbFrameType.storageHeader(ft, quality[i]);
        for (int k = 1; k <= octets; k++) {
            out[at + k] = 0;
        }
        Bits.copy(payload, frameBit[i], out, (at + 1) * 8, bits);
        return 1 + octets;
    }

    /** Reads CMR and ToC and locates every frame; false (counted) if the payload is malformed. */
    private boolean parse(byte[] b, int offset, int length) {
        frames = 0;
        if (length < 1) {
            counters.fault(PacketFault.TOO_SHORT);
            return false;
        }
        boolean octetAligned = format == AmrWbPayloadFormat.OCTET_ALIGNED;
        int bit = offset * 8;
        int endBit = (offset + length) * 8;
        int newCmr = Bits.read(b, bit, 4);
        bit += octetAligned ? 8 : 4;
        int tocSize = octetAligned ? 8 : 6;
        boolean follow;
        int n = 0;
        do {
            if (bit + tocSize > endBit) {
                counters.fault(PacketFault.TOO_SHORT);
                return false;
            }
            if (n == MAX_FRAMES_PER_PACKET) {
                counters.fault(PacketFault.MALFORMED);
                return false;
            }
            int toc = Bits.read(b, bit, 6); // F(1) FT(4) Q(1), then 2 padding bits if octet-aligned
            follow = (toc & 0x20) != 0;
            frameType[n] = (toc >>> 1) & 0x0F;
            quality[n] = (toc & 1) != 0;
            n++;
            bit += tocSize;
        } while (follow);
        for (int i = 0; i < n; i++) {
            int ft = frameType[i];
            if (!AmrWbFrameType.isValid(ft)) {
                counters.fault(PacketFault.MALFORMED); // §4.3.2: FT 10..13 discards the packet
                return false;
            }
            if (!AmrWbFrameType.allowed(ft, modeSet)) {
                counters.fault(PacketFault.MODE_NOT_ALLOWED);
                return false;
            }
            int bits = octetAligned ? AmrWbFrameType.octets(ft) * 8 : AmrWbFrameType.bits(ft);
            if (bit + bits > endBit) {
                counters.fault(PacketFault.TOO_SHORT);
                return false;
            }
            frameBit[i] = bit;
            bit += bits;
        }
        frames = n;
        cmr = newCmr;
        return true;
    }

    @Override
    public void reset() {
        sequence.reset();
        lossPending = false;
        cmr = AmrWbFrameType.NO_REQUEST;
    }

    @Override
    public PacketCounters.Snapshot counters() {
        return counters.snapshot();
    }
}
