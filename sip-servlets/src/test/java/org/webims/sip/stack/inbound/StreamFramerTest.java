package org.webims.sip.stack.inbound;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** TCP framing by Content-Length (RFC 3261 §18.3), however the bytes are split into reads. */
class StreamFramerTest {
    private static final InboundLimits LIMITS = new InboundLimits(4096, 32, 512, 1000);

    /** Collects what the framer finds. */
    private static final class Collected implements StreamFramer.Sink {
        final List<String> messages = new ArrayList<>();
        final List<Defect> answered = new ArrayList<>();
        int pings;

        @Override
        public void message(byte[] bytes, String callId) {
            messages.add(new String(bytes, StandardCharsets.ISO_8859_1));
        }

        @Override
        public void answer(byte[] answer, Defect defect) {
            answered.add(defect);
        }

        @Override
        public void keepAlive() {
            pings++;
        }
    }

    private static String options(String callId, String contentLengthHeader, String body) {
        return "OPTIONS sip:a@example.com SIP/2.0\r\n"
                + "Via: SIP/2.0/TCP client.example.com;branch=z9hG4bK" + callId + "\r\n"
                + "From: <sip:b@example.com>;tag=1\r\nTo: <sip:a@example.com>\r\n"
                + "Call-ID: " + callId + "\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\n"
                + contentLengthHeader + "\r\n" + body;
    }

    @Test
    void aMessageTrickledOneByteAtATimeIsFramedOnce() {
        String message = options("trickle", "l: 5\r\nContent-Type: text/plain\r\n", "hello");
        StreamFramer framer = new StreamFramer(LIMITS);
        Collected sink = new Collected();
        for (byte b : message.getBytes(StandardCharsets.ISO_8859_1)) {
            assertNull(framer.add(new byte[] {b}, sink));
        }
        assertEquals(List.of(message), sink.messages);
        assertTrue(!framer.holdsPartial(), "nothing left over");
    }

    @Test
    void twoMessagesAndAKeepAliveInOneReadAreFramedApart() {
        String first = options("one", "Content-Length: 0\r\n", "");
        String second = options("two", "Content-Length   : 3\r\n", "abc");
        StreamFramer framer = new StreamFramer(LIMITS);
        Collected sink = new Collected();
        assertNull(framer.add((first + "\r\n\r\n" + second).getBytes(StandardCharsets.ISO_8859_1), sink));
        assertEquals(List.of(first, second), sink.messages);
        assertEquals(1, sink.pings, "RFC 5626 §4.4.1: CRLFCRLF is a ping");
    }

    @Test
    void aNegativeContentLengthEndsTheStreamWithA400() {
        StreamFramer framer = new StreamFramer(LIMITS);
        Collected sink = new Collected();
        Defect lost = framer.add(options("ncl", "Content-Length: -999\r\n", "x").getBytes(StandardCharsets.ISO_8859_1), sink);
        assertNotNull(lost);
        assertEquals(400, lost.status());
        assertTrue(lost.framingLost());
        String answer = new String(framer.lostAnswer(), StandardCharsets.ISO_8859_1);
        assertTrue(answer.startsWith("SIP/2.0 400 Bad Request - negative Content-Length\r\n"), answer);
        assertTrue(answer.contains("To: <sip:a@example.com>;tag="), "a To tag is added: " + answer);
        assertTrue(answer.endsWith("Content-Length: 0\r\n\r\n"), answer);
    }

    @Test
    void aDefectiveMessageThatCanBeFramedIsAnsweredAndTheStreamReadsOn() {
        String bad = options("bad", "Content-Length: 0\r\n", "").replace("CSeq: 1 OPTIONS", "CSeq: 1 INVITE");
        String good = options("good", "Content-Length: 0\r\n", "");
        StreamFramer framer = new StreamFramer(LIMITS);
        Collected sink = new Collected();
        assertNull(framer.add((bad + good).getBytes(StandardCharsets.ISO_8859_1), sink));
        assertEquals(List.of("Bad Request - CSeq method does not match"),
                sink.answered.stream().map(Defect::reason).toList());
        assertEquals(List.of(good), sink.messages);
    }

    @Test
    void aHeaderBlockThatNeverEndsIsCutAtTheSizeLimit() {
        StreamFramer framer = new StreamFramer(LIMITS);
        Collected sink = new Collected();
        Defect lost = null;
        byte[] line = "X-Filler: 0123456789\r\n".getBytes(StandardCharsets.ISO_8859_1);
        framer.add("OPTIONS sip:a@example.com SIP/2.0\r\n".getBytes(StandardCharsets.ISO_8859_1), sink);
        for (int i = 0; i < 1000 && lost == null; i++) {
            lost = framer.add(line, sink);
        }
        assertNotNull(lost, "refused before the buffer grows past the limit");
        assertEquals(513, lost.status());
    }

    @Test
    void anIncompleteMessageIsAnsweredWhenTheFramerGivesUp() {
        StreamFramer framer = new StreamFramer(LIMITS);
        Collected sink = new Collected();
        assertNull(framer.add(options("clerr", "Content-Length: 2000\r\n", "v=0\r\n").getBytes(StandardCharsets.ISO_8859_1), sink));
        assertTrue(framer.holdsPartial());
        byte[] answer = framer.giveUp();
        assertNotNull(answer);
        assertTrue(new String(answer, StandardCharsets.ISO_8859_1)
                .startsWith("SIP/2.0 400 Bad Request - Content-Length larger than the message\r\n"));
    }

    @Test
    void bytesAfterAWholeMessageStayForTheNext() {
        String message = options("split", "Content-Length: 2\r\n", "ok");
        byte[] bytes = (message + "OPTI").getBytes(StandardCharsets.ISO_8859_1);
        StreamFramer framer = new StreamFramer(LIMITS);
        Collected sink = new Collected();
        assertNull(framer.add(bytes, sink));
        assertArrayEquals(new String[] {message}, sink.messages.toArray(new String[0]));
        assertTrue(framer.holdsPartial(), "OPTI waits for the rest of its message");
    }
}
