package org.webims.sip.stack.inbound;

import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import java.io.IOException;
import java.text.ParseException;
import java.util.Arrays;
import javax.sip.InvalidArgumentException;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.ContactHeader;
import javax.sip.header.RecordRouteHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The screening of one accepted SIP WebSocket connection (RFC 7118), WS or WSS alike: the bytes
 * in the clear are read by {@link WebSocketFramer} (handshake with the Origin check of RFC 6455
 * §10.2, limits, pings, fragments, close codes) instead of JAIN-SIP's codec, which has no size
 * limit, takes pings for SIP and loses a byte when two frames share a read. Each WebSocket
 * message is one SIP message, screened as a datagram is: the connection stays open after a bad
 * SIP message, and closes only on a WebSocket error.
 */
final class WebSocketScreen extends ChannelOrigin
        implements WebSocketFramer.Sink, IncompleteMessageWatch.Stream {
    private static final Logger LOG = LoggerFactory.getLogger(WebSocketScreen.class);

    /** The connection screened: a JAIN-SIP WS or WSS channel. */
    interface Connection extends ScreenedChannel {
        /** Queues {@code bytes} as they are, outside any WebSocket frame (encrypted first on WSS). */
        void sendUnframed(byte[] bytes) throws IOException;

        /** Queues {@code bytes} as one WebSocket message. */
        void sendMessage(byte[] bytes) throws IOException;

        /** Writes {@code last} (an HTTP answer or a close frame, unframed) ahead of nothing else, then closes. */
        void closeAfter(byte[]... last);
    }

    private final Connection connection;
    private final WebSocketFramer framer;
    private final HeaderBlockScanner scanner;
    private final IncompleteMessageWatch watch;
    private final Object reading = new Object();
    /** The connection is closing (on WSS after a short linger): nothing more is read. */
    private boolean ended;

    WebSocketScreen(Connection connection, InboundLimits limits, WebSocketOrigins origins) {
        super(connection, limits);
        this.connection = connection;
        this.framer = new WebSocketFramer(limits, origins);
        this.scanner = new HeaderBlockScanner(limits);
        this.watch = new IncompleteMessageWatch(connection.getSIPStack(), this, reading, limits);
    }

    /** What the peer sent, in the clear. */
    void add(byte[] bytes) {
        synchronized (reading) {
            if (ended) {
                return;
            }
            WebSocketFramer.Failure failure = framer.add(bytes, this);
            if (failure != null) {
                end(failure.closeCode(), failure.reason(), failure.httpAnswer());
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
        if (ended || !connection.isOpen()) {
            return; // already ending, or the peer went away
        }
        end(1008, "frame incomplete after " + limits().incompleteMessageMillis() + " ms", null);
    }

    private void end(int closeCode, String why, byte[] httpAnswer) {
        ended = true;
        LOG.atDebug().addKeyValue("transport", connection.getTransport()).addKeyValue("peer", connection.peer())
                .addKeyValue("why", why).addKeyValue("closeCode", closeCode).log("closing websocket connection");
        if (httpAnswer != null) {
            connection.closeAfter(httpAnswer);
        } else if (closeCode > 0) {
            connection.closeAfter(WebSocketFramer.closeFrame(closeCode));
        } else {
            connection.closeAfter();
        }
    }

    @Override
    public void write(byte[] bytes) {
        try {
            connection.sendUnframed(bytes);
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
                LOG.atDebug().addKeyValue("transport", connection.getTransport()).addKeyValue("peer", connection.peer())
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
            connection.sendMessage(bytes);
        } catch (IOException e) {
            LOG.atDebug().setCause(e).log("could not answer on the websocket");
        }
    }

    /**
     * RFC 7118 §5.2: a client that cannot know its address writes a .invalid host in Via and
     * Contact; these are pointed at the connection, as JAIN-SIP's own patching does (it is turned
     * off in the stack properties because it casts every Contact URI to a SIP URI).
     */
    static void pointInvalidHostsAt(SIPMessage message, String peerAddress, int peerPort)
            throws ParseException, InvalidArgumentException {
        ContactHeader contact = (ContactHeader) message.getHeader(ContactHeader.NAME);
        if (message instanceof SIPRequest) {
            RecordRouteHeader recordRoute = (RecordRouteHeader) message.getHeader(RecordRouteHeader.NAME);
            if (recordRoute != null) {
                pointAt(recordRoute.getAddress().getURI(), peerAddress, peerPort);
            } else if (contact != null) {
                pointAt(contact.getAddress().getURI(), peerAddress, peerPort);
            }
            Via via = message.getTopmostVia();
            if (via != null && via.getHost() != null && via.getHost().endsWith(".invalid")) {
                via.setHost(peerAddress);
                via.setPort(peerPort);
            }
        } else if (contact != null) {
            pointAt(contact.getAddress().getURI(), peerAddress, peerPort);
        }
    }

    private static void pointAt(URI uri, String peerAddress, int peerPort) {
        if (uri instanceof SipURI sip && sip.getHost() != null && sip.getHost().endsWith(".invalid")) {
            try {
                sip.setHost(peerAddress);
                sip.setPort(peerPort);
            } catch (ParseException e) {
                LOG.atDebug().setCause(e).log("could not point a .invalid URI at the connection");
            }
        }
    }
}
