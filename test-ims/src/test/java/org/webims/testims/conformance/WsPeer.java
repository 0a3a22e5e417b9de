package org.webims.testims.conformance;

import gov.nist.javax.sip.message.SIPMessage;
import java.io.IOException;
import java.time.Duration;
import org.webims.testims.agent.WebSocketSipClient;

/** One SIP-over-WebSocket connection (RFC 7118); each send is one WebSocket message. */
final class WsPeer implements RawSipPeer {
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(5);
    private final WebSocketSipClient client;

    WsPeer(int serverPort) throws Exception {
        client = new WebSocketSipClient("127.0.0.1", serverPort, Duration.ofSeconds(5));
    }

    @Override
    public String viaSentBy() {
        return WebSocketSipClient.INVALID_HOST;
    }

    @Override
    public String transportToken() {
        return "WS";
    }

    @Override
    public void send(byte[] message) throws IOException {
        try {
            client.sendRaw(message, SEND_TIMEOUT);
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("WebSocket send failed", e);
        }
    }

    @Override
    public SIPMessage receive(Duration timeout) throws Exception {
        byte[] bytes = client.receiveRaw(timeout);
        return bytes == null ? null : RawSipPeer.parse(bytes);
    }

    @Override
    public boolean closedByServer() {
        return client.closedByServer();
    }

    @Override
    public void close() {
        client.close();
    }
}
