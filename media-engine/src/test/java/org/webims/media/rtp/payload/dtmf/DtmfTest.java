package org.webims.media.rtp.payload.dtmf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.webims.media.rtp.TestPackets.bytes;
import static org.webims.media.rtp.TestPackets.packet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.webims.media.rtp.PacketFault;

class DtmfTest {

    private record Sent(byte[] payload, boolean marker, int timestampOffset) {
    }

    private static List<Sent> send(int event, int duration, int interval) {
        DtmfSender s = new DtmfSender();
        s.start(event, 10, duration, interval);
        List<Sent> out = new ArrayList<>();
        byte[] buf = new byte[4];
        while (s.hasNext()) {
            int n = s.next(buf, 0);
            out.add(new Sent(Arrays.copyOf(buf, n), s.marker(), s.timestampOffset()));
        }
        return out;
    }

    @Test
    void longEventGoesAsSegmentsEachStarting0xFFFFUnitsAfterTheLast() {
        // 3 s at 48 kHz (144,000 units) in 20 ms updates (960 units): three segments (RFC 4733 §2.5.1.5)
        List<Sent> sent = send(1, 144_000, 960);
        assertTrue(sent.get(0).marker());
        assertEquals(1, sent.stream().filter(Sent::marker).count(), "the marker only on the event's first packet");
        List<Integer> offsets = sent.stream().map(Sent::timestampOffset).distinct().toList();
        assertEquals(List.of(0, 0xFFFF, 2 * 0xFFFF), offsets);
        for (int i = 1; i < sent.size(); i++) {
            Sent before = sent.get(i - 1);
            Sent now = sent.get(i);
            if (now.timestampOffset() != before.timestampOffset()) {
                assertEquals(0xFFFF, TelephoneEvent.duration(before.payload(), 0), "a segment ends at 0xFFFF");
                assertFalse(TelephoneEvent.end(before.payload(), 0), "and without the E bit");
                assertTrue(TelephoneEvent.duration(now.payload(), 0) <= 960, "the next one starts again");
            }
        }
        Sent last = sent.get(sent.size() - 1);
        assertTrue(TelephoneEvent.end(last.payload(), 0));
        assertEquals(144_000 - 2 * 0xFFFF, TelephoneEvent.duration(last.payload(), 0));
    }

    @Test
    void receiverJoinsSegmentsIntoOneEventEvenAcrossATimestampWrapAndALostUpdate() {
        List<Sent> sent = send(1, 144_000, 960);
        long start = 0xFFFFFFFFL - 70_000; // the second segment's timestamp wraps past 2^32
        DtmfReceiver r = new DtmfReceiver();
        List<String> heard = new ArrayList<>();
        int seq = 1;
        for (Sent s : sent) {
            boolean segmentsLastUpdate = TelephoneEvent.duration(s.payload(), 0) == 0xFFFF
                    && s.timestampOffset() == 0;
            if (segmentsLastUpdate) {
                continue; // lost: the next segment alone says the event goes on
            }
            r.push(packet(seq++, (start + s.timestampOffset()) & 0xFFFFFFFFL, s.marker(), s.payload()),
                    (e, v, d, ts) -> heard.add(e + "@" + ts + "/" + d));
        }
        assertEquals(List.of("1@" + start + "/144000"), heard);
    }

    @Test
    void senderEmitsStartContinuationAndThreeEndPackets() {
        List<Sent> sent = send(5, 800, 400); // 100 ms at 8 kHz, one packet per 50 ms
        assertEquals(2 + 3, sent.size());
        assertTrue(sent.get(0).marker());
        assertFalse(sent.get(1).marker());
        assertEquals(400, TelephoneEvent.duration(sent.get(0).payload(), 0));
        assertEquals(800, TelephoneEvent.duration(sent.get(1).payload(), 0));
        assertFalse(TelephoneEvent.end(sent.get(1).payload(), 0));
        for (int i = 2; i < 5; i++) {
            byte[] p = sent.get(i).payload();
            assertTrue(TelephoneEvent.end(p, 0));
            assertEquals(800, TelephoneEvent.duration(p, 0));
            assertEquals(5, TelephoneEvent.event(p, 0));
            assertEquals(10, TelephoneEvent.volume(p, 0));
        }
    }

    @Test
    void lastContinuationIsCappedAtTheEventDuration() {
        List<Sent> sent = send(1, 1000, 400);
        assertEquals(1000, TelephoneEvent.duration(sent.get(2).payload(), 0));
        assertEquals(3 + 3, sent.size());
    }

    @Test
    void receiverReportsEachEventOnce() {
        List<Sent> sent = send(11, 800, 400);
        DtmfReceiver r = new DtmfReceiver();
        List<String> heard = new ArrayList<>();
        int seq = 1;
        for (Sent s : sent) {
            r.push(packet(seq++, 8000, s.marker(), s.payload()), (e, v, d, ts) -> heard.add(TelephoneEvent.digit(e) + "@" + ts + "/" + d));
        }
        for (Sent s : send(11, 800, 400)) { // the same digit again, a new event
            r.push(packet(seq++, 9600, s.marker(), s.payload()), (e, v, d, ts) -> heard.add(TelephoneEvent.digit(e) + "@" + ts + "/" + d));
        }
        assertEquals(List.of("#@8000/800", "#@9600/800"), heard, "once per event, at its end, with its duration");
        assertEquals(2, r.counters().frames());
    }

    @Test
    void eventWhoseFirstPacketWasLostIsStillReported() {
        List<Sent> sent = send(3, 800, 400);
        DtmfReceiver r = new DtmfReceiver();
        List<Integer> heard = new ArrayList<>();
        for (int i = 1; i < sent.size(); i++) {
            r.push(packet(i + 1, 160, false, sent.get(i).payload()), (e, v, d, ts) -> heard.add(e));
        }
        assertEquals(List.of(3), heard);
    }

    @Test
    void eventWhoseEndPacketsWereLostIsReportedWhenTheNextOneStarts() {
        List<Sent> first = send(7, 800, 400);
        DtmfReceiver r = new DtmfReceiver();
        List<String> heard = new ArrayList<>();
        r.push(packet(1, 160, true, first.get(0).payload()), (e, v, d, ts) -> heard.add(e + "/" + d));
        r.push(packet(2, 160, false, first.get(1).payload()), (e, v, d, ts) -> heard.add(e + "/" + d));
        assertEquals(List.of(), heard, "not ended yet");
        List<Sent> second = send(8, 400, 400);
        for (int i = 0; i < second.size(); i++) {
            r.push(packet(3 + i, 2000, i == 0, second.get(i).payload()), (e, v, d, ts) -> heard.add(e + "/" + d));
        }
        assertEquals(List.of("7/800", "8/400"), heard);
    }

    @Test
    void shortPayloadIsCountedNotReported() {
        DtmfReceiver r = new DtmfReceiver();
        r.push(packet(1, 1, true, bytes(1, 2)), (e, v, d, ts) -> {
            throw new AssertionError("no event expected");
        });
        assertEquals(1, r.counters().faults(PacketFault.TOO_SHORT));
    }

    @Test
    void mapsDigitsToEvents() {
        assertEquals(10, TelephoneEvent.eventOf('*'));
        assertEquals(15, TelephoneEvent.eventOf('d'));
        assertEquals('#', TelephoneEvent.digit(11));
    }
}
