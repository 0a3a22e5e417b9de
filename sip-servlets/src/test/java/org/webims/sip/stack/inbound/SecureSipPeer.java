package org.webims.sip.stack.inbound;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A raw SIP peer over a real TLS socket, either a SIP-over-TLS stream (RFC 3261 §26) or a secure
 * WebSocket (RFC 7118 §5, frames masked as a browser masks them), writing bytes as given so that
 * hostile messages reach the server unchanged, and reading what comes back.
 */
final class SecureSipPeer implements AutoCloseable {
    private final SSLSocket socket;
    private final InputStream in;
    private final OutputStream out;
    private final boolean webSocket;

    private SecureSipPeer(SSLSocket socket, boolean webSocket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.webSocket = webSocket;
    }

    static SecureSipPeer tls(SSLContext context, int port, Duration timeout) throws IOException {
        return new SecureSipPeer(connect(context, port, timeout), false);
    }

    /** Opens a TLS connection and sends a WebSocket upgrade with {@code origin} (null: none); see {@link #handshakeAnswer()}. */
    static SecureSipPeer wss(SSLContext context, int port, String origin, Duration timeout) throws IOException {
        SecureSipPeer peer = new SecureSipPeer(connect(context, port, timeout), true);
        peer.out.write(("GET / HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: sip\r\n"
                + (origin == null ? "" : "Origin: " + origin + "\r\n") + "\r\n").getBytes(StandardCharsets.US_ASCII));
        return peer;
    }

    /** The peer's side of a connection it accepted (SIP over TLS, RFC 3261 §26). */
    static SecureSipPeer accepted(SSLSocket socket, Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        return new SecureSipPeer(socket, false);
    }

    private static SSLSocket connect(SSLContext context, int port, Duration timeout) throws IOException {
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port);
        socket.setSoTimeout((int) timeout.toMillis());
        socket.startHandshake();
        return socket;
    }

    int localPort() {
        return socket.getLocalPort();
    }

    String transportToken() {
        return webSocket ? "WSS" : "TLS";
    }

    /** The server's answer to the upgrade: its status line and header fields. */
    String handshakeAnswer() throws IOException {
        return new String(readHeaderBlock(), StandardCharsets.ISO_8859_1);
    }

    void send(byte[] message) throws IOException {
        out.write(webSocket ? maskedTextFrame(message) : message);
        out.flush();
    }

    /** Writes bytes on the TLS stream as they are (on WSS: outside any frame). */
    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** The next SIP message's start line, or null when the server closed the connection. */
    String receiveStartLine() throws IOException {
        byte[] message = webSocket ? nextTextMessage() : nextStreamMessage();
        if (message == null) {
            return null;
        }
        String text = new String(message, StandardCharsets.UTF_8);
        return text.substring(0, text.indexOf("\r\n"));
    }

    /** The next SIP message's start line and header fields (its body read and dropped), or null on close. */
    String receiveHead() throws IOException {
        byte[] message = webSocket ? nextTextMessage() : nextStreamMessage();
        return message == null ? null : new String(message, StandardCharsets.UTF_8);
    }

    /** The final answer's start line (provisional answers skipped), or null on close. */
    String receiveFinalStartLine() throws IOException {
        String line;
        do {
            line = receiveStartLine();
        } while (line != null && line.startsWith("SIP/2.0 1"));
        return line;
    }

    /** On WSS the close code of the server's close frame; reads until one comes, -1 if the stream ends first. */
    int awaitCloseCode() throws IOException {
        while (true) {
            int b0 = in.read();
            if (b0 < 0) {
                return -1;
            }
            byte[] payload = framePayload();
            if ((b0 & 0x0f) == 0x8) {
                return payload.length >= 2 ? (payload[0] & 0xff) << 8 | payload[1] & 0xff : 1005;
            }
        }
    }

    /** True once the server ends the connection within the socket's timeout. */
    boolean closedByServer() throws IOException {
        try {
            while (in.read() >= 0) {
                // what is still in flight, then the end of the stream
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    private byte[] nextStreamMessage() throws IOException {
        byte[] head = readHeaderBlock();
        if (head == null) {
            return null;
        }
        String text = new String(head, StandardCharsets.ISO_8859_1);
        int length = 0;
        for (String line : text.split("\r\n")) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:") || lower.startsWith("l:")) {
                length = Integer.parseInt(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        in.readNBytes(length);
        return head;
    }

    private byte[] readHeaderBlock() throws IOException {
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                return block.size() == 0 ? null : block.toByteArray();
            }
            if (block.size() == 0 && (b == '\r' || b == '\n')) {
                continue; // keep-alive CRLF between messages
            }
            block.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : 0;
        }
        return block.toByteArray();
    }

    private byte[] nextTextMessage() throws IOException {
        while (true) {
            int b0 = in.read();
            if (b0 < 0) {
                return null;
            }
            byte[] payload = framePayload();
            int opcode = b0 & 0x0f;
            if (opcode == 0x8) {
                return null;
            }
            if (opcode == 0x1 || opcode == 0x2) {
                return payload;
            }
        }
    }

    /** Reads a server frame's length and payload (RFC 6455 §5.2: server frames are not masked). */
    private byte[] framePayload() throws IOException {
        int b1 = in.read();
        long length = b1 & 0x7f;
        if (length == 126) {
            length = (in.read() & 0xff) << 8 | in.read() & 0xff;
        } else if (length == 127) {
            length = 0;
            for (int i = 0; i < 8; i++) {
                length = length << 8 | in.read() & 0xff;
            }
        }
        return in.readNBytes((int) length);
    }

    private static byte[] maskedTextFrame(byte[] payload) {
        byte[] mask = {0x11, 0x22, 0x33, 0x44};
        int header = payload.length < 126 ? 2 : payload.length < 65536 ? 4 : 10;
        byte[] frame = new byte[header + 4 + payload.length];
        frame[0] = (byte) 0x81; // FIN, text
        if (header == 2) {
            frame[1] = (byte) (0x80 | payload.length);
        } else if (header == 4) {
            frame[1] = (byte) (0x80 | 126);
            frame[2] = (byte) (payload.length >>> 8);
            frame[3] = (byte) payload.length;
        } else {
            frame[1] = (byte) (0x80 | 127);
            for (int i = 0; i < 8; i++) {
                frame[2 + i] = (byte) ((long) payload.length >>> (56 - 8 * i));
            }
        }
        System.arraycopy(mask, 0, frame, header, 4);
        for (int i = 0; i < payload.length; i++) {
            frame[header + 4 + i] = (byte) (payload[i] ^ mask[i % 4]);
        }
        return frame;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
