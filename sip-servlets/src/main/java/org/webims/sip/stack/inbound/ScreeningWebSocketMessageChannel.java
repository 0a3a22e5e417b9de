package org.webims.sip.stack.inbound;

import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.stack.NioTcpMessageProcessor;
import gov.nist.javax.sip.stack.NioWebSocketMessageChannel;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.text.ParseException;
import java.util.Arrays;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.ContactHeader;
import javax.sip.header.RecordRouteHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An accepted SIP-over-WebSocket connection (RFC 7118) read by {@link WebSocketFramer} instead of
 * JAIN-SIP's codec (which has no size limit, takes pings for SIP and loses a byte when two
 * frames share a read). Each WebSocket message is one SIP message, screened as a datagram is:
 * the connection stays open after a bad SIP message, and closes only on a WebSocket error.
 */
final class ScreeningWebSocketMessageChannel extends NioWebSocketMessageChannel
        implements WebSocketFramer.Sink, MessageDispatch.Origin, IncompleteMessageWatch.Stream {
    private static final Logger LOG = LoggerFactory.getLogger(ScreeningWebSocketMessageChannel.class);

    private final InboundLimits limits;
    private final WebSocketFramer framer;
    private final HeaderBlockScanner scanner;
    private final IncompleteMessageWatch watch;
    private final Object reading = new Object();

    ScreeningWebSocketMessageChannel(SIPTransactionStack stack, NioTcpMessageProcessor processor,
                                     SocketChannel socket, InboundLimits limits, WebSocketOrigins origins) throws IOException {
        super(stack, processor, socket);
        this.limits = limits;
        this.framer = new WebSocketFramer(limits, origins);
        this.scanner = new HeaderBlockScanner(limits);
        this.watch = new IncompleteMessageWatch(stack, this, reading, limits);
    }

    @Override
    protected void addBytes(byte[] bytes) {
        synchronized (reading) {
            WebSocketFramer.Failure failure = framer.add(bytes, this);
            if (failure != null) {
                if (failure.httpAnswer() != null) {
                    writeNow(socketChannel, failure.httpAnswer()); // written before the close, not queued behind it
                }
                end(failure.closeCode(), failure.reason());
                return;
            }
            watch.check();
        }
    }

    @Override
    public long partialSinceNanos() {
        return framer.holdsPartial() ? framer.partialSinceNanos() : 0;
    }

    @Override
    public void giveUp() {
        if (!socketChannel.isOpen()) {
            return; // the peer went away
        }
        end(1008, "frame incomplete after " + limits.incompleteMessageMillis() + " ms");
    }

    private void end(int closeCode, String why) {
        LOG.atDebug().addKeyValue("peer", getPeerAddress() + ":" + getPeerPort()).addKeyValue("why", why)
                .addKeyValue("closeCode", closeCode).log("closing websocket connection");
        if (closeCode > 0) {
            writeNow(socketChannel, WebSocketFramer.closeFrame(closeCode));
        }
        close();
    }

    /** A short write on a non-blocking socket, bounded: the connection closes next in any case. */
    private static void writeNow(SocketChannel socket, byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        try {
            for (int attempt = 0; buffer.hasRemaining() && attempt < 16; attempt++) {
                if (socket.write(buffer) == 0) {
                    Thread.onSpinWait();
                }
            }
        } catch (IOException e) {
            LOG.atDebug().setCause(e).log("could not write the last answer");
        }
    }

    @Override
    public void write(byte[] bytes) {
        try {
            sendNonWebSocketMessage(bytes, false);
        } catch (IOException e) {
            LOG.atDebug().setCause(e).log("could not write to the websocket");
        }
    }

    /** One WebSocket message: one SIP message, framed as a datagram is (RFC 7118 §5.1, RFC 3261 §18.3). */
    @Override
    public void message(byte[] payload) {
        switch (scanner.scan(payload, 0, payload.length, HeaderBlockScanner.Mode.DATAGRAM)) {
            case EMPTY, INCOMPLETE -> { }
            case COMPLETE -> {
                int from = scanner.messageStart();
                int to = scanner.messageEnd();
                byte[] message = from == 0 && to == payload.length ? payload : Arrays.copyOfRange(payload, from, to);
                MessageDispatch.submit(this, message, scanner.callId());
            }
            default -> {
                Defect defect = scanner.defect();
                byte[] answer = RawErrorResponse.to(scanner, payload, defect);
                LOG.atDebug().addKeyValue("peer", getPeerAddress() + ":" + getPeerPort())
                        .addKeyValue("status", defect.status()).addKeyValue("reason", defect.reason())
                        .addKeyValue("answered", answer != null).log("websocket message refused before parsing");
                if (answer != null) {
                    answer(answer);
                }
            }
        }
    }

    @Override
    public void answer(byte[] bytes) {
        try {
            sendMessage(bytes, false); // framed as a WebSocket message by the parent
        } catch (IOException e) {
            LOG.atDebug().setCause(e).log("could not answer on the websocket");
        }
    }

    @Override
    public SIPTransactionStack stack() {
        return sipStack;
    }

    @Override
    public InboundLimits limits() {
        return limits;
    }

    @Override
    public void deliver(SIPMessage message) throws Exception {
        processMessage(message);
    }

    /**
     * RFC 7118 §5.2: a client that cannot know its address writes a .invalid host in Via and
     * Contact; these are pointed at the connection, as JAIN-SIP's own patching does (it is turned
     * off in the stack properties because it casts every Contact URI to a SIP URI).
     */
    @Override
    public void processMessage(SIPMessage message) throws Exception {
        ContactHeader contact = (ContactHeader) message.getHeader(ContactHeader.NAME);
        if (message instanceof SIPRequest) {
            RecordRouteHeader recordRoute = (RecordRouteHeader) message.getHeader(RecordRouteHeader.NAME);
            if (recordRoute != null) {
                pointAtConnection(recordRoute.getAddress().getURI());
            } else if (contact != null) {
                pointAtConnection(contact.getAddress().getURI());
            }
            Via via = message.getTopmostVia();
            if (via != null && via.getHost() != null && via.getHost().endsWith(".invalid")) {
                via.setHost(getPeerAddress());
                via.setPort(getPeerPort());
            }
        } else if (contact != null) {
            pointAtConnection(contact.getAddress().getURI());
        }
        super.processMessage(message);
    }

    private void pointAtConnection(URI uri) {
        if (uri instanceof SipURI sip && sip.getHost() != null && sip.getHost().endsWith(".invalid")) {
            try {
                sip.setHost(getPeerAddress());
                sip.setPort(getPeerPort());
            } catch (ParseException e) {
                LOG.atDebug().setCause(e).log("could not point a .invalid URI at the connection");
            }
        }
    }
}
