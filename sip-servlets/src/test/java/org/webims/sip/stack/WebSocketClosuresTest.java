package org.webims.sip.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.webims.sip.container.SipContainer;

/**
 * The container shares its WebSocket close listeners with applications (decision 0091): a client's
 * SIP WebSocket connection (RFC 7118), upgraded and then closed by the client, is reported once with
 * the client's address and port; a connection the listener never upgraded is one too, since the
 * stack held a channel for it.
 */
class WebSocketClosuresTest {

    @Test
    @SuppressWarnings("unchecked")
    void aClientClosingItsSipWebSocketIsReportedOnceWithItsAddressAndPort() throws Exception {
        int port = UnusedPorts.shared().next();
        SipContainer container = new SipContainer(new SipStackSettings("ws-closures-test",
                List.of(new ListenAddress(SipTransport.WS, "127.0.0.1", port)), 65536));
        try {
            container.start();
            Object shared = container.sharedAttribute(WebSocketClosures.ATTRIBUTE);
            assertNotNull(shared, "shared with every application under " + WebSocketClosures.ATTRIBUTE);
            BlockingQueue<InetSocketAddress> closed = new LinkedBlockingQueue<>();
            Consumer<InetSocketAddress> listener = closed::add;
            ((Collection<Consumer<InetSocketAddress>>) shared).add(listener);

            InetSocketAddress client;
            try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), port)) {
                client = (InetSocketAddress) socket.getLocalSocketAddress();
                socket.getOutputStream().write(("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                        + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                        + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: sip\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                String answer = readHead(socket.getInputStream());
                assertTrue(answer.startsWith("HTTP/1.1 101"), answer);
                assertNull(closed.poll(300, TimeUnit.MILLISECONDS), "nothing while the connection is open");
            } // the client closes: a FIN, as a closed tab's browser sends
            assertEquals(client, closed.poll(10, TimeUnit.SECONDS), "the client's address and port");
            assertNull(closed.poll(500, TimeUnit.MILLISECONDS), "once");
        } finally {
            container.close();
        }
    }

    private static String readHead(InputStream in) throws Exception {
        StringBuilder b = new StringBuilder();
        while (!b.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            b.append((char) c);
        }
        return b.toString();
    }
}
