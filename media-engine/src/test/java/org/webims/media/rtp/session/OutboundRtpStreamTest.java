package org.webims.media.rtp.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class OutboundRtpStreamTest {

    static final long MS = 1_000_000L;

    @Test
    void keepsSequenceAndTimestampContinuousAcrossSourceSwitch() {
        OutboundRtpStream out = new OutboundRtpStream(0x1234, 48000, 111);
        out.next(0xAAAA, 100, 5000, 50, 0);
        int firstSeq = out.sequenceNumber();
        long firstTs = out.timestamp();
        out.next(0xAAAA, 101, 5960, 50, 20 * MS);
        assertEquals(firstSeq + 1, out.sequenceNumber());
        assertEquals(firstTs + 960, out.timestamp());

        // another source with unrelated numbers, 20 ms later
        out.next(0xBBBB, 40000, 900_000, 50, 40 * MS);
        assertEquals((firstSeq + 2) & 0xffff, out.sequenceNumber());
        assertEquals(firstTs + 1920, out.timestamp(), "advanced by the 20 ms of wall clock");
        out.next(0xBBBB, 40001, 900_960, 50, 60 * MS);
        assertEquals((firstSeq + 3) & 0xffff, out.sequenceNumber());
        assertEquals(firstTs + 2880, out.timestamp());
        assertEquals(0x1234, out.ssrc());
    }

    @Test
    void insertedEventPacketsTakeTheReplacedAudiosPlaceWithoutAGapOrATimestampJump() {
        OutboundRtpStream out = new OutboundRtpStream(1, 16000, 97);
        out.next(7, 10, 3200, 30, 0);
        int s0 = out.sequenceNumber();
        long t0 = out.timestamp();
        long eventTs = out.insertionTimestamp(20 * MS);
        assertEquals(t0 + 320, eventTs, "the event starts at now in the stream's timeline");
        for (int i = 0; i < 3; i++) {
            out.nextInserted(eventTs, 4);
            assertEquals((s0 + 1 + i) & 0xffff, out.sequenceNumber());
            assertEquals(eventTs, out.timestamp(), "one timestamp for the whole event (RFC 4733 §2.5.1.2)");
        }
        out.skipSourcePacket(); // source packets 11 and 12 replaced by the event (RFC 4733 §3.1)
        out.skipSourcePacket();
        out.next(7, 13, 3200 + 3 * 320, 30, 80 * MS);
        assertEquals((s0 + 4) & 0xffff, out.sequenceNumber(), "the audio follows the event's last packet");
        assertEquals(t0 + 960, out.timestamp(), "and keeps its own timeline");
    }

    @Test
    void anEventBeforeAnyAudioStartsTheStreamAndTheAudioFollowsIt() {
        OutboundRtpStream out = new OutboundRtpStream(1, 8000, 0);
        long eventTs = out.insertionTimestamp(0);
        out.nextInserted(eventTs, 4);
        int eventSeq = out.sequenceNumber();
        out.next(9, 500, 77_000, 160, 100 * MS);
        assertEquals((eventSeq + 1) & 0xffff, out.sequenceNumber());
        assertEquals((eventTs + 800) & 0xffffffffL, out.timestamp(), "100 ms after the event started");
    }

    @Test
    void keepsTheSourcesGapsSoLossStaysVisible() {
        OutboundRtpStream out = new OutboundRtpStream(1, 90000, 96);
        out.next(7, 10, 0, 1000, 0);
        int s0 = out.sequenceNumber();
        out.next(7, 13, 9000, 1000, 100 * MS);
        assertEquals((s0 + 3) & 0xffff, out.sequenceNumber());
    }

    @Test
    void wrapsSequenceNumbersAndTimestamps() {
        OutboundRtpStream out = new OutboundRtpStream(1, 8000, 0);
        out.next(7, 65535, 0xffffff00L, 160, 0);
        int s0 = out.sequenceNumber();
        long t0 = out.timestamp();
        out.next(7, 0, 0x00000060L, 160, 20 * MS);
        assertEquals((s0 + 1) & 0xffff, out.sequenceNumber());
        assertEquals((t0 + 0x160) & 0xffffffffL, out.timestamp());
    }

    @Test
    void sendersReportTimestampFollowsWallClock() {
        OutboundRtpStream out = new OutboundRtpStream(1, 16000, 97);
        out.next(7, 1, 1000, 60, 0);
        long t0 = out.timestamp();
        assertEquals((t0 + 16000) & 0xffffffffL, out.timestampAt(1000 * MS));
        assertEquals(1, out.packetsSent());
        assertEquals(60, out.octetsSent());
    }

    @Test
    void formatChangeRemapsTimestamps() {
        OutboundRtpStream out = new OutboundRtpStream(1, 48000, 111);
        out.next(7, 1, 0, 60, 0);
        long t0 = out.timestamp();
        out.changeFormat(16000, 97);
        out.next(7, 2, 123_456, 60, 20 * MS);
        assertEquals((t0 + 320) & 0xffffffffL, out.timestamp(), "20 ms at the new 16 kHz clock");
        assertEquals(97, out.payloadType());
    }
}
