package org.webims.media.rtp.payload.opus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.webims.media.rtp.TestPackets.bytes;
import static org.webims.media.rtp.TestPackets.packet;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.webims.media.rtp.PacketFault;
import org.webims.media.rtp.payload.CollectingSink;

class OpusPayloadTest {

    @Test
    void oneOpusPacketPerRtpPayloadRoundTrips() {
        byte[] opus = bytes(0x78, 1, 2, 3, 4, 5);
        OpusPacketizer p = new OpusPacketizer(1200);
        assertTrue(p.setFrame(opus, 0, opus.length));
        byte[] out = new byte[1200];
        int n = p.next(out, 0);
        assertFalse(p.hasNext());
        OpusDepacketizer d = new OpusDepacketizer();
        CollectingSink sink = new CollectingSink();
        d.push(packet(7, 960, false, Arrays.copyOf(out, n)), sink);
        assertArrayEquals(opus, sink.only().bytes());
        assertEquals(960, sink.only().timestamp());
        assertEquals(1, d.counters().frames());
    }

    @Test
    void lossFlagsTheNextFrameAndCountsTheMissingPackets() {
        OpusDepacketizer d = new OpusDepacketizer();
        CollectingSink sink = new CollectingSink();
        d.push(packet(1, 0, false, bytes(0x78, 1)), sink);
        d.push(packet(4, 2880, false, bytes(0x78, 2)), sink);
        d.push(packet(5, 3840, false, bytes(0x78, 3)), sink);
        assertTrue(sink.frames.get(1).afterLoss());
        assertFalse(sink.frames.get(2).afterLoss());
        assertEquals(2, d.counters().faults(PacketFault.LOSS));
    }

    @Test
    void duplicateOrOldPacketIsDropped() {
        OpusDepacketizer d = new OpusDepacketizer();
        CollectingSink sink = new CollectingSink();
        d.push(packet(5, 0, false, bytes(0x78, 1)), sink);
        d.push(packet(5, 0, false, bytes(0x78, 1)), sink);
        assertEquals(1, sink.frames.size());
        assertEquals(1, d.counters().faults(PacketFault.OUT_OF_ORDER));
    }

    @Test
    void emptyPayloadIsTooShort() {
        OpusDepacketizer d = new OpusDepacketizer();
        CollectingSink sink = new CollectingSink();
        d.push(packet(1, 0, false, new byte[0]), sink);
        assertTrue(sink.frames.isEmpty());
        assertEquals(1, d.counters().faults(PacketFault.TOO_SHORT));
    }

    @Test
    void packetAboveTheMtuIsRefused() {
        OpusPacketizer p = new OpusPacketizer(100);
        assertFalse(p.setFrame(new byte[101], 0, 101));
        assertFalse(p.hasNext());
        assertEquals(1, p.counters().faults(PacketFault.FRAME_TOO_LARGE));
    }
}
