package org.webims.media.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Transport-wide feedback built by hand, byte by byte, from the chunk encodings of
 * draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1 (not by our writer, so that the reader
 * is checked against the draft and not against ourselves), and malformed ones: each is refused
 * with {@link RtcpFault#BAD_FCI}, and none throws.
 */
class RtcpTransportCcTest {

    /** §3.1.3: a run length chunk, a run of 221 packets "not received" (T = 00, run 0b0000011011101). */
    static final int RUN_221_NOT_RECEIVED = 0x00DD;
    /** §3.1.3: a run of 24 packets "received, small delta" (T = 01). */
    static final int RUN_24_SMALL = 0x2018;
    /** §3.1.4: a one-bit status vector: 1 lost, 5 received, 3 lost, 3 received, 2 lost (14 symbols). */
    static final int VECTOR_14 = 0x9F1C;
    /** §3.1.4: a two-bit status vector: small, lost, large, small, lost, lost, small (7 symbols). */
    static final int VECTOR_7 = 0xD241;

    @Test
    void runLengthAndBothStatusVectorsWithSmallAndNegativeLargeDeltasAcrossTheSequenceWrap() {
        // 24 + 14 + 7 = 45 packets from 65530: 24 + 8 + 3 small deltas (1 byte) and one large (2 bytes)
        ByteArrayOutputStream deltas = new ByteArrayOutputStream();
        for (int i = 0; i < 24 + 8 + 1; i++) {
            deltas.write(i + 1);
        }
        deltas.write(0xFF); // large, negative: -4 ticks (reordered)
        deltas.write(0xFC);
        deltas.write(199);
        deltas.write(200); // the last small one
        byte[] p = feedback(65530, 45, 0xFFFFFF, 9, new int[] {RUN_24_SMALL, VECTOR_14, VECTOR_7}, deltas.toByteArray());
        RtcpTransportCc cc = new RtcpTransportCc();
        assertTrue(cc.wrap(p, 0, p.length), () -> String.valueOf(cc.fault()));
        assertEquals(65530, cc.baseSequenceNumber());
        assertEquals(45, cc.statusCount());
        assertEquals(-1, cc.referenceTime(), "24-bit signed");
        assertEquals(9, cc.feedbackPacketCount());

        StringBuilder statuses = new StringBuilder();
        int[] seqs = new int[45];
        int[] ticks = new int[45];
        int k = 0;
        while (cc.nextPacket()) {
            seqs[k] = cc.sequenceNumber();
            ticks[k] = cc.deltaTicks();
            statuses.append(cc.status());
            k++;
        }
        assertEquals(45, k);
        assertEquals("1".repeat(24) + "01111100011100" + "1021001", statuses.toString());
        assertEquals(65535, seqs[5]);
        assertEquals(0, seqs[6], "the 16-bit sequence wraps");
        assertEquals(38, seqs[44]);
        assertEquals(1, ticks[0]);
        assertEquals(24, ticks[23]);
        assertEquals(0, ticks[24], "a lost packet has no delta");
        assertEquals(25, ticks[25]);
        assertEquals(-4, ticks[40], "a large delta is signed");
        assertEquals(200, ticks[44], "a small delta is unsigned");
        assertFalse(cc.nextPacket(), "nothing past the status count");
        cc.rewind();
        assertTrue(cc.nextPacket());
        assertEquals(65530, cc.sequenceNumber());
    }

    @Test
    void aLongRunOfLostPacketsNeedsNoDeltas() {
        byte[] p = feedback(100, 221, 5, 0, new int[] {RUN_221_NOT_RECEIVED}, new byte[0]);
        RtcpTransportCc cc = new RtcpTransportCc();
        assertTrue(cc.wrap(p, 0, p.length), () -> String.valueOf(cc.fault()));
        int lost = 0;
        while (cc.nextPacket()) {
            lost += cc.received() ? 0 : 1;
        }
        assertEquals(221, lost);
    }

    @Test
    void malformedFeedbackIsRefusedNeverThrown() {
        byte[] deltas = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24};
        // a reserved status (11) in a two-bit vector
        assertRefused(feedback(1, 7, 0, 0, new int[] {0xF000}, new byte[8]));
        // a reserved status in a run length chunk
        assertRefused(feedback(1, 3, 0, 0, new int[] {0x6003}, new byte[8]));
        // more statuses than the chunks hold, and nothing after them (bytes after the chunks would be
        // read as more chunks: the format cannot tell them from deltas, so only the end of the packet bounds it)
        assertRefused(feedback(1, 30, 0, 0, new int[] {RUN_24_SMALL}, new byte[0]));
        // the deltas cut short: 24 small deltas announced, 20 present
        assertRefused(feedback(1, 24, 0, 0, new int[] {RUN_24_SMALL}, java.util.Arrays.copyOf(deltas, 20)));
        // an FCI shorter than its fixed 8 bytes
        byte[] shortFci = feedback(1, 0, 0, 0, new int[0], new byte[0]);
        shortFci[3] = 3; // 4 words: header, two SSRCs, 4 bytes of FCI
        assertRefused(java.util.Arrays.copyOf(shortFci, 16));
        // a length field beyond the datagram
        byte[] cut = feedback(1, 24, 0, 0, new int[] {RUN_24_SMALL}, deltas);
        assertRefused(java.util.Arrays.copyOf(cut, cut.length - 8));
        // a status count of 65535 with a zero-length run chunk only: refused without reading past the end
        assertRefused(feedback(1, 65535, 0, 0, new int[] {0x0000}, new byte[0]));
    }

    private static void assertRefused(byte[] p) {
        RtcpTransportCc cc = new RtcpTransportCc();
        assertFalse(cc.wrap(p, 0, p.length));
        assertTrue(cc.fault() == RtcpFault.BAD_FCI || cc.fault() == RtcpFault.BAD_LENGTH, String.valueOf(cc.fault()));
    }

    /** RTPFB FMT 15 (§3.1): header, sender and media SSRC, base, count, reference time, fb count, chunks, deltas, zero padding. */
    static byte[] feedback(int base, int count, int reference, int fbCount, int[] chunks, byte[] deltas) {
        int body = 8 + 2 * chunks.length + deltas.length;
        int padded = (body + 3) & ~3;
        byte[] p = new byte[12 + padded];
        p[0] = (byte) 0x8F;
        p[1] = (byte) 205;
        RtcpBytes.put16(p, 2, p.length / 4 - 1);
        RtcpBytes.put32(p, 4, 0x11111111);
        RtcpBytes.put32(p, 8, 0x22222222);
        RtcpBytes.put16(p, 12, base);
        RtcpBytes.put16(p, 14, count);
        RtcpBytes.put24(p, 16, reference);
        p[19] = (byte) fbCount;
        int at = 20;
        for (int c : chunks) {
            RtcpBytes.put16(p, at, c);
            at += 2;
        }
        System.arraycopy(deltas, 0, p, at, deltas.length);
        return p;
    }
}
