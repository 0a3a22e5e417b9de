package org.webims.sip.stack.inbound;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.stack.NioTcpMessageChannel;
import gov.nist.javax.sip.stack.NioTcpMessageProcessor;
import gov.nist.javax.sip.stack.SIPStackTimerTask;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An accepted SIP-over-TCP connection whose bytes are framed by {@link StreamFramer} instead of
 * JAIN-SIP's pipeline parser (which ignores the compact {@code l:} form and takes a negative
 * Content-Length as an array size). A stream that cannot be framed is answered where possible
 * and closed; one that stops half-way is closed after the incomplete-message limit. Before it
 * closes, what is read no more and the messages already framed are still answered.
 */
final class ScreeningTcpMessageChannel extends NioTcpMessageChannel
        implements StreamFramer.Sink, MessageDispatch.Origin, IncompleteMessageWatch.Stream {
    private static final Logger LOG = LoggerFactory.getLogger(ScreeningTcpMessageChannel.class);

    private final InboundLimits limits;
    private final StreamFramer framer;
    private final IncompleteMessageWatch watch;
    private final Object reading = new Object();
    /** Messages handed to the stack and not yet dealt with; the close waits for them. */
    private final AtomicInteger inFlight = new AtomicInteger();
    private boolean draining;

    ScreeningTcpMessageChannel(NioTcpMessageProcessor processor, SocketChannel socket, InboundLimits limits)
            throws IOException {
        super(processor, socket);
        this.messageProcessor = processor;
        this.limits = limits;
        this.framer = new StreamFramer(limits);
        this.watch = new IncompleteMessageWatch(sipStack, this, reading, limits);
    }

    @Override
    protected void addBytes(byte[] bytes) {
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
        if (draining || !socketChannel.isOpen()) {
            return; // already ending, or the peer went away
        }
        end(framer.giveUp(), "message incomplete after " + limits.incompleteMessageMillis() + " ms");
    }

    /**
     * The stream can no longer be framed: reads stop, the answer (if any) is queued after those
     * already sent, and the connection closes once the messages framed before are dealt with
     * and the queue has had {@link #LINGER_MILLIS} to drain (bounded by the incomplete-message limit).
     */
    private void end(byte[] answer, String why) {
        LOG.atDebug().addKeyValue("peer", getPeerAddress() + ":" + getPeerPort()).addKeyValue("why", why)
                .addKeyValue("answered", answer != null).log("closing tcp connection");
        draining = true;
        if (answer != null) {
            answer(answer);
        }
        sipStack.getTimer().schedule(new Linger(System.nanoTime()
                + TimeUnit.MILLISECONDS.toNanos(limits.incompleteMessageMillis())), LINGER_MILLIS);
    }

    private static final long LINGER_MILLIS = 200;

    private final class Linger extends SIPStackTimerTask {
        private final long deadlineNanos;

        Linger(long deadlineNanos) {
            this.deadlineNanos = deadlineNanos;
        }

        @Override
        public void runTask() {
            if (inFlight.get() > 0 && System.nanoTime() < deadlineNanos) {
                sipStack.getTimer().schedule(new Linger(deadlineNanos), LINGER_MILLIS);
            } else {
                close();
            }
        }

        @Override
        public Object getThreadHash() {
            return null;
        }
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
        LOG.atDebug().addKeyValue("peer", getPeerAddress() + ":" + getPeerPort())
                .addKeyValue("status", defect.status()).addKeyValue("reason", defect.reason())
                .addKeyValue("answered", answer != null).log("tcp message refused before parsing");
        if (answer != null) {
            answer(answer);
        }
    }

    @Override
    public void answer(byte[] bytes) {
        try {
            sendMessage(bytes, false);
        } catch (IOException e) {
            LOG.atDebug().setCause(e).log("could not answer on tcp");
        }
    }

    @Override
    public void keepAlive() {
        try {
            sendSingleCLRF(); // RFC 5626 §4.4.1 pong
        } catch (Exception e) {
            LOG.atDebug().setCause(e).log("could not answer a keep-alive");
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
}
