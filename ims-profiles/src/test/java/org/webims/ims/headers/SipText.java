package org.webims.ims.headers;

import java.text.ParseException;
import javax.sip.PeerUnavailableException;
import javax.sip.SipFactory;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;

/** Parses message text with JAIN-SIP's own message factory, as the stack does on the wire. */
final class SipText {

    private static final MessageFactory MESSAGES;

    static {
        try {
            MESSAGES = SipFactory.getInstance().createMessageFactory();
        } catch (PeerUnavailableException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private SipText() {
    }

    /** Lines joined with CRLF, an empty line after the headers. */
    static Request request(String... lines) throws ParseException {
        return MESSAGES.createRequest(String.join("\r\n", lines) + "\r\n\r\n");
    }

    /** What the request looks like on the wire, parsed again: proves the headers we set encode and parse. */
    static Request reparsed(Request r) throws ParseException {
        return MESSAGES.createRequest(r.toString());
    }

    /** A web-to-IMS INVITE as the B2BUA builds it for the IMS leg, before the IMS rules run. */
    static Request outgoingInvite(String... extraHeaders) throws ParseException {
        String[] base = {
            "INVITE sip:+15559876@ims.example.com;user=phone SIP/2.0",
            "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-out-1",
            "Max-Forwards: 70",
            "From: \"Alice Web\" <sip:1234@web.example.com>;tag=b2b-1",
            "To: <sip:+15559876@ims.example.com;user=phone>",
            "Call-ID: out-1@127.0.0.1",
            "CSeq: 1 INVITE",
            "Contact: <sip:b2b@127.0.0.1:5070>",
        };
        String[] all = new String[base.length + extraHeaders.length + 1];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extraHeaders, 0, all, base.length, extraHeaders.length);
        all[all.length - 1] = "Content-Length: 0";
        return request(all);
    }
}
