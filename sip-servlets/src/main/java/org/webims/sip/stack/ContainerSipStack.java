package org.webims.sip.stack;

import gov.nist.javax.sip.ReleaseReferencesStrategy;
import gov.nist.javax.sip.SIPConstants;
import gov.nist.javax.sip.ThreadAffinityExecutor;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPClientTransaction;
import gov.nist.javax.sip.stack.SIPServerTransaction;
import gov.nist.javax.sip.stack.SIPTransaction;
import gov.nist.javax.sip.stack.ServerResponseInterface;
import java.util.Properties;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sip.PeerUnavailableException;
import javax.sip.TransactionState;
import javax.sip.message.Request;
import org.webims.sip.stack.outbound.Identifiers;
import org.webims.sip.stack.outbound.OnceEncodedServerTransaction;

/**
 * JAIN-SIP's stack as the container runs it. First, a response whose branch carries the
 * RFC 3261 magic cookie and matches no client transaction goes straight to the listener (a
 * retransmitted 2xx after its transaction ended, or a stray). JAIN-SIP would first compare it
 * with every client transaction in the stack, RFC 2543 style: tens of thousands under load, for
 * each late 2xx, on the one thread that reads UDP. So does a 2xx from another fork that comes while
 * the INVITE's transaction still lingers after the first 2xx, which JAIN-SIP would drop.
 *
 * <p>Second, the pool that parses stream and WebSocket messages (per Call-ID) is this stack's own.
 * JAIN-SIP keeps one pool per JVM, shut down by whichever stack stops first: a test IMS core or a
 * second container in the same process would stop ours, and a message arriving in between is refused.
 *
 * <p>Third, server transactions keep the bytes a UDP response was sent as for its retransmissions
 * ({@link OnceEncodedServerTransaction}) instead of encoding every response twice.
 */
public final class ContainerSipStack extends PromptStopSipStack {
    private final ScheduledExecutorService streamDispatch;
    private final WebSocketClosures webSocketClosures = new WebSocketClosures();

    public ContainerSipStack(Properties properties) throws PeerUnavailableException {
        super(properties);
        streamDispatch = new ThreadAffinityExecutor(Math.max(1, threadPoolSize));
        Identifiers.useInJainSip(); // the stack's own branches and Call-IDs without an MD5 digest each
    }

    @Override
    public ScheduledExecutorService getSelfRoutingThreadpoolExecutor() {
        return streamDispatch;
    }

    /**
     * Stream and WebSocket messages already read are parsed and delivered before stop goes on.
     * The container runs one parsing thread (THREAD_POOL_SIZE 1), the one executor whose end
     * ThreadAffinityExecutor's awaitTermination waits for.
     */
    @Override
    protected void awaitInboundWork() {
        streamDispatch.shutdown();
        try {
            streamDispatch.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** JAIN-SIP's bound kept: above the table's low-water mark, a growing share of requests get none. */
    @Override
    public SIPServerTransaction createServerTransaction(MessageChannel channel) {
        if (!unlimitedServerTransactionTableSize) {
            float threshold = (float) (serverTransactionTable.size() - serverTransactionTableLowaterMark)
                    / (float) (serverTransactionTableHighwaterMark - serverTransactionTableLowaterMark);
            if (Math.random() > 1.0 - threshold) {
                return null;
            }
        }
        return new OnceEncodedServerTransaction(this, channel);
    }

    /**
     * A finished non-INVITE client transaction lingers for Timer K (RFC 3261 §17.1.2.2) and JAIN-SIP's
     * linger, matching responses by branch alone: it lets go of its request, response and dialog then
     * (decision 0034). INVITE keeps them: a 2xx from another fork may still come and make a dialog.
     */
    @Override
    public SIPClientTransaction createClientTransaction(SIPRequest request, MessageChannel channel) {
        SIPClientTransaction transaction = super.createClientTransaction(request, channel);
        if (!Request.INVITE.equals(request.getMethod())) {
            transaction.setReleaseReferencesStrategy(ReleaseReferencesStrategy.Aggressive);
        }
        return transaction;
    }

    @Override
    public ServerResponseInterface newSIPServerResponse(SIPResponse response, MessageChannel channel) {
        // RFC 3261 §17.1.3: with the magic cookie, the branch (and CSeq method) alone match a
        // response to its client transaction; the transaction id is built from exactly those.
        String key = response.getTransactionId();
        if (sipMessageValves.isEmpty() && key.startsWith(SIPConstants.BRANCH_MAGIC_COOKIE_LOWER_CASE)) {
            SIPTransaction transaction = findTransaction(key, false);
            if (transaction == null || answersFromAnotherFork(transaction, response)) {
                return sipMessageFactory.newSIPServerResponse(response, channel);
            }
        }
        return super.newSIPServerResponse(response, channel);
    }

    /**
     * A 2xx to an INVITE whose transaction already ended on another fork's 2xx, with a To tag of a
     * dialog the transaction has not seen. RFC 3261 §17.1.1.2 ends the INVITE client transaction at
     * its first 2xx and hands every further 2xx to the core (§13.2.2.4), each fork's its own dialog.
     * JAIN-SIP's lingering transaction takes a 2xx for a retransmission by its status code alone and
     * drops it, so the caller would see that fork only at its 2xx retransmission, half a second on;
     * without the transaction it goes the way a later fork's does: a dialog of its own, to the listener.
     */
    private static boolean answersFromAnotherFork(SIPTransaction transaction, SIPResponse response) {
        return transaction instanceof SIPClientTransaction invite && invite.isInviteTransaction()
                && response.getStatusCode() / 100 == 2 && invite.getState() == TransactionState.TERMINATED
                && response.getToTag() != null && invite.getDialog(response.getDialogId(false)) == null;
    }

    /** Who hears of a client's SIP WebSocket connection closing (decision 0091). */
    public WebSocketClosures webSocketClosures() {
        return webSocketClosures;
    }
}
