package org.webims.media.endpoint.rtp.path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.webims.media.rtp.ReportBlock;
import org.webims.media.rtp.RtcpWriter;

/** The shared RTCP reader on compounds written by the engine's RtcpWriter. */
class RtcpFeedbackReaderTest {

    static final int PEER = 0x11111111;
    static final int US = 0x22222222;

    final List<String> heard = new ArrayList<>();
    final RtcpFeedbackReader reader = new RtcpFeedbackReader(new RtcpFeedbackReader.Listener() {
        @Override public void receiverReport(int ssrc) { heard.add("rr " + Integer.toHexString(ssrc)); }
        @Override public void reportBlock(ReportBlock b) { heard.add("block " + Integer.toHexString(b.ssrc)); }
        @Override public void keyframeRequested(int ssrc, boolean fir) {
            heard.add((fir ? "fir " : "pli ") + Integer.toHexString(ssrc));
        }
        @Override public void bitrateLimited(long bps) { heard.add("limit " + bps); }
        @Override public void nack(int ssrc, int[] lost, int n) {
            StringBuilder s = new StringBuilder("nack ").append(Integer.toHexString(ssrc));
            for (int i = 0; i < n; i++) {
                s.append(' ').append(lost[i]);
            }
            heard.add(s.toString());
        }
        @Override public void malformed() { heard.add("malformed"); }
        @Override public void transportFeedback(org.webims.media.rtp.RtcpTransportCc cc) {
            int received = 0;
            while (cc.nextPacket()) {
                received += cc.received() ? 1 : 0;
            }
            heard.add("transport-cc " + cc.baseSequenceNumber() + " " + received + "/" + cc.statusCount());
        }
    });
    final byte[] b = new byte[1500];

    @Test
    void readsReportPliFirRembAndNackOfOneCompoundInOrder() {
        ReportBlock block = new ReportBlock();
        block.ssrc = US;
        int n = RtcpWriter.writeReceiverReport(b, 0, PEER, new ReportBlock[] {block}, 1);
        n += RtcpWriter.writePli(b, n, PEER, US);
        n += RtcpWriter.writeFir(b, n, PEER, new int[] {US}, new int[] {3}, 1);
        n += RtcpWriter.writeRemb(b, n, PEER, 300_000, new int[] {US}, 1);
        n += RtcpWriter.writeNack(b, n, PEER, US, new int[] {100, 101, 103}, 3);
        assertTrue(reader.read(b, 0, n, US));
        assertEquals(List.of("rr 11111111", "block 22222222", "pli 22222222", "fir 22222222", "limit 300000",
                "nack 22222222 100 101 103"), heard);
    }

    @Test
    void aFirNamesItsTargetInItsEntriesAndARembTheStreamsItEstimates() {
        // RFC 5104 §4.3.1.2: the media source field is 0, the FCI entries name the targets
        int n = RtcpWriter.writeFir(b, 0, PEER, new int[] {0x33333333, US}, new int[] {1, 2}, 2);
        n += RtcpWriter.writeRemb(b, n, PEER, 500_000, new int[] {0x33333333, US}, 2);
        List<String> rembs = new ArrayList<>();
        RtcpFeedbackReader withSsrcs = new RtcpFeedbackReader(new RtcpFeedbackReader.Listener() {
            @Override public void keyframeRequested(int ssrc, boolean fir) {
                rembs.add((fir ? "fir " : "pli ") + Integer.toHexString(ssrc));
            }
            @Override public void remb(long bps, int[] ssrcs, int count) {
                StringBuilder s = new StringBuilder("remb ").append(bps);
                for (int i = 0; i < count; i++) {
                    s.append(' ').append(Integer.toHexString(ssrcs[i]));
                }
                rembs.add(s.toString());
            }
        });
        assertTrue(withSsrcs.read(b, 0, n, US));
        assertEquals(List.of("fir 22222222", "remb 500000 33333333 22222222"), rembs);
    }

    @Test
    void tmmbrAppliesTheEntryNamingUs() {
        int n = RtcpWriter.writeTmmbr(b, 0, PEER, new int[] {0x33333333, US}, new long[] {64_000, 128_000},
                new int[] {0, 0}, 2);
        assertTrue(reader.read(b, 0, n, US));
        assertEquals(List.of("limit 128000"), heard);
    }

    @Test
    void transportWideFeedbackIsPassedOnCheckedAndABrokenOneCountedAsMalformed() {
        org.webims.media.rtp.RtcpTransportCcWriter w = new org.webims.media.rtp.RtcpTransportCcWriter(64);
        w.addReceived(1000, 64_000);
        w.addReceived(1002, 70_000); // 1001 lost
        int n = RtcpWriter.writeReceiverReport(b, 0, PEER, new ReportBlock[0], 0);
        int first = n;
        n += w.write(b, n, PEER, US, 0);
        int second = n;
        n += w.write(b, n, PEER, US, 1);
        b[second + 14] = (byte) 0xFF; // the second one claims 65535 statuses: its chunks and deltas hold 3
        b[second + 15] = (byte) 0xFF;
        n += RtcpWriter.writePli(b, n, PEER, US);
        assertTrue(reader.read(b, 0, n, US));
        assertEquals(List.of("rr 11111111", "transport-cc 1000 2/3", "malformed", "pli 22222222"), heard);
        assertTrue(second > first);
    }

    @Test
    void aBadPacketInACompoundIsReportedAndTheRestStillRead() {
        int n = RtcpWriter.writeReceiverReport(b, 0, PEER, new ReportBlock[0], 0);
        int nack = n;
        n += RtcpWriter.writeNack(b, n, PEER, US, new int[] {7}, 1);
        b[nack + 3] = 2; // length 2 words: the FCI entry is cut off
        n = nack + 12;
        n += RtcpWriter.writePli(b, n, PEER, US);
        assertTrue(reader.read(b, 0, n, US));
        assertEquals(List.of("rr 11111111", "malformed", "pli 22222222"), heard);
        assertFalse(reader.read(new byte[] {1, 2, 3}, 0, 3, US), "not RTCP at all");
    }
}
