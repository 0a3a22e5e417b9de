package org.webims.media.rtp;

/**
 * Writes RTCP packets into a caller's buffer. Each method returns the bytes written, or -1 if the
 * packet does not fit in {@code out} from {@code offset} (nothing useful is written then). Append
 * several at increasing offsets to build a compound packet (RFC 3550 §6.1: SR/RR first, then SDES).
 */
public final class RtcpWriter {

    private RtcpWriter() {
    }

    private static boolean fits(byte[] out, int offset, int length) {
        return offset >= 0 && out.length - offset >= length;
    }

    private static void header(byte[] out, int offset, int count, int packetType, int length) {
        out[offset] = (byte) (0x80 | (count & 0x1F));
        out[offset + 1] = (byte) packetType;
        RtcpBytes.put16(out, offset + 2, length / 4 - 1);
    }

    /** Sender Report (RFC 3550 §6.4.1) with {@code blockCount} (0..31) report blocks. */
    public static int writeSenderReport(byte[] out, int offset, int ssrc, long ntpTimestamp, long rtpTimestamp,
            long packetCount, long octetCount, ReportBlock[] blocks, int blockCount) {
        int length = RtcpSenderReport.FIXED + blockCount * ReportBlock.LENGTH;
        if (blockCount > 31 || !fits(out, offset, length)) {
            return -1;
        }
        header(out, offset, blockCount, RtcpPacketType.SR, length);
        RtcpBytes.put32(out, offset + 4, ssrc);
        RtcpBytes.put32(out, offset + 8, (int) (ntpTimestamp >>> 32));
        RtcpBytes.put32(out, offset + 12, (int) ntpTimestamp);
        RtcpBytes.put32(out, offset + 16, (int) rtpTimestamp);
        RtcpBytes.put32(out, offset + 20, (int) packetCount);
        RtcpBytes.put32(out, offset + 24, (int) octetCount);
        for (int i = 0; i < blockCount; i++) {
            blocks[i].write(out, offset + RtcpSenderReport.FIXED + i * ReportBlock.LENGTH);
        }
        return length;
    }

    /** Receiver Report (RFC 3550 §6.4.2) with {@code blockCount} (0..31) report blocks. */
    public static int writeReceiverReport(byte[] out, int offset, int ssrc, ReportBlock[] blocks, int blockCount) {
        int length = RtcpReceiverReport.FIXED + blockCount * ReportBlock.LENGTH;
        if (blockCount > 31 || !fits(out, offset, length)) {
            return -1;
        }
        header(out, offset, blockCount, RtcpPacketType.RR, length);
        RtcpBytes.put32(out, offset + 4, ssrc);
        for (int i = 0; i < blockCount; i++) {
            blocks[i].write(out, offset + RtcpReceiverReport.FIXED + i * ReportBlock.LENGTH);
        }
        return length;
    }

    /** SDES with one chunk holding a CNAME item (RFC 3550 §6.5.1); {@code cname} is UTF-8, ≤255 bytes. */
    public static int writeSdesCname(byte[] out, int offset, int ssrc, byte[] cname, int cnameOffset, int cnameLength) {
        if (cnameLength > 255) {
            return -1;
        }
        int items = 2 + cnameLength + 1; // item + end-of-list
        int length = 4 + 4 + ((items + 3) & ~3);
        if (!fits(out, offset, length)) {
            return -1;
        }
        header(out, offset, 1, RtcpPacketType.SDES, length);
        RtcpBytes.put32(out, offset + 4, ssrc);
        out[offset + 8] = (byte) RtcpPacketType.SDES_CNAME;
        out[offset + 9] = (byte) cnameLength;
        System.arraycopy(cname, cnameOffset, out, offset + 10, cnameLength);
        for (int p = offset + 10 + cnameLength; p < offset + length; p++) {
            out[p] = 0; // end of list and padding to 32 bits
        }
        return length;
    }

    /** BYE (RFC 3550 §6.6) for {@code ssrcCount} sources, with an optional reason (null for none). */
    public static int writeBye(byte[] out, int offset, int[] ssrcs, int ssrcCount, byte[] reason, int reasonOffset,
            int reasonLength) {
        int reasonBytes = reason == null ? 0 : 1 + reasonLength;
        int length = 4 + 4 * ssrcCount + ((reasonBytes + 3) & ~3);
        if (ssrcCount > 31 || reasonLength > 255 || !fits(out, offset, length)) {
            return -1;
        }
        header(out, offset, ssrcCount, RtcpPacketType.BYE, length);
        int p = offset + 4;
        for (int i = 0; i < ssrcCount; i++, p += 4) {
            RtcpBytes.put32(out, p, ssrcs[i]);
        }
        if (reason != null) {
            out[p++] = (byte) reasonLength;
            System.arraycopy(reason, reasonOffset, out, p, reasonLength);
            p += reasonLength;
        }
        while (p < offset + length) {
            out[p++] = 0;
        }
        return length;
    }

    /** APP (RFC 3550 §6.7); {@code dataLength} must be a multiple of 4. */
    public static int writeApp(byte[] out, int offset, int subtype, int ssrc, int name, byte[] data, int dataOffset,
            int dataLength) {
        int length = 12 + dataLength;
        if (dataLength % 4 != 0 || !fits(out, offset, length)) {
            return -1;
        }
        header(out, offset, subtype, RtcpPacketType.APP, length);
        RtcpBytes.put32(out, offset + 4, ssrc);
        RtcpBytes.put32(out, offset + 8, name);
        System.arraycopy(data, dataOffset, out, offset + 12, dataLength);
        return length;
    }

