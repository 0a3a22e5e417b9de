package org.webims.sip.container;

import java.text.ParseException;
import java.util.Optional;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.InvalidArgumentException;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.sip.container.dispatch.InboundDispatcher;
import org.webims.sip.container.inbound.Rejection;
import org.webims.sip.container.inbound.RequestValidator;
import org.webims.sip.container.inbound.StatelessResponder;
import org.webims.sip.container.inbound.UnroutedRequestResponder;

/**
 * Receives the stack's events. Each request is first judged by the {@link RequestValidator};
 * what passes goes to the {@link InboundDispatcher}, and what no application takes gets the
 * {@link UnroutedRequestResponder}'s answer.
 */
final class StackEventListener implements SipListener {
    private static final Logger LOG = LoggerFactory.getLogger(StackEventListener.class);

    private final SipProvider provider;
    private final MessageFactory messages;
    private final HeaderFactory headers;
    private final RequestValidator validator;
    private final UnroutedRequestResponder unrouted;
    private final InboundDispatcher dispatcher;

    StackEventListener(SipProvider provider, MessageFactory messages, HeaderFactory headers,
                       ContainerCapabilities capabilities, InboundDispatcher dispatcher) {
        this.provider = provider;
        this.messages = messages;
        this.headers = headers;
        this.validator = new RequestValidator(capabilities);
        this.unrouted = new UnroutedRequestResponder(messages, headers, capabilities);
        this.dispatcher = dispatcher;
    }

    @Override
    public void processRequest(RequestEvent event) {
        Request request = event.getRequest();
        if (!Request.ACK.equals(request.getMethod())) {
            Optional<Rejection> rejection = validator.validate(request, RequestValidator.arrivalTransport(request));
            if (rejection.isPresent()) {
                try {
                    respond(event, rejection.get().toResponse(request, messages, headers));
                } catch (ParseException | SipException | InvalidArgumentException e) {
                    LOG.atDebug().addKeyValue("method", request.getMethod()).setCause(e).log("could not reject request");
                }
                return;
            }
        }
        dispatcher.onRequest(event, this::answerUnrouted, this::answerWithoutTransaction);
    }

    /** The container's own answer to a request no application took (runs on a worker). */
    private void answerUnrouted(ServerTransaction transaction) {
        Request request = transaction.getRequest();
        try {
            Response response = unrouted.answer(request);
            if (response != null) {
                transaction.sendResponse(response);
            }
        } catch (ParseException | SipException | InvalidArgumentException e) {
            LOG.atDebug().addKeyValue("method", request.getMethod()).setCause(e).log("could not answer request");
        }
    }

    /**
     * JAIN-SIP makes no transaction without what RFC 3261 §8.1.1 asks (Max-Forwards, an INVITE's
     * Contact), which RFC 2543 clients do not send (RFC 4475 §3.4.1): answer statelessly.
     */
    private void answerWithoutTransaction(Request request) {
        try {
            Response response = unrouted.answer(request);
            if (response != null) {
                StatelessResponder.send(provider, request, response);
            }
        } catch (ParseException | SipException e) {
            LOG.atDebug().addKeyValue("method", request.getMethod()).setCause(e).log("could not answer statelessly");
        }
    }

    private void respond(RequestEvent event, Response response) throws SipException, InvalidArgumentException {
        ServerTransaction transaction = event.getServerTransaction();
        if (transaction == null) {
            try {
                transaction = provider.getNewServerTransaction(event.getRequest());
            } catch (javax.sip.TransactionAlreadyExistsException e) {
                return; // a retransmission: the existing transaction answers it
            } catch (javax.sip.TransactionUnavailableException e) {
                StatelessResponder.send(provider, event.getRequest(), response);
                return;
            }
        }
        transaction.sendResponse(response);
    }

    @Override public void processResponse(ResponseEvent event) { dispatcher.onResponse(event); }
    @Override public void processTimeout(TimeoutEvent event) { dispatcher.onTimeout(event); }

    @Override
    public void processIOException(IOExceptionEvent event) {
        LOG.atDebug().addKeyValue("peer", event.getHost() + ":" + event.getPort())
                .addKeyValue("transport", event.getTransport()).log("transport error");
    }

    @Override public void processTransactionTerminated(TransactionTerminatedEvent event) { }
    @Override public void processDialogTerminated(DialogTerminatedEvent event) { dispatcher.onDialogTerminated(event); }
}
