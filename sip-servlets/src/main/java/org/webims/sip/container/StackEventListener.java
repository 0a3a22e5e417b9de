package org.webims.sip.container;

import java.text.ParseException;
import java.util.List;
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
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives the stack's events. With no application deployed yet it answers what the container
 * itself answers: OPTIONS with its capabilities, unknown methods with 501, others with 404.
 */
final class StackEventListener implements SipListener {
    private static final Logger LOG = LoggerFactory.getLogger(StackEventListener.class);

    private final SipProvider provider;
    private final MessageFactory messages;
    private final HeaderFactory headers;
    private final ContainerCapabilities capabilities;

    StackEventListener(SipProvider provider, MessageFactory messages, HeaderFactory headers,
                       ContainerCapabilities capabilities) {
        this.provider = provider;
        this.messages = messages;
        this.headers = headers;
        this.capabilities = capabilities;
    }

    @Override
    public void processRequest(RequestEvent event) {
        Request request = event.getRequest();
        String method = request.getMethod();
        if (Request.ACK.equals(method)) {
            return; // RFC 3261 §17.2.1: an ACK gets no response
        }
        try {
            if (Request.OPTIONS.equals(method)) {
                respond(event, optionsAnswer(request));
            } else if (!capabilities.allows(method)) {
                respond(event, withAllow(messages.createResponse(Response.NOT_IMPLEMENTED, request)));
            } else if (Request.CANCEL.equals(method)) {
                respond(event, messages.createResponse(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, request));
            } else {
                respond(event, messages.createResponse(Response.NOT_FOUND, request));
            }
        } catch (ParseException | SipException | InvalidArgumentException e) {
            LOG.atDebug().addKeyValue("method", method).setCause(e).log("could not answer request");
        }
    }

    /** RFC 3261 §11.2: a 200 to OPTIONS lists Allow, Accept and Supported. */
    private Response optionsAnswer(Request request) throws ParseException {
        Response response = withAllow(messages.createResponse(Response.OK, request));
        for (String type : capabilities.accept()) {
            String[] parts = type.split("/", 2);
            response.addHeader(headers.createAcceptHeader(parts[0], parts[1]));
        }
        for (String tag : capabilities.supported()) {
            response.addHeader(headers.createSupportedHeader(tag));
        }
        return response;
    }

    private Response withAllow(Response response) throws ParseException {
        List<String> allow = capabilities.allow();
        response.addHeader(headers.createAllowHeader(String.join(", ", allow)));
        return response;
    }

    private void respond(RequestEvent event, Response response)
            throws SipException, InvalidArgumentException {
        ServerTransaction transaction = event.getServerTransaction();
        if (transaction == null) {
            try {
                transaction = provider.getNewServerTransaction(event.getRequest());
            } catch (TransactionAlreadyExistsException e) {
                return; // a retransmission: the existing transaction answers it
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
