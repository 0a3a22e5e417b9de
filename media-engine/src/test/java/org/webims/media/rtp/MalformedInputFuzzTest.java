package org.webims.media.rtp;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.webims.media.rtp.jitter.JitterBuffer;
import org.webims.media.rtp.payload.Depacketizer;
import org.webims.media.rtp.payload.FrameSink;
import org.webims.media.rtp.payload.Packetizer;
import org.webims.media.rtp.payload.amrwb.AmrWbDepacketizer;
import org.webims.media.rtp.payload.amrwb.AmrWbFrameType;
import org.webims.media.rtp.payload.amrwb.AmrWbPacketizer;
import org.webims.media.rtp.payload.amrwb.AmrWbPayloadFormat;
import org.webims.media.rtp.payload.amrwb.AmrWbRepacketizer;
import org.webims.media.rtp.payload.dtmf.DtmfReceiver;
import org.webims.media.rtp.payload.h264.H264Depacketizer;
import org.webims.media.rtp.payload.h264.H264PacketizationMode;
import org.webims.media.rtp.payload.h264.H264Packetizer;
import org.webims.media.sdp.negotiation.H264ProfileLevelId;
import org.webims.media.rtp.payload.opus.OpusDepacketizer;
import org.webims.media.rtp.payload.vp8.Vp8Depacketizer;
import org.webims.media.rtp.payload.vp8.Vp8Descriptor;

/**
 * Random and truncated bytes into every parser: none may let an unchecked exception out (they
 * answer with a fault instead). Seeds are fixed so a failure reproduces.
 */
class MalformedInputFuzzTest {

    private static final int ROUNDS = 20_000;
    private static final FrameSink DISCARD = (b, o, l, ts, f) -> {
    };

    private static byte[] randomBytes(Random r) {
        byte[] b = new byte[r.nextInt(120)];
        r.nextBytes(b);
        if (b.length > 0 && r.nextBoolean()) {
            b[0] = (byte) (0x80 | (b[0] & 0x3F)); // version 2 so parsing goes deeper
        }
        return b;
    }

    @Test
    void rtpParserNeverThrowsOnRandomBytes() {
        Random r = new Random(1);
        RtpPacket p = new RtpPacket();
        assertDoesNotThrow(() -> {
            for (int i = 0; i < ROUNDS; i++) {
                byte[] b = randomBytes(r);
                int off = b.length == 0 ? 0 : r.nextInt(b.length);
                p.wrap(b, off, b.length - off);
                p.wrap(b, 0, b.length);
                if (p.wrap(b, 0, b.length)) {
                    touch(p);
                }
            }
            p.wrap(null, 0, 0);
            p.wrap(new byte[4], -1, 2);
        });
    }

    @Test
    void rtpParserNeverThrowsOnTruncatedPackets() {
        RtpHeaderWriter w = new RtpHeaderWriter().addCsrc(1).addExtension(1, new byte[3], 0, 3)
                .addExtension(20, new byte[5], 0, 5);
        byte[] full = new byte[w.headerLength() + 10];
        w.write(full, 0);
        full[0] |= 0x20;
        full[full.length - 1] = 4;
        RtpPacket p = new RtpPacket();
        assertDoesNotThrow(() -> {
            for (int len = 0; len <= full.length; len++) {
                if (p.wrap(full, 0, len)) {
                    touch(p);
                }
            }
        });
    }

    private static void touch(RtpPacket p) {
        p.payloadType();
        p.sequenceNumber();
        p.timestamp();
        for (int c = 0; c < p.csrcCount(); c++) {
            p.csrc(c);
        }
        for (int id = 0; id <= 256; id++) {
            p.extensionOffset(id);
            p.extensionLength(id);
        }
        p.setExtension(1, new byte[1], 0, 1);
    }

    @Test
    void rtcpParsersNeverThrowOnRandomBytes() {
        Random r = new Random(2);
        assertDoesNotThrow(() -> {
            for (int i = 0; i < ROUNDS; i++) {
                byte[] b = randomBytes(r);
                parseCompound(b, b.length, true);
                // and each view on its own, whatever the type byte says
                parseEveryView(b, 0, b.length);
            }
        });
    }

