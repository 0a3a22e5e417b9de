package org.webims.media.rtp.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.webims.media.rtp.TestPackets.bytes;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.webims.media.rtp.RtpPacket;

class RtxPacketTest {

    // What Chromium sends as RTX (RFC 4588 §4) for a lost VP8 packet: marker set, rtx PT 97, its own
    // sequence number and rtx SSRC, a one-byte header extension (transport-wide seq, id 3), then the
    // OSN 0x1234 and the original VP8 payload (descriptor 0x90 0x80 0x35, data 0xAA 0xBB).
    private static final byte[] RTX = bytes(
            0x90, 0xE1, 0x00, 0x07,   // V=2, X=1, M=1, PT=97, rtx seq 7
            0x00, 0x01, 0x5F, 0x90,   // timestamp 90000
            0x0B, 0x0B, 0x0B, 0x0B,   // rtx SSRC
            0xBE, 0xDE, 0x00, 0x01,   // one-byte extensions, one word
            0x32, 0x00, 0x2A, 0x00,   // id 3, length 2: transport seq 42; padding
            0x12, 0x34,               // OSN
            0x90, 0x80, 0x35, 0xAA, 0xBB);

    @Test
    void theRetransmissionBecomesTheOriginalPacketInPlace() {
        byte[] b = Arrays.copyOf(RTX, RTX.length);
        RtpPacket rtp = new RtpPacket();
        assertTrue(rtp.wrap(b, 0, b.length));
        int at = RtxPacket.restore(rtp, 96, 0x0A0A0A0A);
        assertEquals(RtxPacket.OSN_BYTES, at);
        RtpPacket original = new RtpPacket();
        assertTrue(original.wrap(b, at, b.length - RtxPacket.OSN_BYTES));
        assertEquals(96, original.payloadType(), "PT becomes apt");
        assertEquals(0x1234, original.sequenceNumber(), "the OSN");
        assertEquals(0x0A0A0A0A, original.ssrc(), "the original SSRC");
        assertTrue(original.marker(), "the original's marker");
        assertEquals(90000, original.timestamp(), "the original's timestamp");
        assertEquals(42, ((b[original.extensionOffset(3)] & 0xFF) << 8) | (b[original.extensionOffset(3) + 1] & 0xFF),
                "extensions kept");
        assertArrayEquals(bytes(0x90, 0x80, 0x35, 0xAA, 0xBB), Arrays.copyOfRange(b, original.payloadOffset(),
                original.payloadOffset() + original.payloadLength()), "the original payload");
    }

    @Test
    void paddingOnlyProbesRestoreNothing() {
        // Chromium's bandwidth probes on the rtx SSRC: P=1, no payload but 224 bytes of padding... here 4
        byte[] probe = bytes(0xA0, 0x61, 0x00, 0x08, 0, 0, 0, 1, 0x0B, 0x0B, 0x0B, 0x0B, 0, 0, 0, 4);
        RtpPacket rtp = new RtpPacket();
        assertTrue(rtp.wrap(probe, 0, probe.length));
        assertEquals(-1, RtxPacket.restore(rtp, 96, 0x0A0A0A0A));
    }
}