    private static void feedbackHeader(byte[] out, int offset, int fmt, int packetType, int length, int sender,
            int media) {
        header(out, offset, fmt, packetType, length);
        RtcpBytes.put32(out, offset + 4, sender);
        RtcpBytes.put32(out, offset + 8, media);
    }

    /** Picture Loss Indication (RFC 4585 §6.3.1). */
    public static int writePli(byte[] out, int offset, int senderSsrc, int mediaSsrc) {
        if (!fits(out, offset, 12)) {
            return -1;
        }
        feedbackHeader(out, offset, RtcpPacketType.FMT_PLI, RtcpPacketType.PSFB, 12, senderSsrc, mediaSsrc);
        return 12;
    }

    /**
     * Full Intra Request (RFC 5104 §4.3.1) to {@code count} media senders, each with its command
     * sequence number; the media source field is 0 as §4.3.1.2 requires.
     */
    public static int writeFir(byte[] out, int offset, int senderSsrc, int[] ssrcs, int[] sequenceNumbers, int count) {
        int length = 12 + 8 * count;
        if (count < 1 || !fits(out, offset, length)) {
            return -1;
        }
        feedbackHeader(out, offset, RtcpPacketType.FMT_FIR, RtcpPacketType.PSFB, length, senderSsrc, 0);
        for (int i = 0; i < count; i++) {
            int p = offset + 12 + 8 * i;
            RtcpBytes.put32(out, p, ssrcs[i]);
            RtcpBytes.put32(out, p + 4, (sequenceNumbers[i] & 0xFF) << 24);
        }
        return length;
    }

    /**
     * Generic NACK (RFC 4585 §6.2.1) for {@code count} lost sequence numbers, given in ascending
     * (modulo 2^16) order; each PID covers itself and the next 16 in its BLP.
     */
    public static int writeNack(byte[] out, int offset, int senderSsrc, int mediaSsrc, int[] lost, int count) {
        if (count < 1) {
            return -1;
        }
        int entries = 0;
        int p = offset + 12;
        int i = 0;
        while (i < count) {
            int pid = lost[i] & 0xFFFF;
            int blp = 0;
            i++;
            while (i < count) {
                int d = RtpSequence.delta(lost[i], pid);
                if (d < 1 || d > 16) {
                    break;
                }
                blp |= 1 << (d - 1);
                i++;
            }
            if (!fits(out, p, 4)) {
                return -1;
            }
            RtcpBytes.put16(out, p, pid);
            RtcpBytes.put16(out, p + 2, blp);
            p += 4;
            entries++;
        }
        int length = 12 + 4 * entries;
        if (!fits(out, offset, length)) {
            return -1;
        }
        feedbackHeader(out, offset, RtcpPacketType.FMT_NACK, RtcpPacketType.RTPFB, length, senderSsrc, mediaSsrc);
        return length;
    }

    /** TMMBR (RFC 5104 §4.2.1): per SSRC a maximum bit rate (bit/s) and measured overhead (0..511). */
    public static int writeTmmbr(byte[] out, int offset, int senderSsrc, int[] ssrcs, long[] bitrates,
            int[] overheads, int count) {
        return writeTmmb(out, offset, RtcpPacketType.FMT_TMMBR, senderSsrc, ssrcs, bitrates, overheads, count);
    }

    /** TMMBN (RFC 5104 §4.2.2), the bounding set; may be empty. */
    public static int writeTmmbn(byte[] out, int offset, int senderSsrc, int[] ssrcs, long[] bitrates,
            int[] overheads, int count) {
        return writeTmmb(out, offset, RtcpPacketType.FMT_TMMBN, senderSsrc, ssrcs, bitrates, overheads, count);
    }

    private static int writeTmmb(byte[] out, int offset, int fmt, int senderSsrc, int[] ssrcs, long[] bitrates,
            int[] overheads, int count) {
        int length = 12 + 8 * count;
        if ((fmt == RtcpPacketType.FMT_TMMBR && count < 1) || !fits(out, offset, length)) {
            return -1;
        }
        // RFC 5104 §4.2.1.2: media source SSRC is 0
        feedbackHeader(out, offset, fmt, RtcpPacketType.RTPFB, length, senderSsrc, 0);
        for (int i = 0; i < count; i++) {
            int p = offset + 12 + 8 * i;
            long mantissa = Math.max(0, bitrates[i]);
            int exp = 0;
            while (mantissa > 0x1FFFF) {
                mantissa >>>= 1;
                exp++;
            }
            RtcpBytes.put32(out, p, ssrcs[i]);
            RtcpBytes.put32(out, p + 4, (exp << 26) | ((int) mantissa << 9) | (overheads[i] & 0x1FF));
        }
        return length;
    }

    /** REMB (draft-alvestrand-rmcat-remb-03): estimated maximum bit rate for {@code count} SSRCs. */
    public static int writeRemb(byte[] out, int offset, int senderSsrc, long bitrate, int[] ssrcs, int count) {
        int length = 12 + 8 + 4 * count;
        if (count > 255 || !fits(out, offset, length)) {
            return -1;
        }
        feedbackHeader(out, offset, RtcpPacketType.FMT_AFB, RtcpPacketType.PSFB, length, senderSsrc, 0);
        long mantissa = Math.max(0, bitrate);
        int exp = 0;
        while (mantissa > 0x3FFFF) {
            mantissa >>>= 1;
            exp++;
        }
        RtcpBytes.put32(out, offset + 12, RtcpRemb.IDENTIFIER);
        out[offset + 16] = (byte) count;
        RtcpBytes.put24(out, offset + 17, (exp << 18) | (int) mantissa);
        for (int i = 0; i < count; i++) {
            RtcpBytes.put32(out, offset + 20 + 4 * i, ssrcs[i]);
        }
        return length;
    }
}
