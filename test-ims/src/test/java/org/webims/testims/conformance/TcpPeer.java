package org.webims.testims.conformance;

import gov.nist.javax.sip.message.SIPMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One TCP connection. The server's answers are framed here by their Content-Length, which a
 * well-formed response from our server always carries (RFC 3261 §18.3).
 */
final class TcpPeer implements RawSipPeer {
    private static final Pattern CONTENT_LENGTH =
            Pattern.compile("^(?:content-length|l)[ \\t]*:[ \\t]*(\\d+)", Pattern.MULTILINE);

    private final Socket socket;
    private final InputStream in;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private boolean closed;

    TcpPeer(int serverPort) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), serverPort), 5000);
        in = socket.getInputStream();
    }

    @Override
    public String viaSentBy() {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    @Override
    public String transportToken() {
        return "TCP";
    }

    @Override
    public void send(byte[] message) throws IOException {
        socket.getOutputStream().write(message);
        socket.getOutputStream().flush();
    }

    @Override
    public SIPMessage receive(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            byte[] framed = nextFramed();
            if (framed != null) {
                return RawSipPeer.parse(framed);
            }
            long left = deadline - System.nanoTime();
            if (closed || left <= 0) {
                return null;
            }
            socket.setSoTimeout((int) Math.max(1, left / 1_000_000));
            byte[] chunk = new byte[8192];
            int n;
            try {
                n = in.read(chunk);
            } catch (SocketTimeoutException e) {
                continue;
            } catch (IOException e) {
                closed = true; // reset by the server
                continue;
            }
            if (n < 0) {
                closed = true;
            } else {
                pending.write(chunk, 0, n);
            }
        }
    }

    private byte[] nextFramed() {
        byte[] bytes = pending.toByteArray();
        int start = 0;
        while (start + 1 < bytes.length && bytes[start] == '\r' && bytes[start + 1] == '\n') {
            start += 2; // RFC 5626 keep-alive pongs and stray CRLF between messages
        }
        int end = indexOf(bytes, start, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        if (end < 0) {
            return null;
        }
        String head = new String(bytes, start, end - start, StandardCharsets.ISO_8859_1);
        Matcher m = CONTENT_LENGTH.matcher(head.toLowerCase(Locale.ROOT));
        int length = m.find() ? Integer.parseInt(m.group(1)) : 0;
        int total = end + 4 + length;
        if (bytes.length < total) {
            return null;
        }
        pending.reset();
        pending.write(bytes, total, bytes.length - total);
        return Arrays.copyOfRange(bytes, start, total);
    }

    private static int indexOf(byte[] haystack, int from, byte[] needle) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Override
    public boolean closedByServer() {
        return closed;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
