package org.webims.sip.stack.inbound;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;

/**
 * The server side of a SIP WebSocket connection as bytes arrive (RFC 6455, RFC 7118): the opening
 * handshake, then frames, unmasked and reassembled into whole messages, each one SIP message
 * (RFC 7118 §5.1). Pings are answered, and anything that breaks RFC 6455 or the
 * {@link InboundLimits} ends the connection with the close code that says why.
 */
final class WebSocketFramer {
    /** Where the framer's findings go. */
    interface Sink {
        /** Bytes to write to the peer as they are (the handshake answer, control frames). */
        void write(byte[] bytes);

        /** One whole WebSocket message: one SIP message. */
        void message(byte[] payload);
    }

    /**
     * Why the connection must end: the close code (0: no close frame, the handshake failed), the
     * reason, and an HTTP answer to write before closing (a refused handshake), or null.
     */
    record Failure(int closeCode, String reason, byte[] httpAnswer) {
        Failure(int closeCode, String reason) {
            this(closeCode, reason, null);
        }
    }

    private static final int MAX_HANDSHAKE_BYTES = 8192;
    private static final byte[] HEADER_END = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"; // RFC 6455 §1.3

    private final InboundLimits limits;
    private final WebSocketOrigins origins;
    private byte[] buffer = new byte[4096];
    private int end;
    private boolean open;
    private byte[] assembling;
    private int assembled;
    private long partialSinceNanos;

    WebSocketFramer(InboundLimits limits) {
        this(limits, WebSocketOrigins.ANY);
    }

    WebSocketFramer(InboundLimits limits, WebSocketOrigins origins) {
        this.limits = limits;
        this.origins = origins;
    }

    /** Adds what the peer sent. Returns null while the connection is sound, else why it must close. */
    Failure add(byte[] bytes, Sink sink) {
        append(bytes);
        Failure failure = open ? null : handshake(sink);
        if (failure == null && open) {
            failure = frames(sink);
        }
        if (failure == null) {
            partialSinceNanos = end > 0 || assembling != null ? (partialSinceNanos == 0 ? System.nanoTime() : partialSinceNanos) : 0;
        }
        return failure;
    }

    boolean holdsPartial() {
        return partialSinceNanos != 0;
    }

    long partialSinceNanos() {
        return partialSinceNanos;
    }

