package org.webims.testims.agent;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.sip.ClientTransaction;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.webims.sip.stack.PromptStopSipStack;
import org.webims.sip.stack.TlsClientAuth;
import org.webims.sip.stack.TlsSettings;
import org.webims.sip.stack.TlsStackProperties;
import org.webims.testims.sip.TestStackProperties;

/**
 * A real JAIN-SIP user agent for tests: its own stack, one listening point on loopback, and
 * requests sent in client transactions whose final response a test can wait for.
 */
public final class SipTestAgent implements AutoCloseable {
    private final SipStack stack;
    private final SipProvider provider;
    private final ListeningPoint listeningPoint;
    private final String transport;
    private final SipMessageFactories factories;
    private final ConcurrentHashMap<ClientTransaction, CompletableFuture<Response>> pending = new ConcurrentHashMap<>();

    /** Starts an agent on 127.0.0.1:{@code localPort} for {@code transport} (UDP or TCP). */
    public SipTestAgent(String transport, int localPort) throws Exception {
        this(transport, localPort, null);
    }

    /**
     * Starts a TLS agent on 127.0.0.1:{@code localPort} that trusts the certificates in
     * {@code trustStore} (PKCS12) and sends requests to sips: URIs (RFC 3261 §26.2).
     */
    public static SipTestAgent tls(int localPort, Path trustStore, String password) throws Exception {
        // The blocking TLS processor opens its sockets only through a key store (SslNetworkLayer);
        // the trust store serves as one, holding no key, so the agent offers no client certificate.
        return new SipTestAgent("TLS", localPort, new TlsSettings(trustStore, password, trustStore, password,
                TlsClientAuth.NONE, List.of("TLSv1.3", "TLSv1.2")));
    }

    private SipTestAgent(String transport, int localPort, TlsSettings tls) throws Exception {
        this.transport = transport;
        this.factories = new SipMessageFactories();
        // WebSocket tests use WebSocketSipClient: JAIN-SIP's WS transport only accepts connections.
        Properties p = TestStackProperties.blocking("test-agent", false);
        if (tls != null) {
            TlsStackProperties.addTo(p, tls);
        }
        stack = new PromptStopSipStack(p);
        listeningPoint = stack.createListeningPoint("127.0.0.1", localPort, transport);
        provider = stack.createSipProvider(listeningPoint);
        provider.addSipListener(new Listener());
        stack.start();
    }

    /** Builds an out-of-dialog request to {@code host:port} over this agent's transport. */
    public Request newRequest(String method, String host, int port) throws Exception {
        return factories.newRequest(method, host, port, transport, "127.0.0.1", listeningPoint.getPort());
    }

    /** Sends {@code request} in a new client transaction and waits for its final response. */
    public Response send(Request request, Duration timeout) throws Exception {
        CompletableFuture<Response> result = new CompletableFuture<>();
        ClientTransaction transaction = provider.getNewClientTransaction(request);
        pending.put(transaction, result);
        try {
            transaction.sendRequest();
            return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            pending.remove(transaction);
        }
    }

    public SipMessageFactories factories() {
        return factories;
    }

    @Override
    public void close() {
        // stop closes the listening points; deleting the provider first would stop the stack twice
        stack.stop();
    }

    private final class Listener implements SipListener {
        @Override public void processRequest(RequestEvent event) { }

        @Override
        public void processResponse(ResponseEvent event) {
            if (event.getResponse().getStatusCode() >= 200 && event.getClientTransaction() != null) {
                CompletableFuture<Response> f = pending.get(event.getClientTransaction());
                if (f != null) {
                    f.complete(event.getResponse());
                }
            }
        }

        @Override
        public void processTimeout(TimeoutEvent event) {
            CompletableFuture<Response> f = pending.get(event.getClientTransaction());
            if (f != null) {
                f.completeExceptionally(new IllegalStateException("transaction timed out"));
            }
        }

        @Override
        public void processIOException(IOExceptionEvent event) {
            pending.values().forEach(f -> f.completeExceptionally(new IllegalStateException(
                    "I/O error towards " + event.getHost() + ":" + event.getPort() + "/" + event.getTransport())));
        }

        @Override public void processTransactionTerminated(TransactionTerminatedEvent event) { }
        @Override public void processDialogTerminated(DialogTerminatedEvent event) { }
    }
}
