package org.webims.media.rtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RtcpTest {

    private final byte[] buf = new byte[1500];

    private static ReportBlock block(int ssrc, int lost) {
        ReportBlock b = new ReportBlock();
        b.ssrc = ssrc;
        b.fractionLost = 25;
        b.cumulativeLost = lost;
        b.extendedHighestSequence = 0x1_0005L;
        b.jitter = 77;
        b.lastSenderReport = 0x12345678;
        b.delaySinceLastSenderReport = 65536;
        return b;
    }

    @Test
    void senderReportWrittenThenParsed() {
        ReportBlock[] blocks = {block(1, 3), block(2, -1)};
        int n = RtcpWriter.writeSenderReport(buf, 0, 0xCAFE, 0x1122334455667788L, 0xFFFFFFF0L, 10, 2000, blocks, 2);
        assertEquals(28 + 48, n);
        RtcpSenderReport sr = new RtcpSenderReport();
        assertTrue(sr.wrap(buf, 0, n));
        assertEquals(0xCAFE, sr.ssrc());
        assertEquals(0x1122334455667788L, sr.ntpTimestamp());
        assertEquals(0xFFFFFFF0L, sr.rtpTimestamp());
        assertEquals(10, sr.packetCount());
        assertEquals(2000, sr.octetCount());
        assertEquals(2, sr.reportCount());
        ReportBlock read = new ReportBlock();
        sr.readReportBlock(1, read);
        assertEquals(2, read.ssrc);
        assertEquals(-1, read.cumulativeLost);
        assertEquals(25, read.fractionLost);
        assertEquals(0x1_0005L, read.extendedHighestSequence);
        assertEquals(77, read.jitter);
        assertEquals(0x12345678, read.lastSenderReport);
        assertEquals(65536, read.delaySinceLastSenderReport);
    }

    @Test
    void receiverReportWrittenThenParsed() {
        int n = RtcpWriter.writeReceiverReport(buf, 0, 7, new ReportBlock[] {block(9, 100)}, 1);
        RtcpReceiverReport rr = new RtcpReceiverReport();
        assertTrue(rr.wrap(buf, 0, n));
        assertEquals(7, rr.ssrc());
        ReportBlock read = new ReportBlock();
        rr.readReportBlock(0, read);
        assertEquals(9, read.ssrc);
        assertEquals(100, read.cumulativeLost);
    }

    @Test
    void sdesCnameWrittenThenParsed() {
        byte[] cname = "user@host.example".getBytes(StandardCharsets.UTF_8);
        int n = RtcpWriter.writeSdesCname(buf, 0, 0x55, cname, 0, cname.length);
        assertEquals(0, n % 4);
        RtcpSdes sdes = new RtcpSdes();
        assertTrue(sdes.wrap(buf, 0, n));
        assertEquals("user@host.example", sdes.cname());
        assertTrue(sdes.nextChunk());
        assertEquals(0x55, sdes.chunkSsrc());
        assertTrue(sdes.nextItem());
        assertEquals(RtcpPacketType.SDES_CNAME, sdes.itemType());
        assertFalse(sdes.nextItem());
        assertFalse(sdes.nextChunk());
    }

    @Test
    void byeWithReasonWrittenThenParsed() {
        byte[] reason = "done".getBytes(StandardCharsets.US_ASCII);
        int n = RtcpWriter.writeBye(buf, 0, new int[] {1, 2}, 2, reason, 0, reason.length);
        RtcpBye bye = new RtcpBye();
        assertTrue(bye.wrap(buf, 0, n));
        assertEquals(2, bye.ssrcCount());
        assertEquals(2, bye.ssrc(1));
        assertEquals("done", bye.reason());
        n = RtcpWriter.writeBye(buf, 0, new int[] {3}, 1, null, 0, 0);
        assertTrue(bye.wrap(buf, 0, n));
        assertNull(bye.reason());
    }

    @Test
    void appPacketIsSkippedInACompoundAndReadable() {
        int n = RtcpWriter.writeReceiverReport(buf, 0, 1, null, 0);
        int app = RtcpWriter.writeApp(buf, n, 3, 1, 0x54455354, new byte[] {1, 2, 3, 4}, 0, 4);
        n += app;
        n += RtcpWriter.writePli(buf, n, 1, 2);
        RtcpCompound c = new RtcpCompound();
        assertTrue(c.wrap(buf, 0, n));
        int[] types = new int[3];
        int k = 0;
        RtcpApp view = new RtcpApp();
        while (c.next()) {
            types[k++] = c.packetType();
            if (c.packetType() == RtcpPacketType.APP) {
                assertTrue(view.wrap(c.buffer(), c.packetOffset(), c.packetLength()));
                assertEquals(3, view.subtype());
                assertEquals(0x54455354, view.name());
                assertEquals(4, view.dataLength());
            }
        }
        assertArrayEquals(new int[] {RtcpPacketType.RR, RtcpPacketType.APP, RtcpPacketType.PSFB}, types);
    }

    @Test
    void nackWrittenThenParsedWithBitmask() {
        int[] lost = {100, 101, 105, 117, 118};
        int n = RtcpWriter.writeNack(buf, 0, 1, 2, lost, lost.length);
        RtcpNack nack = new RtcpNack();
        assertTrue(nack.wrap(buf, 0, n));
        assertEquals(2, nack.entryCount());
        assertEquals(100, nack.pid(0));
        assertEquals(0b1_0001, nack.blp(0)); // 101 and 105
        assertEquals(117, nack.pid(1));
        assertEquals(0b1, nack.blp(1));
        int[] out = new int[10];
        assertEquals(5, nack.lostSequenceNumbers(out));
        assertArrayEquals(lost, Arrays.copyOf(out, 5));
        assertEquals(5, nack.lostCount());
        assertEquals(1, nack.senderSsrc());
        assertEquals(2, nack.mediaSsrc());
    }

    @Test
    void nackCoversSequenceNumbersAcrossWrapAround() {
        int[] lost = {65534, 65535, 0, 3};
        int n = RtcpWriter.writeNack(buf, 0, 1, 2, lost, lost.length);
        RtcpNack nack = new RtcpNack();
        assertTrue(nack.wrap(buf, 0, n));
        assertEquals(1, nack.entryCount());
        int[] out = new int[10];
        assertEquals(4, nack.lostSequenceNumbers(out));
        assertArrayEquals(lost, Arrays.copyOf(out, 4));
    }

    @Test
    void tmmbrAndTmmbnWrittenThenParsed() {
        int n = RtcpWriter.writeTmmbr(buf, 0, 1, new int[] {5}, new long[] {1_000_000}, new int[] {40}, 1);
        RtcpTmmb t = new RtcpTmmb();
        assertTrue(t.wrap(buf, 0, n));
        assertTrue(t.isRequest());
        assertEquals(5, t.ssrc(0));
        assertEquals(1_000_000, t.bitrate(0));
        assertEquals(40, t.overhead(0));
        n = RtcpWriter.writeTmmbn(buf, 0, 1, new int[] {5, 6}, new long[] {64_000, 3_000_000_000L}, new int[] {0, 511}, 2);
        assertTrue(t.wrap(buf, 0, n));
        assertFalse(t.isRequest());
        assertEquals(2, t.entryCount());
        assertEquals(64_000, t.bitrate(0));
        // 17-bit mantissa loses the low bits of large rates
        long big = t.bitrate(1);
        assertTrue(big <= 3_000_000_000L && big > 2_999_900_000L, "bitrate " + big);
        assertEquals(511, t.overhead(1));
        n = RtcpWriter.writeTmmbn(buf, 0, 1, null, null, null, 0);
        assertTrue(t.wrap(buf, 0, n), "empty TMMBN is valid");
    }

    @Test
    void pliWrittenThenParsed() {
        int n = RtcpWriter.writePli(buf, 0, 11, 22);
        RtcpFeedback fb = new RtcpFeedback();
        assertTrue(fb.wrap(buf, 0, n));
        assertTrue(fb.isPli());
        assertEquals(11, fb.senderSsrc());
        assertEquals(22, fb.mediaSsrc());
        assertEquals(0, fb.fciLength());
    }

    @Test
    void firWrittenThenParsedWithSequenceNumbers() {
        int n = RtcpWriter.writeFir(buf, 0, 11, new int[] {22, 33}, new int[] {7, 255}, 2);
        RtcpFir fir = new RtcpFir();
        assertTrue(fir.wrap(buf, 0, n));
        assertEquals(0, fir.mediaSsrc());
        assertEquals(2, fir.entryCount());
        assertEquals(33, fir.ssrc(1));
        assertEquals(7, fir.sequenceNumber(0));
        assertEquals(255, fir.sequenceNumber(1));
    }

    @Test
    void rembWrittenThenParsed() {
        int n = RtcpWriter.writeRemb(buf, 0, 11, 1_500_000, new int[] {22, 33}, 2);
        RtcpRemb remb = new RtcpRemb();
        assertTrue(remb.wrap(buf, 0, n));
        assertEquals(1_500_000, remb.bitrate());
        assertEquals(2, remb.ssrcCount());
        assertEquals(33, remb.ssrc(1));
    }

    @Test
    void rembWithoutItsIdentifierIsABadFci() {
        int n = RtcpWriter.writeRemb(buf, 0, 11, 1_500_000, new int[] {22}, 1);
        buf[12] = 'X';
        RtcpRemb remb = new RtcpRemb();
        assertFalse(remb.wrap(buf, 0, n));
        assertEquals(RtcpFault.BAD_FCI, remb.fault());
    }

    @Test
    void transportCcFeedbackWrittenThenParsed() {
        RtcpTransportCcWriter w = new RtcpTransportCcWriter(1000);
        long t0 = 1_000_000;
        assertTrue(w.addReceived(65534, t0));
        assertTrue(w.addReceived(65535, t0 + 1_000)); // 4 ticks
        // 0 and 1 lost
        assertTrue(w.addReceived(2, t0 + 200_000)); // large delta
        for (int i = 3; i < 40; i++) {
            assertTrue(w.addReceived(i, t0 + 200_000 + (i - 2) * 250L));
        }
        assertFalse(w.addReceived(10, t0), "older packets are refused");
        int n = w.write(buf, 0, 5, 6, 17);
        assertEquals(0, n % 4);
        RtcpTransportCc cc = new RtcpTransportCc();
        assertTrue(cc.wrap(buf, 0, n), () -> String.valueOf(cc.fault()));
        assertEquals(65534, cc.baseSequenceNumber());
        assertEquals(42, cc.statusCount());
        assertEquals(17, cc.feedbackPacketCount());
        assertEquals(t0 / 64_000, cc.referenceTime());
        long time = cc.referenceTime() * 64_000L;
        int[] seqs = new int[42];
        long[] times = new long[42];
        int[] statuses = new int[42];
        int k = 0;
        while (cc.nextPacket()) {
            seqs[k] = cc.sequenceNumber();
            statuses[k] = cc.status();
            if (cc.received()) {
                time += cc.deltaTicks() * 250L;
            }
            times[k++] = time;
        }
        assertEquals(42, k);
        assertEquals(65535, seqs[1]);
        assertEquals(0, seqs[2]);
        assertEquals(RtcpTransportCc.NOT_RECEIVED, statuses[2]);
        assertEquals(RtcpTransportCc.NOT_RECEIVED, statuses[3]);
        assertEquals(RtcpTransportCc.LARGE_DELTA, statuses[4]);
        assertEquals(RtcpTransportCc.SMALL_DELTA, statuses[5]);
        assertEquals(t0, times[0]);
        assertEquals(t0 + 1_000, times[1]);
        assertEquals(t0 + 200_000, times[4]);
        assertEquals(t0 + 200_000 + 37 * 250L, times[41]);
    }

    @Test
    void transportCcWithMoreStatusesThanChunksIsABadFci() {
        RtcpTransportCcWriter w = new RtcpTransportCcWriter(10);
        w.addReceived(1, 0);
        w.addReceived(2, 250);
        int n = w.write(buf, 0, 5, 6, 0);
        buf[14] = 0x10; // status count 4096
        RtcpTransportCc cc = new RtcpTransportCc();
        assertFalse(cc.wrap(buf, 0, n));
        assertEquals(RtcpFault.BAD_FCI, cc.fault());
    }

    @Test
    void compoundIteratesEveryPacketInOrder() {
        int n = RtcpWriter.writeSenderReport(buf, 0, 1, 0, 0, 0, 0, null, 0);
        byte[] cname = "a".getBytes(StandardCharsets.US_ASCII);
        n += RtcpWriter.writeSdesCname(buf, n, 1, cname, 0, 1);
        n += RtcpWriter.writeNack(buf, n, 1, 2, new int[] {5}, 1);
        n += RtcpWriter.writeRemb(buf, n, 1, 100_000, new int[] {2}, 1);
        RtcpCompound c = new RtcpCompound();
        assertTrue(c.wrap(buf, 0, n));
        StringBuilder seen = new StringBuilder();
        while (c.next()) {
            seen.append(c.packetType()).append('/').append(c.count()).append(' ');
        }
        assertEquals("200/0 202/1 205/1 206/15 ", seen.toString());
    }

    @Test
    void compoundMustStartWithAReport() {
        int n = RtcpWriter.writePli(buf, 0, 1, 2);
        RtcpCompound c = new RtcpCompound();
        assertFalse(c.wrap(buf, 0, n));
        assertEquals(RtcpFault.FIRST_NOT_REPORT, c.fault());
        assertFalse(c.next());
        assertTrue(new RtcpCompound(true).wrap(buf, 0, n), "reduced-size RTCP (RFC 5506)");
    }

    @Test
    void compoundWithALengthPastTheEndIsRejected() {
        int n = RtcpWriter.writeReceiverReport(buf, 0, 1, null, 0);
        n += RtcpWriter.writePli(buf, n, 1, 2);
        RtcpCompound c = new RtcpCompound();
        assertFalse(c.wrap(buf, 0, n - 4));
        assertEquals(RtcpFault.BAD_LENGTH, c.fault());
    }

    @Test
    void compoundWithTrailingBytesIsRejected() {
        int n = RtcpWriter.writeReceiverReport(buf, 0, 1, null, 0);
        RtcpCompound c = new RtcpCompound();
        assertFalse(c.wrap(buf, 0, n + 2));
        assertEquals(RtcpFault.BAD_LENGTH, c.fault());
    }

    @Test
    void compoundWithAWrongVersionIsRejected() {
        int n = RtcpWriter.writeReceiverReport(buf, 0, 1, null, 0);
        n += RtcpWriter.writePli(buf, n, 1, 2);
        buf[8] = 0x41;
        RtcpCompound c = new RtcpCompound();
        assertFalse(c.wrap(buf, 0, n));
        assertEquals(RtcpFault.BAD_VERSION, c.fault());
    }

    @Test
    void compoundWithZeroPaddingCountIsRejected() {
        int n = RtcpWriter.writeReceiverReport(buf, 0, 1, new ReportBlock[] {block(1, 0)}, 1);
        buf[0] |= 0x20;
        buf[n - 1] = 0;
        RtcpCompound c = new RtcpCompound();
        assertFalse(c.wrap(buf, 0, n));
        assertEquals(RtcpFault.BAD_PADDING, c.fault());
    }

    @Test
    void reportCountBeyondTheLengthIsABadCount() {
        int n = RtcpWriter.writeReceiverReport(buf, 0, 1, new ReportBlock[] {block(1, 0)}, 1);
        buf[0] = (byte) 0x82;
        RtcpReceiverReport rr = new RtcpReceiverReport();
        assertFalse(rr.wrap(buf, 0, n));
        assertEquals(RtcpFault.BAD_COUNT, rr.fault());
    }

    @Test
    void sdesItemPastThePacketIsABadItem() {
        byte[] cname = "abcdef".getBytes(StandardCharsets.US_ASCII);
        int n = RtcpWriter.writeSdesCname(buf, 0, 1, cname, 0, cname.length);
        buf[9] = 100; // item length
        RtcpSdes sdes = new RtcpSdes();
        assertFalse(sdes.wrap(buf, 0, n));
        assertEquals(RtcpFault.BAD_ITEM, sdes.fault());
    }

    @Test
    void viewOfAnotherTypeIsAWrongType() {
        int n = RtcpWriter.writePli(buf, 0, 1, 2);
        RtcpNack nack = new RtcpNack();
        assertFalse(nack.wrap(buf, 0, n));
        assertEquals(RtcpFault.WRONG_TYPE, nack.fault());
        assertFalse(new RtcpSenderReport().wrap(buf, 0, n));
    }

    @Test
    void writersRefuseBuffersThatAreTooSmall() {
        byte[] small = new byte[10];
        assertEquals(-1, RtcpWriter.writePli(small, 0, 1, 2));
        assertEquals(-1, RtcpWriter.writeSenderReport(small, 0, 1, 0, 0, 0, 0, null, 0));
        assertEquals(-1, RtcpWriter.writeReceiverReport(small, 4, 1, null, 0));
        assertEquals(-1, RtcpWriter.writeNack(small, 0, 1, 2, new int[] {1}, 1));
        assertEquals(-1, RtcpWriter.writeRemb(small, 0, 1, 1, new int[] {1}, 1));
    }
}
