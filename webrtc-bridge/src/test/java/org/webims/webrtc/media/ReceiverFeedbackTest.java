package org.webims.webrtc.media;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.webims.media.pipeline.MediaType;
import org.webims.media.rtp.RtpHeaderWriter;
import org.webims.media.rtp.RtpPacket;
import org.webims.media.endpoint.rtp.InboundRtpStats;

/**
 * The per-stream reception state behind our receiver reports and getStats: kept apart per SSRC
 * when the browser's streams interleave packet by packet (the state of the last packet's stream is
 * remembered, decision 0043), and what is not media (rtx) counted for the report but not published.
 */
class ReceiverFeedbackTest {

    static final int AUDIO = 0x1111;
    static final int VIDEO = 0x2222;
    static final int RTX = 0x3333;

    private final byte[] bytes = new byte[1500];
    private final RtpHeaderWriter header = new RtpHeaderWriter();
    private final RtpPacket rtp = new RtpPacket();

    private RtpPacket packet(int ssrc, int seq, long timestamp, int payload) {
        int h = header.marker(false).payloadType(111).sequenceNumber(seq).timestamp(timestamp).ssrc(ssrc)
                .clearExtensions().write(bytes, 0);
        rtp.wrap(bytes, 0, h + payload);
        return rtp;
    }

    @Test
    void interleavedStreamsEachKeepTheirOwnCountsLossAndBytes() {
        // not keyed: the reports are built and published, but nothing is sent
        ReceiverFeedback feedback = new ReceiverFeedback(new RtcpOut(null, 0x99, 0), 1_000_000);
        long now = 1_000_000_000L;
        for (int i = 0; i < 100; i++, now += 10_000_000L) { // 1 s: every 10 ms one packet of each
            if (i < 10 || i >= 15) { // audio loses 10..14
                feedback.onRtp(packet(AUDIO, 1000 + i, 960L * i, 160), 48000, MediaType.AUDIO, -1, now);
            }
            feedback.onRtp(packet(VIDEO, 5000 + i, 900L * i, 1000), 90000, MediaType.VIDEO, -1, now);
            if (i % 10 == 0) {
                feedback.onRtp(packet(RTX, 7000 + i / 10, 900L * i, 1002), 90000, null, -1, now);
            }
        }
        feedback.onRtp(packet(VIDEO, 5100, 90000, 1000), 90000, MediaType.VIDEO, -1, now + 1_000_000_000L);

        List<InboundRtpStats> streams = feedback.inboundStreams().stream()
                .sorted(Comparator.comparingInt(InboundRtpStats::ssrc)).toList();
        assertEquals(2, streams.size(), "rtx is reported on, not published: " + streams);
        InboundRtpStats audio = streams.get(0);
        assertEquals(AUDIO, audio.ssrc());
        assertEquals(MediaType.AUDIO, audio.mediaType());
        assertEquals(95, audio.packetsReceived());
        assertEquals(95 * 160, audio.bytesReceived());
        assertEquals(5, audio.packetsLost());
        InboundRtpStats video = streams.get(1);
        assertEquals(VIDEO, video.ssrc());
        assertEquals(MediaType.VIDEO, video.mediaType());
        assertEquals(101, video.packetsReceived());
        assertEquals(101 * 1000, video.bytesReceived());
        assertEquals(0, video.packetsLost());
    }

    /**
     * A video packet lost on the way and then restored from the browser's RTX counts as received
     * (RFC 3550 A.3; libwebrtc counts recovered packets so): the report states the loss after
     * repair, as RtpEndpoint's does (decision 0067).
     */
    @Test
    void aVideoPacketRepairedByRtxIsNotReportedLost() {
        ReceiverFeedback feedback = new ReceiverFeedback(new RtcpOut(null, 0x99, 0), 1_000_000);
        long now = 1_000_000_000L;
        for (int i = 0; i < 20; i++, now += 10_000_000L) {
            if (i != 7 && i != 12) {
                feedback.onRtp(packet(VIDEO, 5000 + i, 900L * i, 1000), 90000, MediaType.VIDEO, -1, now);
            }
        }
        feedback.onRtp(packet(RTX, 7000, 900L * 7, 1002), 90000, null, -1, now);
        feedback.onRepaired(VIDEO, 5007); // 7 restored; 12 never came
        feedback.onRtp(packet(VIDEO, 5020, 900L * 20, 1000), 90000, MediaType.VIDEO, -1, now + 1_000_000_000L);

        InboundRtpStats video = feedback.inboundStreams().stream().filter(s -> s.ssrc() == VIDEO).findFirst()
                .orElseThrow();
        assertEquals(20, video.packetsReceived());
        assertEquals(1, video.packetsLost(), "only the packet never repaired");
    }
}
