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
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.TransactionUnavailableException;
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.sip.container.inbound.Rejection;
import org.webims.sip.container.inbound.RequestValidator;
import org.webims.sip.container.inbound.StatelessResponder;
import org.webims.sip.container.inbound.UnroutedRequestResponder;

/**
 * Receives the stack's events. Each request is first judged by the {@link RequestValidator}; with
 * no application deployed yet the {@link UnroutedRequestResponder} answers what passes.
 */
final class StackEventListener implements SipListener {
    private static final Logger LOG = LoggerFactory.getLogger(StackEventListener.class);

    private final SipProvider provider;
    private final MessageFactory messages;
    private final HeaderFactory headers;
    private final RequestValidator validator;
    private final UnroutedRequestResponder unrouted;

    StackEventListener(SipProvider provider, MessageFactory messages, HeaderFactory headers,
                       ContainerCapabilities capabilities) {
        this.provider = provider;
        this.messages = messages;
        this.headers = headers;
        this.validator = new RequestValidator(capabilities);
        this.unrouted = new UnroutedRequestResponder(messages, headers, capabilities);
    }

    @Override
    public void processRequest(RequestEvent event) {
        Request request = event.getRequest();
        String method = request.getMethod();
        if (Request.ACK.equals(method)) {
            return; // RFC 3261 §17.2.1: an ACK gets no response
        }
        try {
            Optional<Rejection> rejection = validator.validate(request, RequestValidator.arrivalTransport(request));
            Response response = rejection.isPresent()
                    ? rejection.get().toResponse(request, messages, headers)
                    : unrouted.answer(request);
            if (response != null) {
                respond(event, response);
            }
        } catch (ParseException | SipException | InvalidArgumentException e) {
            LOG.atDebug().addKeyValue("method", method).setCause(e).log("could not answer request");
        }
    }

    private void respond(RequestEvent event, Response response)
            throws SipException, InvalidArgumentException {
        ServerTransaction transaction = event.getServerTransaction();
        if (transaction == null) {
            try {
                transaction = provider.getNewServerTransaction(event.getRequest());
            } catch (TransactionAlreadyExistsException e) {
                return; // a retransmission: the existing transaction answers it
            } catch (TransactionUnavailableException e) {
                // JAIN-SIP makes no transaction without what RFC 3261 §8.1.1 asks (Max-Forwards, an
                // INVITE's Contact), which RFC 2543 clients do not send (RFC 4475 §3.4.1): answer statelessly
                StatelessResponder.send(provider, event.getRequest(), response);
                return;
            }
        }
        transaction.sendResponse(response);
    }

    @Override public void processResponse(ResponseEvent event) { }
    @Override public void processTimeout(TimeoutEvent event) { }

    @Override
    public void processIOException(IOExceptionEvent event) {
        LOG.atDebug().addKeyValue("peer", event.getHost() + ":" + event.getPort())
                .addKeyValue("transport", event.getTransport()).log("transport error");
    }

    @Override public void processTransactionTerminated(TransactionTerminatedEvent event) { }
    @Override public void processDialogTerminated(DialogTerminatedEvent event) { }
}
