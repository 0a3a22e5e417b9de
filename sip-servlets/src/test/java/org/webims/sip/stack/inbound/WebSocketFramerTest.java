package org.webims.sip.stack.inbound;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** RFC 6455 framing for SIP over WebSocket (RFC 7118): handshake, frames, control frames, limits. */
class WebSocketFramerTest {
    private static final InboundLimits LIMITS = new InboundLimits(4096, 32, 512, 1000);

    private final List<byte[]> written = new ArrayList<>();
    private final List<String> messages = new ArrayList<>();
    private final WebSocketFramer.Sink sink = new WebSocketFramer.Sink() {
        @Override
        public void write(byte[] bytes) {
            written.add(bytes);
        }

        @Override
        public void message(byte[] payload) {
            messages.add(new String(payload, StandardCharsets.UTF_8));
        }
    };
    private WebSocketFramer framer;

    @BeforeEach
    void handshake() {
        framer = new WebSocketFramer(LIMITS);
        assertNull(framer.add(("GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Protocol: chat, sip\r\n\r\n").getBytes(StandardCharsets.US_ASCII), sink));
        String answer = new String(written.remove(0), StandardCharsets.US_ASCII);
        assertTrue(answer.startsWith("HTTP/1.1 101"), answer);
        assertTrue(answer.contains("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"), "RFC 6455 §1.3 example key");
        assertTrue(answer.contains("Sec-WebSocket-Protocol: sip\r\n"), "RFC 7118 §4.1: sip chosen");
    }

    private static byte[] clientFrame(int opcode, boolean fin, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write((fin ? 0x80 : 0) | opcode);
        if (payload.length < 126) {
            out.write(0x80 | payload.length);
        } else {
            out.write(0x80 | 126);
            out.write(payload.length >>> 8);
            out.write(payload.length & 0xff);
        }
        byte[] mask = {0x11, 0x22, 0x33, 0x44};
        out.writeBytes(mask);
        for (int i = 0; i < payload.length; i++) {
            out.write(payload[i] ^ mask[i & 3]);
        }
        return out.toByteArray();
    }

    @Test
    void aFragmentedMessageIsReassembledIntoOneSipMessage() {
        byte[] first = clientFrame(0x1, false, "OPTIONS sip:a".getBytes(StandardCharsets.UTF_8));
        byte[] second = clientFrame(0x0, true, "@example.com SIP/2.0\r\n\r\n".getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        both.writeBytes(first);
        both.writeBytes(second);
        byte[] bytes = both.toByteArray();
        // split mid-frame, as TCP may deliver it
        assertNull(framer.add(java.util.Arrays.copyOfRange(bytes, 0, 7), sink));
        assertNull(framer.add(java.util.Arrays.copyOfRange(bytes, 7, bytes.length), sink));
        assertEquals(List.of("OPTIONS sip:a@example.com SIP/2.0\r\n\r\n"), messages);
        assertTrue(!framer.holdsPartial());
    }

    @Test
    void aPingIsAnsweredWithAPongCarryingItsData() {
        assertNull(framer.add(clientFrame(0x9, true, new byte[] {1, 2, 3}), sink));
        assertEquals(1, written.size());
        assertArrayEquals(new byte[] {(byte) 0x8A, 3, 1, 2, 3}, written.get(0));
        assertEquals(List.of(), messages, "a ping is no SIP message");
    }

    @Test
    void aFrameAboveTheMessageLimitFailsWith1009BeforeItsPayloadIsRead() {
        byte[] header = {(byte) 0x81, (byte) (0x80 | 127), 0, 0, 0, 0, 0, 1, 0, 0}; // 65536 bytes announced
        WebSocketFramer.Failure failure = framer.add(header, sink);
        assertNotNull(failure);
        assertEquals(1009, failure.closeCode());
    }

    @Test
    void aCloseIsEchoedAndEndsTheConnection() {
        WebSocketFramer.Failure failure = framer.add(clientFrame(0x8, true, new byte[] {0x03, (byte) 0xE8}), sink);
        assertNotNull(failure);
        assertArrayEquals(new byte[] {(byte) 0x88, 2, 0x03, (byte) 0xE8}, written.get(0));
    }

    @Test
    void aHandshakeWithoutTheSipProtocolIsRefused() {
        WebSocketFramer other = new WebSocketFramer(LIMITS);
        List<byte[]> out = new ArrayList<>();
        WebSocketFramer.Failure failure = other.add(("GET / HTTP/1.1\r\nUpgrade: websocket\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII), new WebSocketFramer.Sink() {
                    @Override
                    public void write(byte[] bytes) {
                        out.add(bytes);
                    }

                    @Override
                    public void message(byte[] payload) {
                    }
                });
        assertNotNull(failure);
        assertTrue(out.isEmpty(), "the refusal is the channel's to write before it closes");
        assertTrue(new String(failure.httpAnswer(), StandardCharsets.US_ASCII).startsWith("HTTP/1.1 400"));
    }

    @Test
    void handshakeFromAnOriginNotListedGets403AndOneListedOpens() {
        WebSocketOrigins origins = new WebSocketOrigins(List.of("https://phone.example.com"));
        String handshake = "GET / HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Protocol: sip\r\nOrigin: %s\r\n\r\n";
        List<byte[]> out = new ArrayList<>();
        WebSocketFramer.Sink collect = new WebSocketFramer.Sink() {
            @Override
            public void write(byte[] bytes) {
                out.add(bytes);
            }

            @Override
            public void message(byte[] payload) {
            }
        };
        WebSocketFramer.Failure refused = new WebSocketFramer(LIMITS, origins)
                .add(handshake.formatted("https://evil.example").getBytes(StandardCharsets.US_ASCII), collect);
        assertNotNull(refused);
        assertTrue(new String(refused.httpAnswer(), StandardCharsets.US_ASCII).startsWith("HTTP/1.1 403"));
        assertTrue(out.isEmpty());

        WebSocketFramer.Failure opened = new WebSocketFramer(LIMITS, origins)
                .add(handshake.formatted("HTTPS://Phone.Example.com").getBytes(StandardCharsets.US_ASCII), collect);
        assertEquals(null, opened);
        assertTrue(new String(out.get(0), StandardCharsets.US_ASCII).startsWith("HTTP/1.1 101"));
    }
}
