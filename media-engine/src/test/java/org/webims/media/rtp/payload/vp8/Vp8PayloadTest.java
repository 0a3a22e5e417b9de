package org.webims.media.rtp.payload.vp8;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.webims.media.rtp.TestPackets.bytes;
import static org.webims.media.rtp.TestPackets.packet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.webims.media.rtp.PacketFault;
import org.webims.media.rtp.payload.CollectingSink;

class Vp8PayloadTest {

    private final Vp8Descriptor d = new Vp8Descriptor();

    /** A fake VP8 frame whose frame tag says key frame (P=0) or not. */
    private static byte[] frame(int size, boolean key, long seed) {
        byte[] f = new byte[size];
        new Random(seed).nextBytes(f);
        f[0] = (byte) (key ? f[0] & ~1 : f[0] | 1);
        return f;
    }

    private record Payload(byte[] bytes, boolean marker) {
    }

    private static List<Payload> packetize(Vp8Packetizer p, byte[] frame) {
        assertTrue(p.setFrame(frame, 0, frame.length));
        List<Payload> out = new ArrayList<>();
        byte[] buf = new byte[p.maxPayloadSize()];
        while (p.hasNext()) {
            int n = p.next(buf, 0);
            out.add(new Payload(Arrays.copyOf(buf, n), p.marker()));
        }
        return out;
    }

    @Test
    void parsesTheMinimalDescriptor() {
        assertTrue(d.parse(bytes(0x10, 0x9D), 0, 2));
        assertEquals(1, d.length());
        assertTrue(d.startOfPartition);
        assertEquals(0, d.partitionIndex);
        assertEquals(-1, d.pictureId);
    }

    @Test
    void parsesSevenAndFifteenBitPictureIds() {
        assertTrue(d.parse(bytes(0x90, 0x80, 0x35, 0xAA), 0, 4));
        assertEquals(0x35, d.pictureId);
        assertFalse(d.longPictureId);
        assertEquals(3, d.length());
        assertTrue(d.parse(bytes(0x90, 0x80, 0xB2, 0x34, 0xAA), 0, 5));
        assertEquals(0x3234, d.pictureId);
        assertTrue(d.longPictureId);
        assertEquals(4, d.length());
    }

    @Test
    void parsesTl0PicIdxTidAndKeyIdx() {
        // X, then I L T K, PictureID 7-bit 5, TL0PICIDX 9, TID 2 Y=1 KEYIDX 17
        assertTrue(d.parse(bytes(0xA4, 0xF0, 0x05, 0x09, 0xB1, 0xAA), 0, 6));
        assertTrue(d.nonReference);
        assertFalse(d.startOfPartition);
        assertEquals(4, d.partitionIndex);
        assertEquals(5, d.pictureId);
        assertEquals(9, d.tl0PicIdx);
        assertEquals(2, d.temporalLayer);
        assertTrue(d.layerSync);
        assertEquals(17, d.keyIndex);
        assertEquals(5, d.length());
    }

    @Test
    void parsesKeyIdxWithoutTid() {
        assertTrue(d.parse(bytes(0x80, 0x10, 0x03, 0xAA), 0, 4));
        assertEquals(-1, d.temporalLayer);
        assertEquals(3, d.keyIndex);
    }

    @Test
    void descriptorVariantsRoundTrip() {
        Vp8Descriptor w = new Vp8Descriptor();
        w.startOfPartition = true;
        w.pictureId = 0x1234;
        w.tl0PicIdx = 200;
        w.temporalLayer = 1;
        w.keyIndex = 30;
        byte[] out = new byte[Vp8Descriptor.MAX_LENGTH + 1];
        int n = w.write(out, 0);
        assertEquals(w.writtenLength(), n);
        assertEquals(6, n);
        out[n] = 0x42;
        assertTrue(d.parse(out, 0, n + 1));
        assertEquals(0x1234, d.pictureId);
        assertEquals(200, d.tl0PicIdx);
        assertEquals(1, d.temporalLayer);
        assertEquals(30, d.keyIndex);
        assertEquals(n, d.length());
    }

    @Test
    void rejectsADescriptorWithNoDataAfterIt() {
        assertFalse(d.parse(bytes(0x90, 0x80, 0xB2, 0x34), 0, 4));
        assertFalse(d.parse(bytes(0x90, 0x80), 0, 2));
    }

