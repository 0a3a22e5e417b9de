package org.webims.media.rtp.payload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.webims.media.rtp.TestPackets.packet;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.webims.media.rtp.RtpPacket;
import org.webims.media.rtp.payload.vp8.Vp8Depacketizer;

class ResequencingDepacketizerTest {

    final CollectingSink sink = new CollectingSink();

    /** A VP8 frame of three packets (RFC 7741: S=1 PID=0 first, the marker last), at seq, seq+1, seq+2. */
    static List<RtpPacket> frame(int seq, long ts, boolean key) {
        List<RtpPacket> out = new ArrayList<>();
        out.add(packet(seq & 0xFFFF, ts, false, new byte[] {0x10, (byte) (key ? 0x00 : 0x01), 1, 2}));
        out.add(packet((seq + 1) & 0xFFFF, ts, false, new byte[] {0x00, 3, 4}));
        out.add(packet((seq + 2) & 0xFFFF, ts, true, new byte[] {0x00, 5, 6}));
        return out;
    }

    @Test
    void aPacketRetransmittedLateCompletesItsFrameWithoutALossFlag() {
        ResequencingDepacketizer d = new ResequencingDepacketizer(new Vp8Depacketizer(1 << 16));
        List<RtpPacket> key = frame(65534, 0, true); // across the wrap
        List<RtpPacket> next = frame(1, 3000, false);
        for (RtpPacket p : key) {
            d.push(p, sink);
        }
        d.push(next.get(0), sink);
        d.push(next.get(2), sink); // next.get(1) lost on the way
        d.push(frame(4, 6000, false).get(0), sink);
        assertEquals(1, sink.frames.size(), "the frame with the hole waits");
        d.push(next.get(1), sink); // the retransmission, a round trip late
        assertEquals(2, sink.frames.size());
        assertArrayEquals(new byte[] {0x01, 1, 2, 3, 4, 5, 6}, sink.frames.get(1).bytes());
        assertFalse(sink.frames.get(1).afterLoss(), "repaired: nothing to ask a key frame for");
        assertEquals(1, d.resequenced());
        assertEquals(0, d.counters().totalFaults());
    }

    @Test
    void inOrderPacketsPassAtOnce() {
        ResequencingDepacketizer d = new ResequencingDepacketizer(new Vp8Depacketizer(1 << 16));
        for (int f = 0; f < 3; f++) {
            for (RtpPacket p : frame(100 + 3 * f, 3000L * f, f == 0)) {
                d.push(p, sink);
            }
            assertEquals(f + 1, sink.frames.size());
        }
    }

    @Test
    void aHoleNeverFilledIsGivenUpAfterTheWaitAndTheDepacketizerFlagsTheLoss() throws Exception {
        ResequencingDepacketizer d = new ResequencingDepacketizer(new Vp8Depacketizer(1 << 16), 1_000_000L);
        for (RtpPacket p : frame(10, 0, true)) {
            d.push(p, sink);
        }
        List<RtpPacket> lost = frame(13, 3000, false);
        d.push(lost.get(0), sink);
        d.push(lost.get(2), sink); // 14 never comes
        Thread.sleep(5); // past the 1 ms wait: a test of the give-up, not of time
        for (RtpPacket p : frame(16, 6000, false)) {
            d.push(p, sink);
        }
        assertEquals(1, d.holesGivenUp());
        assertEquals(2, sink.frames.size(), "the broken frame is dropped, the next delivered");
        assertTrue(sink.frames.get(1).afterLoss(), "and flagged, so its consumer asks for a key frame");
    }

    @Test
    void aJumpBeyondTheSlotsReleasesWhatIsHeldAndGoesOn() {
        ResequencingDepacketizer d = new ResequencingDepacketizer(new Vp8Depacketizer(1 << 16));
        for (RtpPacket p : frame(10, 0, true)) {
            d.push(p, sink);
        }
        d.push(frame(13, 3000, false).get(2), sink); // 13 and 14 missing: held
        for (RtpPacket p : frame(13 + ResequencingDepacketizer.SLOTS + 5, 9000, false)) {
            d.push(p, sink);
        }
        assertEquals(2, sink.frames.size());
        assertTrue(sink.frames.get(1).afterLoss());
    }

    @Test
    void aDuplicateOfAHeldPacketIsHeldOnce() {
        ResequencingDepacketizer d = new ResequencingDepacketizer(new Vp8Depacketizer(1 << 16));
        for (RtpPacket p : frame(0, 0, true)) {
            d.push(p, sink);
        }
        List<RtpPacket> f = frame(3, 3000, false);
        d.push(f.get(0), sink);
        d.push(f.get(2), sink);
        d.push(f.get(2), sink);
        d.push(f.get(1), sink);
        assertEquals(2, sink.frames.size());
        assertEquals(0, d.counters().totalFaults(), "no duplicate reached the depacketizer");
    }
}