    @Test
    void rtcpParsersNeverThrowOnTruncatedOrCorruptedCompounds() {
        byte[] buf = new byte[600];
        int n = RtcpWriter.writeSenderReport(buf, 0, 1, 2, 3, 4, 5, new ReportBlock[] {new ReportBlock()}, 1);
        byte[] cname = "fuzz@example".getBytes(StandardCharsets.US_ASCII);
        n += RtcpWriter.writeSdesCname(buf, n, 1, cname, 0, cname.length);
        n += RtcpWriter.writeBye(buf, n, new int[] {1}, 1, cname, 0, 4);
        n += RtcpWriter.writeApp(buf, n, 1, 1, 2, new byte[8], 0, 8);
        n += RtcpWriter.writeNack(buf, n, 1, 2, new int[] {1, 3, 40}, 3);
        n += RtcpWriter.writeTmmbr(buf, n, 1, new int[] {2}, new long[] {100_000}, new int[] {20}, 1);
        n += RtcpWriter.writeTmmbn(buf, n, 1, new int[] {2}, new long[] {100_000}, new int[] {20}, 1);
        n += RtcpWriter.writePli(buf, n, 1, 2);
        n += RtcpWriter.writeFir(buf, n, 1, new int[] {2}, new int[] {3}, 1);
        n += RtcpWriter.writeRemb(buf, n, 1, 500_000, new int[] {2}, 1);
        RtcpTransportCcWriter cc = new RtcpTransportCcWriter(100);
        for (int s = 0; s < 30; s += 1 + s % 3) {
            cc.addReceived(s, s * 1000L + (s % 5) * 70_000L);
        }
        n += cc.write(buf, n, 1, 2, 3);
        byte[] full = Arrays.copyOf(buf, n);
        Random r = new Random(3);
        assertDoesNotThrow(() -> {
            for (int len = 0; len <= full.length; len++) {
                parseCompound(full, len, false);
            }
            for (int i = 0; i < ROUNDS; i++) {
                byte[] b = full.clone();
                for (int k = 0; k < 1 + r.nextInt(4); k++) {
                    b[r.nextInt(b.length)] = (byte) r.nextInt(256);
                }
                parseCompound(b, b.length, r.nextBoolean());
            }
        });
    }

    private static void parseCompound(byte[] b, int len, boolean reducedSize) {
        RtcpCompound c = new RtcpCompound(reducedSize);
        if (!c.wrap(b, 0, len)) {
            return;
        }
        while (c.next()) {
            parseEveryView(b, c.packetOffset(), c.packetLength());
        }
    }

    private static void parseEveryView(byte[] b, int off, int len) {
        ReportBlock block = new ReportBlock();
        RtcpSenderReport sr = new RtcpSenderReport();
        if (sr.wrap(b, off, len)) {
            sr.ntpTimestamp();
            for (int i = 0; i < sr.reportCount(); i++) {
                sr.readReportBlock(i, block);
            }
        }
        RtcpReceiverReport rr = new RtcpReceiverReport();
        if (rr.wrap(b, off, len)) {
            for (int i = 0; i < rr.reportCount(); i++) {
                rr.readReportBlock(i, block);
            }
        }
        RtcpSdes sdes = new RtcpSdes();
        if (sdes.wrap(b, off, len)) {
            while (sdes.nextChunk()) {
                sdes.chunkSsrc();
                while (sdes.nextItem()) {
                    sdes.itemText();
                }
            }
            sdes.cname();
        }
        RtcpBye bye = new RtcpBye();
        if (bye.wrap(b, off, len)) {
            for (int i = 0; i < bye.ssrcCount(); i++) {
                bye.ssrc(i);
            }
            bye.reason();
        }
        RtcpApp app = new RtcpApp();
        if (app.wrap(b, off, len)) {
            app.name();
        }
        RtcpFeedback fb = new RtcpFeedback();
        if (fb.wrap(b, off, len)) {
            fb.isPli();
            fb.mediaSsrc();
        }
        RtcpNack nack = new RtcpNack();
        if (nack.wrap(b, off, len)) {
            nack.lostSequenceNumbers(new int[64]);
            nack.lostCount();
        }
        RtcpTmmb tmmb = new RtcpTmmb();
        if (tmmb.wrap(b, off, len)) {
            for (int i = 0; i < tmmb.entryCount(); i++) {
                tmmb.bitrate(i);
                tmmb.overhead(i);
            }
        }
        RtcpFir fir = new RtcpFir();
        if (fir.wrap(b, off, len)) {
            for (int i = 0; i < fir.entryCount(); i++) {
                fir.sequenceNumber(i);
            }
        }
        RtcpRemb remb = new RtcpRemb();
        if (remb.wrap(b, off, len)) {
            remb.bitrate();
            for (int i = 0; i < remb.ssrcCount(); i++) {
                remb.ssrc(i);
            }
        }
        RtcpTransportCc cc = new RtcpTransportCc();
        if (cc.wrap(b, off, len)) {
            while (cc.nextPacket()) {
                cc.deltaTicks();
                cc.sequenceNumber();
            }
        }
    }

