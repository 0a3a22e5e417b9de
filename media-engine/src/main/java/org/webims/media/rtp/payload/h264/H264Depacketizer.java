package org.webims.media.rtp.payload.h264;

import org.webims.media.rtp.PacketCounters;
import org.webims.media.rtp.PacketFault;
import org.webims.media.rtp.RtpPacket;
import org.webims.media.rtp.payload.Depacketizer;
import org.webims.media.rtp.payload.FrameFlags;
import org.webims.media.rtp.payload.FrameSink;
import org.webims.media.rtp.payload.SequenceContinuity;

/**
 * RTP (RFC 6184 packetization-mode 0 or 1) to Annex B access units: every NAL unit is written
 * after a 4-byte start code; an access unit ends at the marker bit or when the timestamp changes
 * (§5.1). An access unit that lost a packet, or holds a truncated or out-of-order FU-A, or a
 * malformed aggregate, is dropped whole and counted ({@link PacketFault#INCOMPLETE_FRAME}); the
 * next one delivered carries {@link FrameFlags#AFTER_LOSS}. NAL unit types this class does not
 * interpret (0, 1..23 other than the ones it checks, 30, 31) pass through unchanged.
 */
public final class H264Depacketizer implements Depacketizer {

    private final byte[] au;
    private final PacketCounters counters = new PacketCounters();
    private boolean inAu;
    private boolean auCorrupt;
    private boolean auKey;
    private int auLength;
    private long auTimestamp;
    private boolean fuActive;
    private boolean lossPending;
    private final SequenceContinuity sequence = new SequenceContinuity();

    /** @param maxAccessUnitSize largest Annex B access unit to reassemble */
    public H264Depacketizer(int maxAccessUnitSize) {
        au = new byte[maxAccessUnitSize];
    }

    @Override
    public void push(RtpPacket packet, FrameSink sink) {
        long ts = packet.timestamp();
        int missing = sequence.admit(packet, counters);
        if (missing < 0) {
            return; // too late: its access unit was already delivered or dropped
        }
        if (missing > 0) {
            lossPending = true;
            if (inAu) {
                auCorrupt = true; // the access unit in progress lost a packet (at least its tail)
            }
        }
        if (inAu && ts != auTimestamp) {
            finish(sink); // §5.1: a new timestamp starts a new access unit (the marker was lost)
        }
        if (!inAu) {
            inAu = true;
            auCorrupt = false;
            auKey = false;
            auLength = 0;
            auTimestamp = ts;
            fuActive = false;
        }
        if (!auCorrupt) {
            readPayload(packet.buffer(), packet.payloadOffset(), packet.payloadLength());
        }
        if (packet.marker()) {
            finish(sink);
        }
    }

    private void readPayload(byte[] b, int off, int len) {
        if (len < 1) {
            corrupt(PacketFault.TOO_SHORT);
            return;
        }
        int header = b[off] & 0xFF;
        int type = H264Nal.type(header);
        if ((header & 0x80) != 0) {
            corrupt(PacketFault.MALFORMED); // forbidden_zero_bit set: §5.3 says discard
            return;
        }
        switch (type) {
            case H264Nal.STAP_A -> readStapA(b, off, len);
            case H264Nal.FU_A -> readFuA(b, off, len);
            case H264Nal.STAP_B, H264Nal.MTAP16, H264Nal.MTAP24, H264Nal.FU_B -> corrupt(PacketFault.UNSUPPORTED);
            default -> {
                if (fuActive) {
                    corrupt(PacketFault.INCOMPLETE_FRAME); // FU-A interrupted before its end
                    return;
                }
                appendNal(b, off, len);
            }
        }
    }

    private void readStapA(byte[] b, int off, int len) {
        if (fuActive) {
            corrupt(PacketFault.INCOMPLETE_FRAME);
            return;
        }
        int p = off + 1;
        int end = off + len;
        if (p >= end) {
            corrupt(PacketFault.MALFORMED);
            return;
        }
        // check the whole aggregate first so a bad one adds nothing
        while (p < end) {
            if (end - p < 2) {
                corrupt(PacketFault.MALFORMED);
                return;
            }
            int size = ((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF);
            if (size == 0 || size > end - p - 2) {
                corrupt(PacketFault.MALFORMED);
                return;
            }
            p += 2 + size;
        }
        p = off + 1;
        while (p < end && !auCorrupt) {
            int size = ((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF);
            appendNal(b, p + 2, size);
            p += 2 + size;
        }
    }

    private void readFuA(byte[] b, int off, int len) {
        if (len < 3) {
            corrupt(PacketFault.MALFORMED);
            return;
        }
        int indicator = b[off] & 0xFF;
        int fu = b[off + 1] & 0xFF;
        boolean start = (fu & 0x80) != 0;
        boolean end = (fu & 0x40) != 0;
        if (start && end) {
            corrupt(PacketFault.MALFORMED); // §5.8: S and E MUST NOT both be set
            return;
        }
        if (start) {
            if (fuActive) {
                corrupt(PacketFault.INCOMPLETE_FRAME); // previous FU-A never ended
                return;
            }
            int nalHeader = (indicator & 0xE0) | (fu & 0x1F);
            if (!reserve(4 + 1 + len - 2)) {
                return;
            }
            writeStartCode();
            au[auLength++] = (byte) nalHeader;
            noteType(nalHeader);
            fuActive = true;
        } else if (!fuActive) {
            corrupt(PacketFault.INCOMPLETE_FRAME); // continuation without its start
            return;
        }
        if (!reserve(len - 2)) {
            return;
        }
        System.arraycopy(b, off + 2, au, auLength, len - 2);
        auLength += len - 2;
        if (end) {
            fuActive = false;
        }
    }

    private void appendNal(byte[] b, int off, int len) {
        if (!reserve(4 + len)) {
            return;
        }
        writeStartCode();
        System.arraycopy(b, off, au, auLength, len);
        auLength += len;
        noteType(b[off] & 0xFF);
    }

    private void noteType(int nalHeader) {
        if (H264Nal.type(nalHeader) == H264Nal.IDR) {
            auKey = true;
        }
    }

    private void writeStartCode() {
        au[auLength] = 0;
        au[auLength + 1] = 0;
        au[auLength + 2] = 0;
        au[auLength + 3] = 1;
        auLength += 4;
    }

    private boolean reserve(int n) {
        if (au.length - auLength < n) {
            corrupt(PacketFault.FRAME_TOO_LARGE);
            return false;
        }
        return true;
    }

    /** Marks the access unit as lost; it is counted once, when it ends. */
    private void corrupt(PacketFault reason) {
        if (reason != PacketFault.INCOMPLETE_FRAME) {
            counters.fault(reason);
        }
        auCorrupt = true;
    }

    private void finish(FrameSink sink) {
        if (!inAu) {
            return;
        }
        inAu = false;
        if (fuActive) {
            auCorrupt = true; // the access unit ended inside an FU-A: truncated
            fuActive = false;
        }
        if (auCorrupt || auLength == 0) {
            counters.fault(PacketFault.INCOMPLETE_FRAME);
            lossPending = true;
            return;
        }
        int flags = (auKey ? FrameFlags.KEYFRAME : 0) | (lossPending ? FrameFlags.AFTER_LOSS : 0);
        lossPending = false;
        counters.frame();
        sink.frame(au, 0, auLength, auTimestamp, flags);
    }

    @Override
    public void reset() {
        inAu = false;
        fuActive = false;
        sequence.reset();
        lossPending = false;
    }

    @Override
    public PacketCounters.Snapshot counters() {
        return counters.snapshot();
    }
}
