package org.webims.media.rtp.payload.h264;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.webims.media.rtp.TestPackets.bytes;
import static org.webims.media.rtp.TestPackets.packet;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.webims.media.rtp.PacketFault;
import org.webims.media.rtp.RtpPacket;
import org.webims.media.rtp.payload.CollectingSink;

class H264PayloadTest {

    private static final byte[] SPS = bytes(0x67, 0x42, 0xE0, 0x1F, 0xDA, 0x01);
    private static final byte[] PPS = bytes(0x68, 0xCE, 0x3C, 0x80);

    private static byte[] nal(int header, int size, long seed) {
        byte[] n = new byte[size];
        new Random(seed).nextBytes(n);
        n[0] = (byte) header;
        n[size - 1] = (byte) 0x80; // rbsp stop bit: never ends in zero
        for (int i = 1; i < size - 1; i++) {
            if (n[i] == 0) {
                n[i] = 1; // keep the test NALs free of start-code emulation
            }
        }
        return n;
    }

    /** Annex B with 4-byte start codes, the depacketizer's output form. */
    private static byte[] annexB(byte[]... nals) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] n : nals) {
            o.writeBytes(bytes(0, 0, 0, 1));
            o.writeBytes(n);
        }
        return o.toByteArray();
    }

    private record Payload(byte[] bytes, boolean marker) {
    }

    private static List<Payload> packetize(H264Packetizer p, byte[] au) {
        assertTrue(p.setFrame(au, 0, au.length));
        List<Payload> out = new ArrayList<>();
        byte[] buf = new byte[p.maxPayloadSize()];
        while (p.hasNext()) {
            int n = p.next(buf, 0);
            assertTrue(n <= p.maxPayloadSize());
            out.add(new Payload(Arrays.copyOf(buf, n), p.marker()));
        }
        return out;
    }

    private static int push(H264Depacketizer d, List<Payload> payloads, int seq, long ts, CollectingSink sink) {
        for (Payload p : payloads) {
            d.push(packet(seq++, ts, p.marker(), p.bytes()), sink);
        }
        return seq;
    }

    @Test
    void smallNalUnitsGoIntoOneStapAAndComeBackAsAnAccessUnit() {
        byte[] idr = nal(0x65, 300, 1);
        byte[] au = annexB(SPS, PPS, idr);
        List<Payload> payloads = packetize(new H264Packetizer(H264PacketizationMode.NON_INTERLEAVED, 1200), au);
        assertEquals(1, payloads.size());
        byte[] stap = payloads.get(0).bytes();
        assertEquals(H264Nal.STAP_A, stap[0] & 0x1F);
        assertEquals(0x60, stap[0] & 0x60, "NRI is the maximum of the aggregated units");
        assertEquals(SPS.length, ((stap[1] & 0xFF) << 8) | (stap[2] & 0xFF));
        assertTrue(payloads.get(0).marker());

        H264Depacketizer d = new H264Depacketizer(100_000);
        CollectingSink sink = new CollectingSink();
        push(d, payloads, 10, 9000, sink);
        assertArrayEquals(au, sink.only().bytes());
        assertTrue(sink.only().keyframe());
        assertEquals(9000, sink.only().timestamp());
    }

    @Test
    void largeNalUnitIsFragmentedIntoFuAAndReassembled() {
        byte[] idr = nal(0x65, 5000, 2);
        byte[] au = annexB(SPS, PPS, idr);
        List<Payload> payloads = packetize(new H264Packetizer(H264PacketizationMode.NON_INTERLEAVED, 1200), au);
        assertTrue(payloads.size() >= 6);
        byte[] firstFu = payloads.get(1).bytes();
        assertEquals(H264Nal.FU_A, firstFu[0] & 0x1F);
        assertEquals(0x80 | 5, firstFu[1] & 0xFF); // S bit, type IDR
        byte[] lastFu = payloads.get(payloads.size() - 1).bytes();
        assertEquals(0x40 | 5, lastFu[1] & 0xFF); // E bit
        for (int i = 0; i < payloads.size() - 1; i++) {
            assertFalse(payloads.get(i).marker());
        }
        H264Depacketizer d = new H264Depacketizer(100_000);
        CollectingSink sink = new CollectingSink();
        push(d, payloads, 65530, 1, sink); // crosses the sequence wrap
        assertArrayEquals(au, sink.only().bytes());
        assertTrue(sink.only().keyframe());
    }

    @Test
    void accessUnitsWithThreeByteStartCodesAreAccepted() {
        byte[] slice = nal(0x41, 50, 3);
        byte[] au = new byte[3 + slice.length];
        au[2] = 1;
        System.arraycopy(slice, 0, au, 3, slice.length);
        List<Payload> payloads = packetize(new H264Packetizer(H264PacketizationMode.SINGLE_NAL, 1200), au);
        assertArrayEquals(slice, payloads.get(0).bytes());
        H264Depacketizer d = new H264Depacketizer(10_000);
        CollectingSink sink = new CollectingSink();
        push(d, payloads, 1, 1, sink);
        assertArrayEquals(annexB(slice), sink.only().bytes());
        assertFalse(sink.only().keyframe());
    }

    @Test
    void truncatedFuAIsDroppedAndCounted() {
        byte[] au = annexB(nal(0x65, 4000, 4));
        List<Payload> payloads = new ArrayList<>(packetize(new H264Packetizer(H264PacketizationMode.NON_INTERLEAVED, 1000), au));
        payloads.remove(2); // a middle fragment is lost
        H264Depacketizer d = new H264Depacketizer(100_000);
        CollectingSink sink = new CollectingSink();
        int seq = 100;
        for (int i = 0; i < payloads.size(); i++) {
            d.push(packet(seq++ + (i >= 2 ? 1 : 0), 3000, payloads.get(i).marker(), payloads.get(i).bytes()), sink);
        }
        assertTrue(sink.frames.isEmpty());
        assertEquals(1, d.counters().faults(PacketFault.INCOMPLETE_FRAME));
        assertEquals(1, d.counters().faults(PacketFault.LOSS));
        // the next access unit is delivered and flagged after loss
        push(d, packetize(new H264Packetizer(H264PacketizationMode.NON_INTERLEAVED, 1000), annexB(nal(0x41, 20, 5))),
                seq + 1, 6000, sink);
        assertTrue(sink.only().afterLoss());
    }

    @Test
    void fuAEndingWithoutItsEndFragmentIsDropped() {
        // FU-A start then the marker arrives on a continuation without E: truncated
        H264Depacketizer d = new H264Depacketizer(10_000);
        CollectingSink sink = new CollectingSink();
        d.push(packet(1, 10, false, bytes(0x7C, 0x85, 1, 2, 3)), sink);
        d.push(packet(2, 10, true, bytes(0x7C, 0x05, 4, 5, 6)), sink);
        assertTrue(sink.frames.isEmpty());
        assertEquals(1, d.counters().faults(PacketFault.INCOMPLETE_FRAME));
    }

    @Test
    void fuAContinuationWithoutStartIsDropped() {
        H264Depacketizer d = new H264Depacketizer(10_000);
        CollectingSink sink = new CollectingSink();
        d.push(packet(1, 10, true, bytes(0x7C, 0x45, 4, 5, 6)), sink);
        assertTrue(sink.frames.isEmpty());
        assertEquals(1, d.counters().faults(PacketFault.INCOMPLETE_FRAME));
    }

    @Test
    void outOfOrderPacketIsCountedAndItsAccessUnitDropped() {
        byte[] au = annexB(nal(0x65, 3000, 6));
        List<Payload> payloads = packetize(new H264Packetizer(H264PacketizationMode.NON_INTERLEAVED, 1000), au);
        H264Depacketizer d = new H264Depacketizer(100_000);
        CollectingSink sink = new CollectingSink();
        d.push(packet(1, 5, false, payloads.get(0).bytes()), sink);
        d.push(packet(3, 5, false, payloads.get(2).bytes()), sink);
        d.push(packet(2, 5, false, payloads.get(1).bytes()), sink);
        for (int i = 3; i < payloads.size(); i++) {
            d.push(packet(i + 1, 5, payloads.get(i).marker(), payloads.get(i).bytes()), sink);
        }
        assertTrue(sink.frames.isEmpty());
        assertEquals(1, d.counters().faults(PacketFault.OUT_OF_ORDER));
        assertEquals(1, d.counters().faults(PacketFault.INCOMPLETE_FRAME));
    }

    @Test
    void unknownNalTypesPassThrough() {
        H264Depacketizer d = new H264Depacketizer(10_000);
        CollectingSink sink = new CollectingSink();
        byte[] reserved = bytes(0x1F, 9, 8, 7); // type 31
        byte[] extension = bytes(0x14, 1, 2); // type 20
        d.push(packet(1, 10, false, reserved), sink);
        d.push(packet(2, 10, true, extension), sink);
        assertArrayEquals(annexB(reserved, extension), sink.only().bytes());
    }

    @Test
    void stapBIsUnsupportedAndDropsTheAccessUnit() {
        H264Depacketizer d = new H264Depacketizer(10_000);
        CollectingSink sink = new CollectingSink();
        d.push(packet(1, 10, true, bytes(0x19, 0, 1, 0, 2, 0x41, 0x22)), sink);
        assertTrue(sink.frames.isEmpty());
        assertEquals(1, d.counters().faults(PacketFault.UNSUPPORTED));
    }

    @Test
    void stapAWithASizePastItsEndIsMalformed() {
        H264Depacketizer d = new H264Depacketizer(10_000);
        CollectingSink sink = new CollectingSink();
        d.push(packet(1, 10, true, bytes(0x18, 0, 2, 0x67, 0x42, 0, 9, 0x68)), sink);
        assertTrue(sink.frames.isEmpty());
        assertEquals(1, d.counters().faults(PacketFault.MALFORMED));
    }

    @Test
    void newTimestampEndsAnAccessUnitWhoseMarkerWasNotSeen() {
        H264Depacketizer d = new H264Depacketizer(10_000);
        CollectingSink sink = new CollectingSink();
        d.push(packet(1, 10, false, bytes(0x41, 1)), sink);
        d.push(packet(2, 20, true, bytes(0x41, 2)), sink);
        assertEquals(2, sink.frames.size());
        assertEquals(10, sink.frames.get(0).timestamp());
        assertEquals(20, sink.frames.get(1).timestamp());
    }

    @Test
    void singleNalModeRefusesANalAboveTheMtu() {
        H264Packetizer p = new H264Packetizer(H264PacketizationMode.SINGLE_NAL, 1000);
        byte[] au = annexB(nal(0x65, 1500, 7));
        assertFalse(p.setFrame(au, 0, au.length));
        assertEquals(1, p.counters().faults(PacketFault.FRAME_TOO_LARGE));
    }

    @Test
    void singleNalModeSendsOneNalPerPacket() {
        byte[] au = annexB(SPS, PPS, nal(0x65, 500, 8));
        List<Payload> payloads = packetize(new H264Packetizer(H264PacketizationMode.SINGLE_NAL, 1000), au);
        assertEquals(3, payloads.size());
        assertArrayEquals(SPS, payloads.get(0).bytes());
        assertTrue(payloads.get(2).marker());
    }

    @Test
    void bytesWithoutAStartCodeAreNotAnAccessUnit() {
        H264Packetizer p = new H264Packetizer(H264PacketizationMode.NON_INTERLEAVED, 1000);
        assertFalse(p.setFrame(SPS, 0, SPS.length));
        assertEquals(1, p.counters().faults(PacketFault.MALFORMED));
    }

    @Test
    void depacketizerCountsPacketsBytesAndFrames() {
        H264Depacketizer d = new H264Depacketizer(10_000);
        RtpPacket pkt = packet(1, 10, true, bytes(0x41, 1));
        d.push(pkt, new CollectingSink());
        assertEquals(1, d.counters().packets());
        assertEquals(pkt.length(), d.counters().bytes());
        assertEquals(1, d.counters().frames());
    }
}
