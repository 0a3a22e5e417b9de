package org.webims.sip.stack.inbound;

import gov.nist.javax.sip.SIPConstants;
import gov.nist.javax.sip.header.CSeq;
import gov.nist.javax.sip.header.CallID;
import gov.nist.javax.sip.header.ContentLength;
import gov.nist.javax.sip.header.From;
import gov.nist.javax.sip.header.RequestLine;
import gov.nist.javax.sip.header.SIPHeader;
import gov.nist.javax.sip.header.StatusLine;
import gov.nist.javax.sip.header.To;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.parser.HeaderParser;
import gov.nist.javax.sip.parser.MessageParser;
import gov.nist.javax.sip.parser.ParseExceptionListener;
import gov.nist.javax.sip.parser.RequestLineParser;
import gov.nist.javax.sip.parser.StringMsgParser;
import gov.nist.javax.sip.stack.MessageChannel;
import java.text.ParseException;
import java.util.Arrays;
import java.util.Map;

/**
 * JAIN-SIP's parser with one policy for bad header fields on every transport: a field a
 * transaction needs (Via, From, To, Call-ID, CSeq, Content-Length, the start line) rejects the
 * message with a reason that names it; any other is set aside as unparsed, for the container's
 * {@code RequestValidator} to judge. Without a listener JAIN-SIP would drop such fields silently.
 */
final class ScreenedMessageParser implements MessageParser {
    private static final Map<Class<?>, String> CORE = Map.of(
            Via.class, "Via header", From.class, "From header", To.class, "To header",
            CallID.class, "Call-ID header", CSeq.class, "CSeq header", ContentLength.class, "Content-Length header",
            RequestLine.class, "Request-Line", StatusLine.class, "Status-Line");

    private static final ParseExceptionListener POLICY = (ex, message, headerClass, header, raw) -> {
        String what = headerClass == null ? null : CORE.get(headerClass);
        if (what != null) {
            throw new ParseException("malformed " + what, ex.getErrorOffset());
        }
        if (message != null) {
            message.addUnparsed(header);
        }
    };

    private final StringMsgParser parser = new InboundParser();

    /** JAIN-SIP's parser, making {@link InboundRequest}s and {@link InboundResponse}s. */
    private static final class InboundParser extends StringMsgParser {
        @Override
        protected SIPMessage processFirstLine(String firstLine, ParseExceptionListener listener, byte[] raw)
                throws ParseException {
            if (firstLine.startsWith(SIPConstants.SIP_VERSION_STRING)) {
                StatusLine status = StrictFieldParser.statusLine(firstLine);
                if (status == null) {
                    return super.processFirstLine(firstLine, listener, raw); // JAIN-SIP judges and reports
                }
                SIPResponse response = new InboundResponse();
                response.setStatusLine(status);
                return response;
            }
            InboundRequest request = new InboundRequest();
            RequestLine simple = StrictFieldParser.requestLine(firstLine);
            if (simple != null) {
                request.setRequestLine(simple);
                return request;
            }
            try {
                request.setRequestLine(new RequestLineParser(firstLine + "\n").parse());
            } catch (ParseException e) {
                listener.handleException(e, request, RequestLine.class, firstLine, null);
            }
            return request;
        }

        @Override
        protected void processHeader(String field, SIPMessage message, ParseExceptionListener listener, byte[] raw)
                throws ParseException {
            SIPHeader simple = StrictFieldParser.parse(field);
            HeaderParser common = simple == null ? CommonFieldParsers.forField(field) : null;
            if (simple == null && common == null) {
                super.processHeader(field, message, listener, raw);
                return;
            }
            try {
                message.attachHeader(simple != null ? simple : common.parse(), false);
            } catch (ParseException e) {
                // a bad or duplicate field: the factory's way fails the same and tells the listener as always
                super.processHeader(field, message, listener, raw);
            }
        }
    }

    @Override
    public SIPMessage parseSIPMessage(byte[] bytes, boolean readBody, boolean strict, ParseExceptionListener channel)
            throws ParseException {
        SIPMessage message = parser.parseSIPMessage(bytes, readBody, strict, POLICY);
        if (message == null) {
            return null;
        }
        if (readBody && message.getHeader(ContentLength.NAME) == null && bytes.length > message.getSize()) {
            // RFC 3261 §18.3: without Content-Length a datagram's body runs to its end (the
            // screen has refused this on a stream); JAIN-SIP would take it as empty
            message.setMessageContent(Arrays.copyOfRange(bytes, message.getSize(), bytes.length));
        }
        if (message instanceof SIPRequest request) {
            if (channel instanceof MessageChannel arrival && !arrival.isReliable()) {
                answerTheWayItCame(request, arrival);
            }
        }
        return message;
    }

    /**
     * A request that came by UDP is answered by UDP whatever its top Via names (a client that
     * wrote TCP there is not listening for a TCP answer): the response goes back the way the
     * request came, as RFC 3581 does for the port. Only the sent-protocol's transport changes.
     */
    private static void answerTheWayItCame(SIPRequest request, MessageChannel arrival) throws ParseException {
        Via top = request.getTopmostVia();
        if (top != null && !arrival.getTransport().equalsIgnoreCase(top.getTransport())) {
            top.setTransport(arrival.getTransport().toUpperCase(java.util.Locale.ROOT));
        }
    }
}
