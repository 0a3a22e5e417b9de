package org.webims.sip.stack;

import gov.nist.javax.sip.EventScanner;
import gov.nist.javax.sip.EventWrapper;
import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.stack.MessageProcessor;
import gov.nist.javax.sip.stack.UDPMessageProcessor;
import gov.nist.javax.sip.stack.timers.SipTimer;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.LinkedList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import javax.sip.IOExceptionEvent;
import javax.sip.PeerUnavailableException;

/**
 * JAIN-SIP's stack, stopped without its fixed second's sleep and without leaving its event thread
 * behind. The container's stack and every JAIN-SIP peer the tests run are this one
 * (docs/decisions/0068).
 *
 * <p>JAIN-SIP 1.3's {@code SIPTransactionStack.stopStack()} stops the message processors, closes the
 * cached sockets, stops the timer, then sleeps one second so that its threads may notice, and only
 * then clears the transaction and dialog tables. This stack does the stopping steps itself first,
 * where each waits for what it stops (our timer joins its thread, our UDP processor its receiving
 * thread), then lets JAIN-SIP's stopStack run with the calling thread's interrupt flag set: its
 * remaining steps before the sleep have nothing left to do, so the only step the flag touches is
 * the sleep, which returns at once. The caller's own interrupt status is kept.
 */
public class PromptStopSipStack extends SipStackImpl {
    /** {@code UDPMessageProcessor.messageChannels}, which JAIN-SIP's processor fills on its own thread. */
    private static final VarHandle UDP_CHANNELS;
    /** Far beyond a receiving thread's first turn; bounded so that a stop cannot hang on it. */
    private static final long MOST_NANOS = TimeUnit.SECONDS.toNanos(5);

    static {
        try {
            UDP_CHANNELS = MethodHandles.privateLookupIn(UDPMessageProcessor.class, MethodHandles.lookup())
                    .findVarHandle(UDPMessageProcessor.class, "messageChannels", LinkedList.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e); // a JAIN-SIP other than the one we build against
        }
    }

    public PromptStopSipStack(Properties properties) throws PeerUnavailableException {
        super(properties);
    }

    @Override
    public void stopStack() {
        // The caller's interrupt status is set aside, so that each wait below runs to its end.
        boolean callerInterrupted = Thread.interrupted();
        try {
            // Done with the interrupt flag clear: a processor's stop closes channels and joins its
            // thread, and a timer's stop joins its thread, all of which an interrupt would cut short.
            for (MessageProcessor processor : getMessageProcessors()) {
                awaitUdpChannels(processor);
                removeMessageProcessor(processor);
            }
            closeAllSockets();
            awaitInboundWork();
            SipTimer timer = getTimer();
            if (timer != null) {
                timer.stop();
            }
            // JAIN-SIP's own steps, now with nothing left to stop before its Thread.sleep(1000),
            // which the flag ends at once; then it clears its tables and closes its message log.
            Thread.currentThread().interrupt();
            super.stopStack();
        } finally {
            Thread.interrupted(); // the flag, if the sleep left it, is ours
            if (callerInterrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * JAIN-SIP's own UDP processor makes its channel list on its receiving thread, not in start():
     * stopped before that thread's first turn, its stop fails on the missing list, and the channel
     * threads the receiver makes afterwards are never closed. So its stop waits for the list, whole.
     */
    private void awaitUdpChannels(MessageProcessor processor) {
        if (processor.getClass() != UDPMessageProcessor.class) {
            return; // ours make their channels before their thread starts
        }
        int channels = threadPoolSize == -1 ? 0 : threadPoolSize; // -1: no pool, no channels
        long deadline = System.nanoTime() + MOST_NANOS;
        while (System.nanoTime() < deadline) {
            List<?> made = (List<?>) UDP_CHANNELS.getVolatile(processor);
            if (made != null && made.size() >= channels) {
                return;
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                return; // the flag is clear here; whoever set it is stopping us harder
            }
        }
    }

    /**
     * Called once the processors are stopped and no new message can come in: a stack whose
     * messages are processed on threads of its own waits here for the ones already handed over.
     */
    protected void awaitInboundWork() {
    }

    @Override
    public void stop() {
        EventScanner scanner = getEventScanner();
        super.stop();
        if (scanner != null) {
            // JAIN-SIP's stop only flags its event thread, which stays blocked waiting for an
            // event (a non-daemon thread leaked per stop): hand it one so it sees the flag and ends
            scanner.addEvent(new EventWrapper(new IOExceptionEvent(this, "", 0, ""), null));
        }
    }
}