    @Test
    void detectsKeyFramesFromThePBitOfTheFirstPartition() {
        assertTrue(Vp8Descriptor.isKeyFrame(bytes(0x10, 0x50), 0, 2));
        assertFalse(Vp8Descriptor.isKeyFrame(bytes(0x10, 0x51), 0, 2));
        assertTrue(Vp8Descriptor.isKeyFrame(bytes(0x90, 0x80, 0x81, 0x00, 0x10), 0, 5));
        assertFalse(Vp8Descriptor.isKeyFrame(bytes(0x00, 0x50), 0, 2), "not the start of a partition");
        assertFalse(Vp8Descriptor.isKeyFrame(bytes(0x11, 0x50), 0, 2), "not partition 0");
    }

    @Test
    void packetizerSplitsAFrameWithinTheMtuAndDepacketizerReassemblesIt() {
        byte[] f = frame(3000, true, 1);
        Vp8Packetizer p = new Vp8Packetizer(1000, true, 0x7FFF);
        List<Payload> payloads = packetize(p, f);
        assertEquals(4, payloads.size());
        for (Payload pl : payloads) {
            assertTrue(pl.bytes().length <= 1000);
        }
        assertTrue(payloads.get(3).marker());
        assertFalse(payloads.get(0).marker());
        assertTrue(d.parse(payloads.get(0).bytes(), 0, payloads.get(0).bytes().length));
        assertTrue(d.startOfPartition);
        assertEquals(0x7FFF, d.pictureId);
        assertTrue(d.parse(payloads.get(1).bytes(), 0, payloads.get(1).bytes().length));
        assertFalse(d.startOfPartition);
        assertEquals(0, p.pictureId(), "PictureID wraps at 15 bits");

        Vp8Depacketizer dep = new Vp8Depacketizer(100_000);
        CollectingSink sink = new CollectingSink();
        int seq = 65534;
        for (Payload pl : payloads) {
            dep.push(packet(seq++ & 0xFFFF, 90_000, pl.marker(), pl.bytes()), sink);
        }
        assertArrayEquals(f, sink.only().bytes());
        assertTrue(sink.only().keyframe());
        assertEquals(90_000, sink.only().timestamp());
    }

    @Test
    void interFrameIsNotFlaggedKey() {
        Vp8Depacketizer dep = new Vp8Depacketizer(100_000);
        CollectingSink sink = new CollectingSink();
        List<Payload> payloads = packetize(new Vp8Packetizer(1200, false, 0), frame(500, false, 2));
        dep.push(packet(1, 1, payloads.get(0).marker(), payloads.get(0).bytes()), sink);
        assertFalse(sink.only().keyframe());
    }

    @Test
    void frameMissingAMiddlePacketIsDroppedAndTheNextFlagged() {
        Vp8Packetizer p = new Vp8Packetizer(500, true, 0);
        List<Payload> first = packetize(p, frame(1400, true, 3));
        Vp8Depacketizer dep = new Vp8Depacketizer(100_000);
        CollectingSink sink = new CollectingSink();
        dep.push(packet(1, 100, false, first.get(0).bytes()), sink);
        dep.push(packet(3, 100, true, first.get(2).bytes()), sink);
        assertTrue(sink.frames.isEmpty());
        assertEquals(1, dep.counters().faults(PacketFault.INCOMPLETE_FRAME));
        List<Payload> second = packetize(p, frame(300, false, 4));
        dep.push(packet(4, 200, true, second.get(0).bytes()), sink);
        assertTrue(sink.only().afterLoss());
    }

    @Test
    void packetsOfAFrameWhoseStartWasLostAreDiscarded() {
        List<Payload> payloads = packetize(new Vp8Packetizer(500, true, 0), frame(1400, true, 5));
        Vp8Depacketizer dep = new Vp8Depacketizer(100_000);
        CollectingSink sink = new CollectingSink();
        dep.push(packet(2, 100, false, payloads.get(1).bytes()), sink);
        dep.push(packet(3, 100, true, payloads.get(2).bytes()), sink);
        assertTrue(sink.frames.isEmpty());
    }

    @Test
    void frameLargerThanTheBufferIsDroppedAndCounted() {
        List<Payload> payloads = packetize(new Vp8Packetizer(500, true, 0), frame(1400, true, 6));
        Vp8Depacketizer dep = new Vp8Depacketizer(1000);
        CollectingSink sink = new CollectingSink();
        int seq = 1;
        for (Payload pl : payloads) {
            dep.push(packet(seq++, 100, pl.marker(), pl.bytes()), sink);
        }
        assertTrue(sink.frames.isEmpty());
        assertEquals(1, dep.counters().faults(PacketFault.FRAME_TOO_LARGE));
    }

    @Test
    void malformedDescriptorIsCounted() {
        Vp8Depacketizer dep = new Vp8Depacketizer(1000);
        dep.push(packet(1, 1, true, bytes(0x90, 0x80)), new CollectingSink());
        assertEquals(1, dep.counters().faults(PacketFault.MALFORMED));
    }
}
