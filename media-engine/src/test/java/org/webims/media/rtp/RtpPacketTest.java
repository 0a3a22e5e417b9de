package org.webims.media.rtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.webims.media.rtp.TestPackets.bytes;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RtpPacketTest {

    private final RtpPacket p = new RtpPacket();

    private static final byte[] BASIC = bytes(
            0x80, 0xE0, 0x12, 0x34, // V=2, M=1, PT=96, seq 0x1234
            0xDE, 0xAD, 0xBE, 0xEF, // ts
            0x01, 0x02, 0x03, 0x04, // ssrc
            0xAA, 0xBB);

    @Test
    void readsFixedHeaderFields() {
        assertTrue(p.wrap(BASIC, 0, BASIC.length));
        assertNull(p.fault());
        assertEquals(2, p.version());
        assertTrue(p.marker());
        assertEquals(96, p.payloadType());
        assertEquals(0x1234, p.sequenceNumber());
        assertEquals(0xDEADBEEFL, p.timestamp());
        assertEquals(0x01020304, p.ssrc());
        assertEquals(12, p.payloadOffset());
        assertEquals(2, p.payloadLength());
        assertFalse(p.extension());
        assertEquals(-1, p.extensionOffset(1));
    }

    @Test
    void readsAtAnOffsetIntoALargerBuffer() {
        byte[] big = new byte[100];
        System.arraycopy(BASIC, 0, big, 40, BASIC.length);
        assertTrue(p.wrap(big, 40, BASIC.length));
        assertEquals(52, p.payloadOffset());
        assertEquals(0x1234, p.sequenceNumber());
    }

    @Test
    void rejectsFewerThanTwelveBytesAsTooShort() {
        assertFalse(p.wrap(BASIC, 0, 11));
        assertEquals(RtpFault.TOO_SHORT, p.fault());
    }

    @Test
    void rejectsLengthBeyondTheArrayAsTooShort() {
        assertFalse(p.wrap(BASIC, 4, BASIC.length));
        assertEquals(RtpFault.TOO_SHORT, p.fault());
    }

    @Test
    void rejectsVersionOtherThanTwo() {
        byte[] b = BASIC.clone();
        b[0] = 0x40;
        assertFalse(p.wrap(b, 0, b.length));
        assertEquals(RtpFault.BAD_VERSION, p.fault());
    }

    @Test
    void excludesPaddingFromThePayload() {
        // payload 0x55, then 2 bytes of padding whose last octet is the count
        byte[] b = bytes(0xA0, 0x60, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0x55, 0x00, 0x02);
        assertTrue(p.wrap(b, 0, b.length));
        assertEquals(1, p.payloadLength());
        assertEquals(2, p.paddingLength());
    }

    @Test
    void rejectsPaddingCountOfZero() {
        byte[] b = bytes(0xA0, 0x60, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0x55, 0x00);
        assertFalse(p.wrap(b, 0, b.length));
        assertEquals(RtpFault.BAD_PADDING, p.fault());
    }

    @Test
    void rejectsPaddingLongerThanWhatFollowsTheHeader() {
        byte[] b = bytes(0xA0, 0x60, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0x55, 0x03);
        assertFalse(p.wrap(b, 0, b.length));
        assertEquals(RtpFault.BAD_PADDING, p.fault());
    }

    @Test
    void readsCsrcs() {
        byte[] b = bytes(0x82, 0x60, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 7, 0, 0, 0, 9, 0x42);
        assertTrue(p.wrap(b, 0, b.length));
        assertEquals(2, p.csrcCount());
        assertEquals(7, p.csrc(0));
        assertEquals(9, p.csrc(1));
        assertEquals(20, p.payloadOffset());
    }

    @Test
    void rejectsCsrcListRunningPastTheEnd() {
        byte[] b = bytes(0x83, 0x60, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 7, 0, 0, 0, 9);
        assertFalse(p.wrap(b, 0, b.length));
        assertEquals(RtpFault.CSRC_OVERRUN, p.fault());
    }

    @Test
    void rejectsExtensionLengthRunningPastTheEnd() {
        byte[] b = bytes(0x90, 0x60, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0xBE, 0xDE, 0, 2, 0x10, 0xAA, 0, 0);
        assertFalse(p.wrap(b, 0, b.length));
        assertEquals(RtpFault.BAD_EXTENSION, p.fault());
    }

    @Test
    void rejectsOneByteElementRunningPastTheExtensionBlock() {
        // element id 1 claims 4 bytes (L=3) but the block has 3 after its header
        byte[] b = bytes(0x90, 0x60, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0xBE, 0xDE, 0, 1, 0x13, 1, 2, 3);
        assertFalse(p.wrap(b, 0, b.length));
        assertEquals(RtpFault.BAD_EXTENSION, p.fault());
    }

    @Test
    void writesAndFindsOneByteExtensionElements() {
        RtpHeaderWriter w = new RtpHeaderWriter().payloadType(111).sequenceNumber(7).timestamp(99).ssrc(5)
                .addExtension(1, bytes(0x30), 0, 1)
                .addExtension(3, bytes(1, 2, 3), 0, 3);
        byte[] b = new byte[w.headerLength() + 2];
        int h = w.write(b, 0);
        assertEquals(12 + 4 + 8, h); // 1+1 + 1+3 = 6, padded to 8
        assertTrue(p.wrap(b, 0, b.length));
        assertTrue(p.hasOneByteExtensions());
        assertEquals(RtpPacket.ONE_BYTE_PROFILE, p.extensionProfile());
        assertEquals(1, p.extensionLength(1));
        assertEquals(0x30, b[p.extensionOffset(1)]);
        assertEquals(3, p.extensionLength(3));
        assertArrayEquals(bytes(1, 2, 3), Arrays.copyOfRange(b, p.extensionOffset(3), p.extensionOffset(3) + 3));
        assertEquals(-1, p.extensionOffset(2));
        assertEquals(h, p.payloadOffset());
    }

    @Test
    void usesTwoByteFormForIdsAbove14() {
        RtpHeaderWriter w = new RtpHeaderWriter().addExtension(15, bytes(9, 8), 0, 2);
        byte[] b = new byte[w.headerLength()];
        w.write(b, 0);
        assertTrue(p.wrap(b, 0, b.length));
        assertTrue(p.hasTwoByteExtensions());
        assertEquals(2, p.extensionLength(15));
        assertEquals(9, b[p.extensionOffset(15)]);
    }

    @Test
    void usesTwoByteFormForEmptyAndLongElements() {
        byte[] longData = new byte[40];
        Arrays.fill(longData, (byte) 7);
        RtpHeaderWriter w = new RtpHeaderWriter().addExtension(2, longData, 0, 0).addExtension(4, longData, 0, 40);
        byte[] b = new byte[w.headerLength()];
        w.write(b, 0);
        assertTrue(p.wrap(b, 0, b.length));
        assertTrue(p.hasTwoByteExtensions());
        assertEquals(0, p.extensionLength(2));
        assertEquals(40, p.extensionLength(4));
    }

    @Test
    void skipsPaddingBytesBetweenOneByteElements() {
        byte[] b = bytes(0x90, 0x60, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0xBE, 0xDE, 0, 1, 0x00, 0x00, 0x50, 0x77);
        assertTrue(p.wrap(b, 0, b.length));
        assertEquals(1, p.extensionLength(5));
        assertEquals(0x77, b[p.extensionOffset(5)]);
    }

    @Test
    void stopsLookingAtIdFifteenInOneByteForm() {
        byte[] b = bytes(0x90, 0x60, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0xBE, 0xDE, 0, 1, 0xF0, 0x50, 0x77, 0);
        assertTrue(p.wrap(b, 0, b.length));
        assertEquals(-1, p.extensionOffset(5));
    }

    @Test
    void treatsOtherProfilesExtensionAsOpaque() {
        byte[] b = bytes(0x90, 0x60, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0x12, 0x34, 0, 1, 0xFF, 0xFF, 0xFF, 0xFF, 0x42);
        assertTrue(p.wrap(b, 0, b.length));
        assertEquals(0x1234, p.extensionProfile());
        assertEquals(-1, p.extensionOffset(1));
        assertEquals(1, p.payloadLength());
    }

    @Test
    void rewritesHeaderFieldsInPlace() {
        byte[] b = BASIC.clone();
        assertTrue(p.wrap(b, 0, b.length));
        p.setSequenceNumber(65535);
        p.setTimestamp(0xFFFFFFFEL);
        p.setSsrc(-2);
        p.setPayloadType(8);
        p.setMarker(false);
        assertTrue(p.wrap(b, 0, b.length));
        assertEquals(65535, p.sequenceNumber());
        assertEquals(0xFFFFFFFEL, p.timestamp());
        assertEquals(-2, p.ssrc());
        assertEquals(8, p.payloadType());
        assertFalse(p.marker());
        assertEquals((byte) 0xAA, b[12]);
    }

    @Test
    void overwritesAnExtensionElementOfTheSameLengthInPlace() {
        RtpHeaderWriter w = new RtpHeaderWriter().addExtension(3, bytes(1, 2), 0, 2);
        byte[] b = new byte[w.headerLength()];
        w.write(b, 0);
        assertTrue(p.wrap(b, 0, b.length));
        assertTrue(p.setExtension(3, bytes(8, 9), 0, 2));
        assertFalse(p.setExtension(3, bytes(8, 9, 10), 0, 3));
        assertFalse(p.setExtension(4, bytes(8, 9), 0, 2));
        assertEquals(8, b[p.extensionOffset(3)]);
        assertEquals(9, b[p.extensionOffset(3) + 1]);
    }

    @Test
    void writerWritesCsrcsAndRefusesTooSmallBuffers() {
        RtpHeaderWriter w = new RtpHeaderWriter().addCsrc(11).addCsrc(12);
        assertEquals(-1, w.write(new byte[19], 0));
        byte[] b = new byte[20];
        assertEquals(20, w.write(b, 0));
        assertTrue(p.wrap(b, 0, b.length));
        assertEquals(12, p.csrc(1));
    }

    @Test
    void rtcpMuxTellsRtcpFromRtpBySecondOctet() {
        assertTrue(RtcpMux.isRtcp(bytes(0x80, 200), 0, 2)); // SR
        assertTrue(RtcpMux.isRtcp(bytes(0x81, 206), 0, 2)); // PSFB
        assertTrue(RtcpMux.isRtcp(bytes(0x80, 0xC0), 0, 2)); // PT 64 + marker
        assertTrue(RtcpMux.isRtcp(bytes(0x80, 0xDF), 0, 2)); // PT 95 + marker
        assertFalse(RtcpMux.isRtcp(bytes(0x80, 0xE0), 0, 2)); // PT 96 + marker: RTP
        assertFalse(RtcpMux.isRtcp(bytes(0x80, 111), 0, 2));
        assertFalse(RtcpMux.isRtcp(bytes(0x80), 0, 1));
    }

    @Test
    void sequenceArithmeticWrapsAt65536() {
        assertEquals(1, RtpSequence.delta(0, 65535));
        assertEquals(-1, RtpSequence.delta(65535, 0));
        assertTrue(RtpSequence.isNewer(2, 65530));
        assertEquals(0, RtpSequence.next(65535));
        assertEquals(65536 + 3, RtpSequence.extend(65530, 3));
        assertEquals(65530, RtpSequence.extend(65536 + 3, 65530));
        assertEquals(10, RtpSequence.timestampDelta(5, 0xFFFFFFFBL));
    }
}
