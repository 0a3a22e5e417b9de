package org.webims.sip.container.inbound;

import java.text.ParseException;
import java.util.Iterator;
import java.util.List;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ToHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.webims.sip.container.ContainerCapabilities;

/**
 * Answers a valid request that no application takes, as the endpoint of last resort (RFC 3261
 * §8.2, in its order): an unknown method 501, a request in a dialog we do not have 481, OPTIONS
 * 200 with what we can do (or 415 for a body we cannot read), REGISTER 405 (no registrar here),
 * CANCEL 481, and anything else 404: no user at that Request-URI.
 */
public final class UnroutedRequestResponder {
    private final MessageFactory messages;
    private final HeaderFactory headers;
    private final ContainerCapabilities capabilities;

    public UnroutedRequestResponder(MessageFactory messages, HeaderFactory headers, ContainerCapabilities capabilities) {
        this.messages = messages;
        this.headers = headers;
        this.capabilities = capabilities;
    }

    /** The answer to {@code request}; null for an ACK, which gets none (RFC 3261 §17.2.1). */
    public Response answer(Request request) throws ParseException {
        String method = request.getMethod();
        if (Request.ACK.equals(method)) {
            return null;
        }
        if (!capabilities.allows(method)) {
            // RFC 3261 §8.2.1: a method we do not know; RFC 4475 §3.1.1.4 (esc02), §3.1.1.2 (intmeth)
            return withAllow(response(Response.NOT_IMPLEMENTED, request, "Not Implemented - unknown method"),
                    capabilities.allow());
        }
        if (Request.CANCEL.equals(method)) {
            // RFC 3261 §9.2: a CANCEL the stack matched to no transaction
            return response(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, request,
                    "Call/Transaction Does Not Exist - nothing to cancel");
        }
        if (((ToHeader) request.getHeader(ToHeader.NAME)).getTag() != null) {
            // RFC 3261 §12.2.2: a request in a dialog this server does not have
            return response(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, request,
                    "Call/Transaction Does Not Exist - no such dialog");
        }
        if (Request.OPTIONS.equals(method)) {
            return options(request);
        }
        if (Request.REGISTER.equals(method)) {
            // RFC 3261 §8.2.1: known but not served here; RFC 4475 §3.3.7 (a non-registrar: 405)
            return withAllow(response(Response.METHOD_NOT_ALLOWED, request, "Method Not Allowed - no registrar here"),
                    capabilities.allow().stream().filter(m -> !m.equals(Request.REGISTER)).toList());
        }
        // RFC 3261 §8.2.2.1: no user here for this Request-URI; comes before the body (§8.2.3)
        return response(Response.NOT_FOUND, request, "Not Found - no application for this Request-URI");
    }

    /**
     * RFC 3261 §11.2: 200 with Allow, Accept and Supported. The container is the endpoint for
     * OPTIONS, so the body check of §8.2.3 is its own: a body it cannot read gets 415 with Accept
     * (RFC 4475 §3.3.6).
     */
    private Response options(Request request) throws ParseException {
        ContentTypeHeader type = (ContentTypeHeader) request.getHeader(ContentTypeHeader.NAME);
        byte[] body = request.getRawContent();
        if (body != null && body.length > 0 && type != null && !accepts(type)) {
            return withAccept(response(Response.UNSUPPORTED_MEDIA_TYPE, request,
                    "Unsupported Media Type - " + type.getContentType() + "/" + type.getContentSubType()));
        }
        Response response = withAccept(withAllow(messages.createResponse(Response.OK, request), capabilities.allow()));
        for (String tag : capabilities.supported()) {
            response.addHeader(headers.createSupportedHeader(tag));
        }
        return response;
    }

    private boolean accepts(ContentTypeHeader type) {
        String mediaType = (type.getContentType() + "/" + type.getContentSubType()).toLowerCase(java.util.Locale.ROOT);
        return capabilities.accept().contains(mediaType);
    }

    private Response response(int status, Request request, String reason) throws ParseException {
        Response response = messages.createResponse(status, request);
        response.setReasonPhrase(reason);
        return response;
    }

    private Response withAllow(Response response, List<String> methods) throws ParseException {
        response.addHeader(headers.createAllowHeader(String.join(", ", methods)));
        return response;
    }

    private Response withAccept(Response response) throws ParseException {
        for (Iterator<String> it = capabilities.accept().iterator(); it.hasNext(); ) {
            String[] parts = it.next().split("/", 2);
            response.addHeader(headers.createAcceptHeader(parts[0], parts[1]));
        }
        return response;
    }
}
