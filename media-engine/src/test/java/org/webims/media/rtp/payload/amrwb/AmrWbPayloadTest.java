package org.webims.media.rtp.payload.amrwb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.webims.media.rtp.TestPackets.bytes;
import static org.webims.media.rtp.TestPackets.packet;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.webims.media.rtp.PacketFault;
import org.webims.media.rtp.payload.CollectingSink;

class AmrWbPayloadTest {

    private static final int[] BITS = {132, 177, 253, 285, 317, 365, 397, 461, 477, 40};

    /** A storage-format frame (RFC 4867 §5.3) of type ft with random speech bits, padding zero. */
    static byte[] storageFrame(int ft, long seed) {
        int bits = AmrWbFrameType.bits(ft);
        byte[] f = new byte[1 + (bits + 7) / 8];
        f[0] = (byte) ((ft << 3) | 0x04);
        Random r = new Random(seed);
        for (int i = 1; i < f.length; i++) {
            f[i] = (byte) r.nextInt(256);
        }
        if (bits % 8 != 0) {
            f[f.length - 1] &= (byte) (0xFF << (8 - bits % 8));
        }
        return f;
    }

    private static byte[] payload(AmrWbPacketizer p, byte[] frames) {
        assertTrue(p.setFrame(frames, 0, frames.length));
        byte[] out = new byte[p.maxPayloadSize()];
        int n = p.next(out, 0);
        assertFalse(p.hasNext());
        return Arrays.copyOf(out, n);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            o.writeBytes(p);
        }
        return o.toByteArray();
    }

    @Test
    void frameBitCountsFollowTs26201() {
        for (int ft = 0; ft <= 9; ft++) {
            assertEquals(BITS[ft], AmrWbFrameType.bits(ft));
        }
        assertEquals(0, AmrWbFrameType.bits(AmrWbFrameType.NO_DATA));
        assertEquals(-1, AmrWbFrameType.bits(10));
    }

    @ParameterizedTest
    @EnumSource(AmrWbPayloadFormat.class)
    void everyModeAndSidRoundTrips(AmrWbPayloadFormat format) {
        for (int ft = 0; ft <= AmrWbFrameType.SID; ft++) {
            byte[] frame = storageFrame(ft, ft);
            AmrWbPacketizer pack = new AmrWbPacketizer(format, AmrWbFrameType.ALL_MODES, 1200);
            byte[] pl = payload(pack, frame);
            int expected = format == AmrWbPayloadFormat.OCTET_ALIGNED
                    ? 2 + frame.length - 1 : (4 + 6 + BITS[ft] + 7) / 8;
            assertEquals(expected, pl.length, "payload size of FT " + ft);
            AmrWbDepacketizer depack = new AmrWbDepacketizer(format, AmrWbFrameType.ALL_MODES);
            CollectingSink sink = new CollectingSink();
            depack.push(packet(1, 1000, false, pl), sink);
            assertArrayEquals(frame, sink.only().bytes(), "FT " + ft);
            assertEquals(1000, sink.only().timestamp());
        }
    }

    @ParameterizedTest
    @EnumSource(AmrWbPayloadFormat.class)
    void severalFramesInOnePacketComeOutWithAdvancingTimestamps(AmrWbPayloadFormat format) {
        byte[] a = storageFrame(2, 1);
        byte[] b = storageFrame(8, 2);
        byte[] c = bytes(AmrWbFrameType.storageHeader(AmrWbFrameType.NO_DATA, true));
        byte[] d = storageFrame(AmrWbFrameType.SID, 3);
        byte[] pl = payload(new AmrWbPacketizer(format, AmrWbFrameType.ALL_MODES, 1200), concat(a, b, c, d));
        AmrWbDepacketizer depack = new AmrWbDepacketizer(format, AmrWbFrameType.ALL_MODES);
        CollectingSink sink = new CollectingSink();
        depack.push(packet(1, 0xFFFFFE00L, false, pl), sink);
        assertEquals(4, sink.frames.size());
        assertArrayEquals(a, sink.frames.get(0).bytes());
        assertArrayEquals(b, sink.frames.get(1).bytes());
        assertArrayEquals(c, sink.frames.get(2).bytes());
        assertArrayEquals(d, sink.frames.get(3).bytes());
        assertEquals(0xFFFFFE00L + 320, sink.frames.get(1).timestamp());
        assertEquals((0xFFFFFE00L + 960) & 0xFFFFFFFFL, sink.frames.get(3).timestamp()); // wraps
        assertEquals(4, depack.counters().frames());
    }

    @Test
    void bandwidthEfficientPackingMatchesTheRfc4867Layout() {
        // RFC 4867 §4.3: CMR(4) | F(1) FT(4) Q(1) | speech bits | zero padding to an octet.
        // CMR=1, F=0, FT=0 (6.60, 132 bits), Q=1, speech bits all ones:
        // 0001 0000 01|11 1111 ... (132 ones) ... 1111 11|00 -> 142 bits, 18 octets.
        byte[] frame = new byte[1 + 17];
        frame[0] = (byte) AmrWbFrameType.storageHeader(0, true);
        Arrays.fill(frame, 1, 17, (byte) 0xFF);
        frame[17] = (byte) 0xF0;
        AmrWbPacketizer p = new AmrWbPacketizer(AmrWbPayloadFormat.BANDWIDTH_EFFICIENT, AmrWbFrameType.ALL_MODES, 100);
        p.setCmr(1);
        byte[] expected = new byte[18];
        expected[0] = 0x10;
        expected[1] = 0x7F;
        Arrays.fill(expected, 2, 17, (byte) 0xFF);
        expected[17] = (byte) 0xFC;
        assertArrayEquals(expected, payload(p, frame));
    }

    @Test
    void bandwidthEfficientTwoFramesMatchABitStringBuiltByHand() {
        byte[] a = storageFrame(1, 7);
        byte[] b = storageFrame(AmrWbFrameType.SID, 8);
        StringBuilder bits = new StringBuilder("1111"); // CMR 15: no request
        bits.append("1").append("0001").append("1"); // F=1, FT=1, Q=1
        bits.append("0").append("1001").append("1"); // F=0, FT=9, Q=1
        appendBits(bits, a, 177);
        appendBits(bits, b, 40);
        while (bits.length() % 8 != 0) {
            bits.append('0');
        }
        byte[] expected = new byte[bits.length() / 8];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = (byte) Integer.parseInt(bits.substring(8 * i, 8 * i + 8), 2);
        }
        byte[] pl = payload(new AmrWbPacketizer(AmrWbPayloadFormat.BANDWIDTH_EFFICIENT, AmrWbFrameType.ALL_MODES, 200),
                concat(a, b));
        assertArrayEquals(expected, pl);
    }

    private static void appendBits(StringBuilder sb, byte[] storage, int n) {
        for (int i = 0; i < n; i++) {
            sb.append(((storage[1 + i / 8] >> (7 - i % 8)) & 1) == 1 ? '1' : '0');
        }
    }

    @Test
    void octetAlignedLayoutHasCmrAndTocOctets() {
        byte[] frame = storageFrame(2, 5);
        AmrWbPacketizer p = new AmrWbPacketizer(AmrWbPayloadFormat.OCTET_ALIGNED, AmrWbFrameType.ALL_MODES, 100);
        p.setCmr(1);
        byte[] pl = payload(p, frame);
        assertEquals(0x10, pl[0]); // CMR 1, reserved bits 0
        assertEquals(0x14, pl[1]); // F=0 FT=2 Q=1 P=00
        assertArrayEquals(Arrays.copyOfRange(frame, 1, frame.length), Arrays.copyOfRange(pl, 2, pl.length));
    }

    @ParameterizedTest
    @EnumSource(AmrWbPayloadFormat.class)
    void codecModeRequestIsWrittenAndRead(AmrWbPayloadFormat format) {
        AmrWbPacketizer p = new AmrWbPacketizer(format, AmrWbFrameType.ALL_MODES, 100);
        AmrWbDepacketizer d = new AmrWbDepacketizer(format, AmrWbFrameType.ALL_MODES);
        assertEquals(AmrWbFrameType.NO_REQUEST, d.lastCmr());
        p.setCmr(5);
        d.push(packet(1, 0, false, payload(p, storageFrame(0, 1))), new CollectingSink());
        assertEquals(5, d.lastCmr());
    }

    @Test
    void frameTypeOutsideTheModeSetIsRefusedBothWays() {
        int modeSet = 0b111; // modes 0..2 (SDP mode-set=0,1,2)
        AmrWbPacketizer p = new AmrWbPacketizer(AmrWbPayloadFormat.OCTET_ALIGNED, modeSet, 100);
        assertFalse(p.setFrame(storageFrame(8, 1), 0, 61));
        assertEquals(1, p.counters().faults(PacketFault.MODE_NOT_ALLOWED));
        byte[] pl = payload(new AmrWbPacketizer(AmrWbPayloadFormat.OCTET_ALIGNED, AmrWbFrameType.ALL_MODES, 100),
                storageFrame(8, 1));
        AmrWbDepacketizer d = new AmrWbDepacketizer(AmrWbPayloadFormat.OCTET_ALIGNED, modeSet);
        CollectingSink sink = new CollectingSink();
        d.push(packet(1, 0, false, pl), sink);
        assertTrue(sink.frames.isEmpty());
        assertEquals(1, d.counters().faults(PacketFault.MODE_NOT_ALLOWED));
        // SID is always allowed
        d.push(packet(2, 320, false, payload(new AmrWbPacketizer(AmrWbPayloadFormat.OCTET_ALIGNED, modeSet, 100),
                storageFrame(AmrWbFrameType.SID, 1))), sink);
        assertEquals(1, sink.frames.size());
    }

    @Test
    void reservedFrameTypeDiscardsThePacket() {
        AmrWbDepacketizer d = new AmrWbDepacketizer(AmrWbPayloadFormat.OCTET_ALIGNED, AmrWbFrameType.ALL_MODES);
        CollectingSink sink = new CollectingSink();
        d.push(packet(1, 0, false, bytes(0xF0, 10 << 3 | 0x04, 1, 2, 3)), sink);
        assertTrue(sink.frames.isEmpty());
        assertEquals(1, d.counters().faults(PacketFault.MALFORMED));
    }

    @ParameterizedTest
    @EnumSource(AmrWbPayloadFormat.class)
    void truncatedSpeechIsTooShortAndYieldsNoFrame(AmrWbPayloadFormat format) {
        byte[] pl = payload(new AmrWbPacketizer(format, AmrWbFrameType.ALL_MODES, 100), storageFrame(8, 3));
        AmrWbDepacketizer d = new AmrWbDepacketizer(format, AmrWbFrameType.ALL_MODES);
        CollectingSink sink = new CollectingSink();
        d.push(packet(1, 0, false, Arrays.copyOf(pl, pl.length - 2)), sink);
        assertTrue(sink.frames.isEmpty());
        assertEquals(1, d.counters().faults(PacketFault.TOO_SHORT));
    }

    @Test
    void lossBeforeAPacketFlagsItsFirstFrame() {
        AmrWbPacketizer p = new AmrWbPacketizer(AmrWbPayloadFormat.OCTET_ALIGNED, AmrWbFrameType.ALL_MODES, 100);
        AmrWbDepacketizer d = new AmrWbDepacketizer(AmrWbPayloadFormat.OCTET_ALIGNED, AmrWbFrameType.ALL_MODES);
        CollectingSink sink = new CollectingSink();
        d.push(packet(1, 0, false, payload(p, storageFrame(2, 1))), sink);
        d.push(packet(4, 960, false, payload(p, storageFrame(2, 2))), sink);
        assertFalse(sink.frames.get(0).afterLoss());
        assertTrue(sink.frames.get(1).afterLoss());
        assertEquals(2, d.counters().faults(PacketFault.LOSS));
    }

    @Test
    void repacketizesBetweenTheTwoFormatsWithoutDecoding() {
        byte[] frames = concat(storageFrame(3, 1), storageFrame(6, 2));
        AmrWbPacketizer oa = new AmrWbPacketizer(AmrWbPayloadFormat.OCTET_ALIGNED, AmrWbFrameType.ALL_MODES, 200);
        oa.setCmr(4);
        byte[] octetAligned = payload(oa, frames);
        AmrWbPacketizer be = new AmrWbPacketizer(AmrWbPayloadFormat.BANDWIDTH_EFFICIENT, AmrWbFrameType.ALL_MODES, 200);
        be.setCmr(4);
        byte[] bandwidthEfficient = payload(be, frames);

        byte[] out = new byte[200];
        AmrWbRepacketizer toBe = new AmrWbRepacketizer(AmrWbPayloadFormat.OCTET_ALIGNED,
                AmrWbPayloadFormat.BANDWIDTH_EFFICIENT, 200);
        int n = toBe.convert(octetAligned, 0, octetAligned.length, out, 0);
        assertArrayEquals(bandwidthEfficient, Arrays.copyOf(out, n));
        AmrWbRepacketizer toOa = new AmrWbRepacketizer(AmrWbPayloadFormat.BANDWIDTH_EFFICIENT,
                AmrWbPayloadFormat.OCTET_ALIGNED, 200);
        n = toOa.convert(bandwidthEfficient, 0, bandwidthEfficient.length, out, 0);
        assertArrayEquals(octetAligned, Arrays.copyOf(out, n));
        assertEquals(-1, toOa.convert(bandwidthEfficient, 0, 3, out, 0));
    }

    @Test
    void packetizerRefusesAPayloadAboveItsMaximum() {
        AmrWbPacketizer p = new AmrWbPacketizer(AmrWbPayloadFormat.OCTET_ALIGNED, AmrWbFrameType.ALL_MODES, 40);
        byte[] f = storageFrame(8, 1);
        assertFalse(p.setFrame(f, 0, f.length));
        assertFalse(p.hasNext());
        assertEquals(1, p.counters().faults(PacketFault.FRAME_TOO_LARGE));
    }
}
