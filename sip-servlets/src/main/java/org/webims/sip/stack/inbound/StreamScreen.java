package org.webims.sip.stack.inbound;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The screening of one accepted SIP stream connection, TCP or TLS alike (RFC 3261 §18.3): the
 * bytes in the clear are framed by {@link StreamFramer} instead of JAIN-SIP's pipeline parser
 * (which ignores the compact {@code l:} form and takes a negative Content-Length as an array
 * size). A stream that cannot be framed is answered where possible and closed; one that stops
 * half-way is closed after the incomplete-message limit. Before it closes, what is read no more
 * and the messages already framed are still answered.
 */
final class StreamScreen extends ChannelOrigin
        implements StreamFramer.Sink, IncompleteMessageWatch.Stream {
    private static final Logger LOG = LoggerFactory.getLogger(StreamScreen.class);

    /** The connection screened: a JAIN-SIP TCP or TLS channel. */
    interface Connection extends ScreenedChannel {
        /** Queues {@code bytes} after what is already queued (encrypted first on TLS). */
        void send(byte[] bytes) throws IOException;

        /** Answers an RFC 5626 §4.4.1 keep-alive ping with a single CRLF. */
        void pong() throws Exception;

        void close();
    }

    private final Connection connection;
    private final StreamFramer framer;
    private final IncompleteMessageWatch watch;
    private final Object reading = new Object();
    /** Messages handed to the stack and not yet dealt with; the close waits for them. */
    private final AtomicInteger inFlight = new AtomicInteger();
    private boolean draining;

    StreamScreen(Connection connection, InboundLimits limits) {
        super(connection, limits);
        this.connection = connection;
        this.framer = new StreamFramer(limits);
        this.watch = new IncompleteMessageWatch(connection.getSIPStack(), this, reading, limits);
    }

    /** What the peer sent, in the clear. */
    void add(byte[] bytes) {
        synchronized (reading) {
            if (draining) {
                return; // the stream is lost: nothing more is read
            }
            Defect lost = framer.add(bytes, this);
            if (lost != null) {
                end(framer.lostAnswer(), lost.reason());
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
        if (draining || !connection.isOpen()) {
            return; // already ending, or the peer went away
        }
        end(framer.giveUp(), "message incomplete after " + limits().incompleteMessageMillis() + " ms");
    }

    /**
     * The stream can no longer be framed: reads stop, the answer (if any) is queued after those
     * already sent, and the connection closes once the messages framed before are dealt with
     * (bounded by the incomplete-message limit).
     */
    private void end(byte[] answer, String why) {
        LOG.atDebug().addKeyValue("transport", connection.getTransport()).addKeyValue("peer", connection.peer())
                .addKeyValue("why", why).addKeyValue("answered", answer != null).log("closing stream connection");
        draining = true;
        if (answer != null) {
            answer(answer);
        }
        LingeringClose.schedule(connection.getSIPStack(), () -> inFlight.get() > 0, limits().incompleteMessageMillis(),
                connection::close);
    }

    @Override
    public void message(byte[] bytes, String callId) {
        inFlight.incrementAndGet();
        MessageDispatch.submit(this, bytes, callId);
    }

    @Override
    public void done() {
        inFlight.decrementAndGet();
    }

    @Override
    public void answer(byte[] answer, Defect defect) {
        LOG.atDebug().addKeyValue("transport", connection.getTransport()).addKeyValue("peer", connection.peer())
                .addKeyValue("status", defect.status()).addKeyValue("reason", defect.reason())
                .addKeyValue("answered", answer != null).log("stream message refused before parsing");
        if (answer != null) {
            answer(answer);
        }
    }

    @Override
    public void answer(byte[] bytes) {
        try {
            connection.send(bytes);
        } catch (IOException e) {
            LOG.atDebug().addKeyValue("transport", connection.getTransport()).setCause(e).log("could not answer");
        }
    }

    @Override
    public void keepAlive() {
        try {
            connection.pong(); // RFC 5626 §4.4.1
        } catch (Exception e) {
            LOG.atDebug().setCause(e).log("could not answer a keep-alive");
        }
    }
}
