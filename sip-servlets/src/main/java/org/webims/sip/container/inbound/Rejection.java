package org.webims.sip.container.inbound;

import java.text.ParseException;
import java.util.List;
import java.util.Map;
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * A request refused before any application sees it: the status, a reason phrase that says what
 * is wrong, and the header fields the refusal must carry (Unsupported with 420, Accept with 415,
 * Allow with 405 and 501), each name with its values in order.
 */
public record Rejection(int status, String reasonPhrase, Map<String, List<String>> headers) {
    public Rejection {
        if (status < 300 || status > 699) {
            throw new IllegalArgumentException("a rejection is a 3xx-6xx final response: " + status);
        }
        headers = Map.copyOf(headers);
    }

    public static Rejection of(int status, String reasonPhrase) {
        return new Rejection(status, reasonPhrase, Map.of());
    }

    /** The response to {@code request} (RFC 3261 §8.2.6: the stack copies Via, From, To, Call-ID, CSeq). */
    public Response toResponse(Request request, MessageFactory messages, HeaderFactory headerFactory)
            throws ParseException {
        Response response = messages.createResponse(status, request);
        response.setReasonPhrase(reasonPhrase);
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            for (String value : header.getValue()) {
                response.addHeader(headerFactory.createHeader(header.getKey(), value));
            }
        }
        return response;
    }
}
