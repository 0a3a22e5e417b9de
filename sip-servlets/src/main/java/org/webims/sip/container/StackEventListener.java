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
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.sip.container.dispatch.InboundDispatcher;

/**
 * Receives the stack's events and hands them to the dispatcher. Requests no application takes
 * get what the container itself answers: OPTIONS with its capabilities, unknown methods 501,
 * CANCEL 481, others 404.
 */
final class StackEventListener implements SipListener {
    private static final Logger LOG = LoggerFactory.getLogger(StackEventListener.class);

    private final MessageFactory messages;
    private final HeaderFactory headers;
    private final ContainerCapabilities capabilities;
    private final InboundDispatcher dispatcher;

    StackEventListener(MessageFactory messages, HeaderFactory headers, ContainerCapabilities capabilities,
                       InboundDispatcher dispatcher) {
        this.messages = messages;
        this.headers = headers;
        this.capabilities = capabilities;
        this.dispatcher = dispatcher;
    }

    @Override
    public void processRequest(RequestEvent event) {
        dispatcher.onRequest(event, this::answerUnrouted);
    }

    /** The container's own answer to a request no application took (runs on a worker). */
    private void answerUnrouted(ServerTransaction transaction) {
        Request request = transaction.getRequest();
        String method = request.getMethod();
        try {
            Response response;
            if (Request.OPTIONS.equals(method)) {
                response = optionsAnswer(request);
            } else if (!capabilities.allows(method)) {
                response = withAllow(messages.createResponse(Response.NOT_IMPLEMENTED, request));
            } else {
                response = messages.createResponse(Response.NOT_FOUND, request);
            }
            transaction.sendResponse(response);
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
