package org.webims.media.rtp.jitter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.webims.media.rtp.TestPackets.bytes;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.webims.media.rtp.PacketFault;
import org.webims.media.rtp.RtpPacket;
import org.webims.media.rtp.TestPackets;

class JitterBufferTest {

    /** 8 kHz audio, 20 ms packets (160 units), 40 ms target delay. */
    private final JitterBuffer jb = new JitterBuffer(16, 200, 8000, 40);

    private static RtpPacket pkt(int seq, long ts) {
        return pkt(seq, ts, 0x1234);
    }

    private static RtpPacket pkt(int seq, long ts, int ssrc) {
        byte[] payload = bytes(seq >>> 8, seq);
        return TestPackets.packet(0, seq, ts, ssrc, false, payload, 0, 2);
    }

    /** Drains everything due at {@code now}: "s<seq>" per packet, "gap<n>" per gap. */
    private List<String> drain(long now) {
        List<String> out = new ArrayList<>();
        while (true) {
            JitterBuffer.Poll r = jb.poll(now);
            if (r == JitterBuffer.Poll.NOTHING) {
                return out;
            }
            out.add(r == JitterBuffer.Poll.PACKET ? "s" + jb.packet().sequenceNumber() : "gap" + jb.gapLength());
        }
    }

    @Test
    void holdsPacketsUntilTheTargetDelay() {
        jb.push(pkt(1, 0), 1000);
        assertEquals(List.of(), drain(1039));
        assertEquals(List.of("s1"), drain(1040));
    }

    @Test
    void playsPacketsOutAtTheirTimestampPace() {
        jb.push(pkt(1, 0), 1000);
        jb.push(pkt(2, 160), 1020);
        jb.push(pkt(3, 320), 1040);
        assertEquals(List.of("s1"), drain(1040));
        assertEquals(List.of(), drain(1059));
        assertEquals(List.of("s2", "s3"), drain(1080));
    }

    @Test
    void reordersPackets() {
        jb.push(pkt(1, 0), 1000);
        jb.push(pkt(3, 320), 1001);
        jb.push(pkt(2, 160), 1002);
        assertEquals(List.of("s1", "s2", "s3"), drain(2000));
    }

    @Test
    void packetReorderedBeforeTheFirstStillComesOutFirst() {
        jb.push(pkt(2, 160), 1000);
        jb.push(pkt(1, 0), 1001);
        assertEquals(List.of("s1", "s2"), drain(2000));
    }

    @Test
    void dropsAndCountsDuplicates() {
        assertTrue(jb.push(pkt(1, 0), 1000));
        assertFalse(jb.push(pkt(1, 0), 1001));
        assertEquals(List.of("s1"), drain(2000));
        assertEquals(1, jb.counters().faults(PacketFault.DUPLICATE));
    }

    @Test
    void dropsAndCountsPacketsArrivingAfterTheirTurn() {
        jb.push(pkt(1, 0), 1000);
        jb.push(pkt(3, 320), 1000);
        assertEquals(List.of("s1", "gap1", "s3"), drain(2000));
        assertFalse(jb.push(pkt(2, 160), 2001));
        assertEquals(1, jb.counters().faults(PacketFault.LATE));
    }

    @Test
    void reportsAGapOnlyWhenTheNextPacketIsDue() {
        jb.push(pkt(1, 0), 1000);
        jb.push(pkt(4, 480), 1060);
        assertEquals(List.of("s1"), drain(1040));
        assertEquals(List.of(), drain(1099), "packet 4 is not due before 1000+60+40");
        assertEquals(List.of("gap2", "s4"), drain(1100));
        assertEquals(2, jb.counters().faults(PacketFault.LOSS));
    }

    @Test
    void keepsOrderAcrossSequenceWrapAt65535() {
        jb.push(pkt(65534, 0), 1000);
        jb.push(pkt(0, 320), 1001);
        jb.push(pkt(65535, 160), 1002);
        jb.push(pkt(1, 480), 1003);
        assertEquals(List.of("s65534", "s65535", "s0", "s1"), drain(5000));
    }

    @Test
    void resetsOnSsrcChange() {
        jb.push(pkt(100, 0, 1), 1000);
        jb.push(pkt(7, 5000, 2), 1010);
        assertEquals(List.of("s7"), drain(2000));
        assertEquals(1, jb.counters().faults(PacketFault.RESET));
    }

    @Test
    void resetsOnALargeSequenceJump() {
        jb.push(pkt(100, 0), 1000);
        jb.push(pkt(20_000, 160), 1010);
        assertEquals(List.of("s20000"), drain(2000));
        assertEquals(1, jb.counters().faults(PacketFault.RESET));
    }

    @Test
    void aFullWindowPushesTheOldestOut() {
        for (int s = 1; s <= 16; s++) {
            assertTrue(jb.push(pkt(s, s * 160L), 1000));
        }
        assertTrue(jb.push(pkt(17, 17 * 160L), 1000));
        assertEquals(1, jb.counters().faults(PacketFault.OVERFLOW));
        List<String> out = drain(10_000);
        assertEquals("s2", out.get(0));
        assertEquals(16, out.size());
    }

    @Test
    void handsOutACopyThatOutlivesTheCallersBuffer() {
        RtpPacket p = pkt(1, 0);
        jb.push(p, 1000);
        p.buffer()[p.payloadOffset() + 1] = 99; // the caller reuses its buffer
        assertEquals(JitterBuffer.Poll.PACKET, jb.poll(2000));
        RtpPacket out = jb.packet();
        assertEquals(1, out.buffer()[out.payloadOffset() + 1]);
        assertEquals(2, out.payloadLength());
    }

    @Test
    void refusesPacketsLargerThanItsSlots() {
        byte[] big = new byte[300];
        RtpPacket p = TestPackets.packet(0, 1, 0, 1, false, big, 0, big.length);
        assertFalse(jb.push(p, 0));
        assertEquals(1, jb.counters().faults(PacketFault.FRAME_TOO_LARGE));
    }

    @Test
    void countsPacketsInAndOut() {
        jb.push(pkt(1, 0), 1000);
        jb.push(pkt(2, 160), 1000);
        drain(5000);
        assertEquals(2, jb.counters().packets());
        assertEquals(2, jb.counters().frames());
        assertEquals(0, jb.size());
    }

    @Test
    void usesTheClockRateForTheDelay() {
        JitterBuffer video = new JitterBuffer(64, 1500, 90_000, 100);
        video.push(pkt(1, 0), 0);
        video.push(pkt(2, 9000), 100); // 100 ms later in media time and in arrival
        assertEquals(JitterBuffer.Poll.PACKET, video.poll(100));
        assertEquals(JitterBuffer.Poll.NOTHING, video.poll(199));
        assertEquals(JitterBuffer.Poll.PACKET, video.poll(200));
    }
}