    @Test
    void depacketizersAndJitterBufferNeverThrowOnRandomPayloads() {
        Random r = new Random(4);
        Depacketizer[] depacketizers = {
            new OpusDepacketizer(),
            new AmrWbDepacketizer(AmrWbPayloadFormat.OCTET_ALIGNED, AmrWbFrameType.ALL_MODES),
            new AmrWbDepacketizer(AmrWbPayloadFormat.BANDWIDTH_EFFICIENT, AmrWbFrameType.ALL_MODES),
            new Vp8Depacketizer(2000),
            new H264Depacketizer(2000),
        };
        DtmfReceiver dtmf = new DtmfReceiver();
        JitterBuffer jb = new JitterBuffer(32, 200, 8000, 20);
        AmrWbRepacketizer repack = new AmrWbRepacketizer(AmrWbPayloadFormat.BANDWIDTH_EFFICIENT,
                AmrWbPayloadFormat.OCTET_ALIGNED, 200);
        byte[] out = new byte[200];
        assertDoesNotThrow(() -> {
            int seq = 0;
            long now = 0;
            for (int i = 0; i < ROUNDS; i++) {
                byte[] payload = new byte[r.nextInt(80)];
                r.nextBytes(payload);
                seq = (seq + (r.nextInt(10) == 0 ? r.nextInt(5) - 2 : 1)) & 0xFFFF;
                long ts = r.nextInt(4) == 0 ? r.nextInt() & 0xFFFFFFFFL : seq * 160L;
                RtpPacket p = TestPackets.packet(96, seq, ts, r.nextInt(50) == 0 ? 2 : 1, r.nextBoolean(),
                        payload, 0, payload.length);
                for (Depacketizer d : depacketizers) {
                    d.push(p, DISCARD);
                }
                dtmf.push(p, (e, v, d, t) -> {
                });
                jb.push(p, now);
                now += r.nextInt(40);
                while (jb.poll(now) != JitterBuffer.Poll.NOTHING) {
                    jb.packet().payloadLength();
                }
                repack.convert(payload, 0, payload.length, out, 0);
                Vp8Descriptor.isKeyFrame(payload, 0, payload.length);
                new Vp8Descriptor().parse(payload, 0, payload.length);
            }
        });
    }

    @Test
    void packetizersNeverThrowOnRandomFrames() {
        Random r = new Random(5);
        Packetizer[] packetizers = {
            new H264Packetizer(H264PacketizationMode.NON_INTERLEAVED, 100),
            new H264Packetizer(H264PacketizationMode.SINGLE_NAL, 100),
            new AmrWbPacketizer(AmrWbPayloadFormat.OCTET_ALIGNED, AmrWbFrameType.ALL_MODES, 100),
            new AmrWbPacketizer(AmrWbPayloadFormat.BANDWIDTH_EFFICIENT, 0b101, 100),
        };
        byte[] out = new byte[100];
        assertDoesNotThrow(() -> {
            for (int i = 0; i < ROUNDS; i++) {
                byte[] frame = new byte[r.nextInt(400)];
                r.nextBytes(frame);
                if (frame.length > 8 && r.nextBoolean()) {
                    frame[0] = 0;
                    frame[1] = 0;
                    frame[2] = 1; // Annex B start, sometimes more inside
                    frame[r.nextInt(frame.length - 3) + 3] = 0;
                }
                for (Packetizer p : packetizers) {
                    if (p.setFrame(frame, 0, frame.length)) {
                        while (p.hasNext()) {
                            p.next(out, 0);
                        }
                    }
                }
            }
        });
    }

    @Test
    void profileLevelIdParserNeverThrows() {
        Random r = new Random(6);
        assertDoesNotThrow(() -> {
            for (int i = 0; i < ROUNDS; i++) {
                char[] c = new char[r.nextInt(8)];
                for (int k = 0; k < c.length; k++) {
                    c[k] = (char) r.nextInt(128);
                }
                H264ProfileLevelId.parse(new String(c)).ifPresent(H264ProfileLevelId::isConstrainedBaseline);
            }
        });
    }
}