    /** RFC 6455 §4.2: answer the client's opening handshake, offering the subprotocol sip (RFC 7118 §4.1). */
    private Failure handshake(Sink sink) {
        int headerEnd = indexOf(buffer, end, HEADER_END);
        if (headerEnd < 0) {
            return end > MAX_HANDSHAKE_BYTES ? new Failure(0, "handshake larger than " + MAX_HANDSHAKE_BYTES + " bytes") : null;
        }
        String request = new String(buffer, 0, headerEnd, StandardCharsets.ISO_8859_1);
        String[] lines = request.split("\r\n");
        String key = null;
        boolean upgrade = false;
        boolean sip = false;
        boolean version13 = false;
        String origin = null;
        if (!lines[0].startsWith("GET ")) {
            return new Failure(0, "not a WebSocket upgrade request");
        }
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = lines[i].substring(colon + 1).trim();
            switch (name) {
                case "upgrade" -> upgrade = value.equalsIgnoreCase("websocket");
                case "sec-websocket-key" -> key = value;
                case "sec-websocket-version" -> version13 = value.equals("13");
                case "origin" -> origin = value;
                case "sec-websocket-protocol" -> {
                    for (String p : value.split(",")) {
                        sip |= p.trim().equalsIgnoreCase("sip");
                    }
                }
                default -> { }
            }
        }
        if (!upgrade || key == null || !version13 || !sip) {
            return new Failure(0, "handshake without Upgrade: websocket, Sec-WebSocket-Key, version 13 and protocol sip",
                    ("HTTP/1.1 400 Bad Request\r\nSec-WebSocket-Version: 13\r\nContent-Length: 0\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        if (!origins.admits(origin)) {
            // RFC 6455 §4.2.2 step 4 and §10.2: an origin the server does not serve gets 403
            return new Failure(0, "origin not allowed: " + origin,
                    "HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
        }
        sink.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + accept(key) + "\r\nSec-WebSocket-Protocol: sip\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        open = true;
        consume(headerEnd + HEADER_END.length);
        return null;
    }

    private Failure frames(Sink sink) {
        while (end >= 2) {
            int b0 = buffer[0] & 0xff;
            int b1 = buffer[1] & 0xff;
            boolean fin = (b0 & 0x80) != 0;
            int opcode = b0 & 0x0f;
            if ((b0 & 0x70) != 0) {
                return new Failure(1002, "reserved bits set, no extension agreed");
            }
            if ((b1 & 0x80) == 0) {
                return new Failure(1002, "unmasked frame from the client"); // RFC 6455 §5.1
            }
            long length = b1 & 0x7f;
            int header = 2;
            if (length == 126) {
                if (end < 4) {
                    return null;
                }
                length = (buffer[2] & 0xff) << 8 | buffer[3] & 0xff;
                header = 4;
            } else if (length == 127) {
                if (end < 10) {
                    return null;
                }
                length = 0;
                for (int i = 2; i < 10; i++) {
                    length = length << 8 | buffer[i] & 0xff;
                }
                header = 10;
                if (length < 0) {
                    return new Failure(1002, "frame length with the high bit set");
                }
            }
            boolean control = opcode >= 0x8;
            if (control && (!fin || length > 125)) {
                return new Failure(1002, "fragmented or long control frame"); // RFC 6455 §5.5
            }
            if (length + (assembling == null ? 0 : assembled) > limits.maxMessageBytes()) {
                return new Failure(1009, "message larger than " + limits.maxMessageBytes() + " bytes");
            }
            int total = header + 4 + (int) length;
            if (end < total) {
                return null;
            }
            byte[] payload = unmask(header, (int) length);
            consume(total);
            Failure failure = frame(opcode, fin, payload, sink);
            if (failure != null) {
                return failure;
            }
        }
        return null;
    }

    private Failure frame(int opcode, boolean fin, byte[] payload, Sink sink) {
        switch (opcode) {
            case 0x1, 0x2 -> { // text, binary: both carry SIP (RFC 7118 §5.1)
                if (assembling != null) {
                    return new Failure(1002, "new message before the last one ended");
                }
                if (fin) {
                    sink.message(payload);
                } else {
                    assembling = Arrays.copyOf(payload, Math.max(payload.length, 1024));
                    assembled = payload.length;
                }
            }
            case 0x0 -> {
                if (assembling == null) {
                    return new Failure(1002, "continuation frame with nothing to continue");
                }
                if (assembled + payload.length > assembling.length) {
                    assembling = Arrays.copyOf(assembling, Math.max(assembled + payload.length, assembling.length * 2));
                }
                System.arraycopy(payload, 0, assembling, assembled, payload.length);
                assembled += payload.length;
                if (fin) {
                    byte[] whole = Arrays.copyOf(assembling, assembled);
                    assembling = null;
                    assembled = 0;
                    sink.message(whole);
                }
            }
            case 0x8 -> { // RFC 6455 §5.5.1: echo the close, then the connection ends
                sink.write(frame(0x8, payload.length >= 2 ? Arrays.copyOf(payload, 2) : new byte[0]));
                return new Failure(-1, "closed by the peer");
            }
            case 0x9 -> sink.write(frame(0xA, payload)); // ping: pong with the same data
            case 0xA -> { }
            default -> {
                return new Failure(1002, "unknown opcode " + opcode);
            }
        }
        return null;
    }

    /** A server frame (unmasked, RFC 6455 §5.1) of one piece. */
    static byte[] frame(int opcode, byte[] payload) {
        int n = payload.length;
        int header = n < 126 ? 2 : n <= 0xffff ? 4 : 10;
        byte[] out = new byte[header + n];
        out[0] = (byte) (0x80 | opcode);
        if (n < 126) {
            out[1] = (byte) n;
        } else if (n <= 0xffff) {
            out[1] = 126;
            out[2] = (byte) (n >>> 8);
            out[3] = (byte) n;
        } else {
            out[1] = 127;
            for (int i = 0; i < 8; i++) {
                out[2 + i] = (byte) ((long) n >>> (56 - 8 * i));
            }
        }
        System.arraycopy(payload, 0, out, header, n);
        return out;
    }

    /** A close frame with {@code code} (RFC 6455 §7.4). */
    static byte[] closeFrame(int code) {
        return frame(0x8, new byte[] {(byte) (code >>> 8), (byte) code});
    }

    private byte[] unmask(int header, int length) {
        byte[] payload = new byte[length];
        int maskAt = header;
        int dataAt = header + 4;
        for (int i = 0; i < length; i++) {
            payload[i] = (byte) (buffer[dataAt + i] ^ buffer[maskAt + (i & 3)]);
        }
        return payload;
    }

    private static String accept(String key) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every JDK", e);
        }
    }

    private void append(byte[] bytes) {
        if (end + bytes.length > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(end + bytes.length, buffer.length * 2));
        }
        System.arraycopy(bytes, 0, buffer, end, bytes.length);
        end += bytes.length;
    }

    private void consume(int n) {
        System.arraycopy(buffer, n, buffer, 0, end - n);
        end -= n;
        if (end == 0 && buffer.length > 65536) {
            buffer = new byte[4096]; // give back what one large message took
        }
    }

    private static int indexOf(byte[] haystack, int limit, byte[] needle) {
        outer:
        for (int i = 0; i <= limit - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
