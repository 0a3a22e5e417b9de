package org.webims.media.rtp.payload.amrwb;

import org.webims.media.rtp.PacketCounters;
import org.webims.media.rtp.PacketFault;
import org.webims.media.rtp.payload.Packetizer;

/**
 * Frames in the RFC 4867 §5.3 storage format to one AMR-WB RTP payload (§4.3 or §4.4). The frame
 * given to {@link #setFrame} may hold several storage frames back to back (e.g. 40 ms ptime, or a
 * whole received packet being repacketized); they all go into one payload with the F bits chained.
 */
public final class AmrWbPacketizer implements Packetizer {

    private static final int MAX_FRAMES = AmrWbDepacketizer.MAX_FRAMES_PER_PACKET;

    private final AmrWbPayloadFormat format;
    private final int modeSet;
    private final int maxPayloadSize;
    private final PacketCounters counters = new PacketCounters();
    private final int[] frameType = new int[MAX_FRAMES];
    private final boolean[] quality = new boolean[MAX_FRAMES];
    private final int[] frameOffset = new int[MAX_FRAMES];
    private int frames;
    private byte[] source;
    private int payloadLength;
    private boolean pending;
    private int cmr = AmrWbFrameType.NO_REQUEST;

    public AmrWbPacketizer(AmrWbPayloadFormat format, int modeSet, int maxPayloadSize) {
        this.format = format;
        this.modeSet = modeSet;
        this.maxPayloadSize = maxPayloadSize;
    }

    /** The codec mode request to send to the peer (§4.3.1): 0..8, or 15 for none. */
    public void setCmr(int mode) {
        cmr = mode & 0x0F;
    }

    @Override
    public boolean setFrame(byte[] bytes, int offset, int length) {
        counters.packet(length);
        pending = false;
        frames = 0;
        int p = offset;
        int end = offset + length;
        int speechBits = 0;
        int speechOctets = 0;
        while (p < end) {
            if (frames == MAX_FRAMES) {
                counters.fault(PacketFault.FRAME_TOO_LARGE);
                return false;
            }
            int ft = (bytes[p] >>> 3) & 0x0F;
            if (!AmrWbFrameType.isValid(ft)) {
                counters.fault(PacketFault.MALFORMED);
                return false;
            }
            if (!AmrWbFrameType.allowed(ft, modeSet)) {
                counters.fault(PacketFault.MODE_NOT_ALLOWED);
                return false;
            }
            int octets = AmrWbFrameType.octets(ft);
            if (p + 1 + octets > end) {
                counters.fault(PacketFault.TOO_SHORT);
                return false;
            }
            frameType[frames] = ft;
            quality[frames] = (bytes[p] & 0x04) != 0;
            frameOffset[frames] = p + 1;
            frames++;
            speechBits += AmrWbFrameType.bits(ft);
            speechOctets += octets;
            p += 1 + octets;
        }
        if (frames == 0) {
            counters.fault(PacketFault.TOO_SHORT);
            return false;
        }
        payloadLength = format == AmrWbPayloadFormat.OCTET_ALIGNED
                ? 1 + frames + speechOctets
                : (4 + 6 * frames + speechBits + 7) >>> 3;
        if (payloadLength > maxPayloadSize) {
            counters.fault(PacketFault.FRAME_TOO_LARGE);
            return false;
        }
        source = bytes;
        pending = true;
        return true;
    }

    @Override
    public boolean hasNext() {
        return pending;
    }

    @Override
    public int next(byte[] out, int offset) {
        if (!pending) {
            return 0;
        }
        pending = false;
        for (int i = 0; i < payloadLength; i++) {
            out[offset + i] = 0; // padding bits are zero (§4.3.2, §4.4.2)
        }
        boolean octetAligned = format == AmrWbPayloadFormat.OCTET_ALIGNED;
        int bit = offset * 8;
        Bits.write(out, bit, cmr, 4);
        bit += octetAligned ? 8 : 4;
        for (int i = 0; i < frames; i++) {
            int toc = (i + 1 < frames ? 0x20 : 0) | (frameType[i] << 1) | (quality[i] ? 1 : 0);
            Bits.write(out, bit, toc, 6);
            bit += octetAligned ? 8 : 6;
        }
        for (int i = 0; i < frames; i++) {
            int bits = AmrWbFrameType.bits(frameType[i]);
            Bits.copy(source, frameOffset[i] * 8, out, bit, bits);
            bit += octetAligned ? AmrWbFrameType.octets(frameType[i]) * 8 : bits;
        }
        counters.frame();
        return payloadLength;
    }

    /** RFC 4867 §4.1 sets the marker on the first packet of a talkspurt, which only the caller knows. */
    @Override
    public boolean marker() {
        return false;
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
