package org.webims.testims.agent;

import java.text.ParseException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import javax.sip.SipFactory;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;

/** JAIN-SIP's message, header and address factories, and the out-of-dialog requests tests send. */
public final class SipMessageFactories {
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private final SipFactory sipFactory;
    private final MessageFactory messages;
    private final HeaderFactory headers;
    private final AddressFactory addresses;

    public SipMessageFactories() {
        try {
            sipFactory = org.webims.sip.stack.SipStackHost.privateSipFactory();
            messages = sipFactory.createMessageFactory();
            headers = sipFactory.createHeaderFactory();
            addresses = sipFactory.createAddressFactory();
        } catch (Exception e) {
            throw new IllegalStateException("JAIN-SIP factories unavailable", e);
        }
    }

    public SipFactory sipFactory() {
        return sipFactory;
    }

    public MessageFactory messages() {
        return messages;
    }

    public HeaderFactory headers() {
        return headers;
    }

    public AddressFactory addresses() {
        return addresses;
    }

    /**
     * An out-of-dialog request to {@code host:port} over {@code transport}, with a Via and Contact
     * naming {@code localHost:localPort} and a fresh branch, tag and Call-ID.
     */
    public Request newRequest(String method, String host, int port, String transport,
                              String localHost, int localPort) throws Exception {
        long n = SEQUENCE.incrementAndGet();
        SipURI target = addresses.createSipURI(null, host + ":" + port);
        addressFor(target, transport);
        SipURI fromUri = addresses.createSipURI("tester", localHost);
        var from = headers.createFromHeader(addresses.createAddress(fromUri), "tag" + n);
        var to = headers.createToHeader(addresses.createAddress(target), null);
        var callId = headers.createCallIdHeader("call" + n + "-" + System.nanoTime() + "@" + localHost);
        var cseq = headers.createCSeqHeader(1L, method);
        var via = headers.createViaHeader(localHost, localPort, transport, "z9hG4bK" + n + "x" + System.nanoTime());
        var maxForwards = headers.createMaxForwardsHeader(70);
        Request request = messages.createRequest(target, method, callId, cseq, from, to, List.of(via), maxForwards);
        SipURI contact = addresses.createSipURI("tester", localHost + ":" + localPort);
        addressFor(contact, transport);
        request.addHeader(headers.createContactHeader(addresses.createAddress(contact)));
        return request;
    }

    /**
     * Marks {@code uri} for {@code transport}: TLS is a sips: URI with no transport parameter
     * (RFC 3261 §26.2.2 deprecates transport=tls), WSS a sips: URI with transport=ws (RFC 7118 §5.2).
     */
    private static void addressFor(SipURI uri, String transport) throws ParseException {
        switch (transport.toUpperCase(Locale.ROOT)) {
            case "TLS" -> uri.setSecure(true);
            case "WSS" -> {
                uri.setSecure(true);
                uri.setTransportParam("ws");
            }
            default -> uri.setTransportParam(transport.toLowerCase(Locale.ROOT));
        }
    }
}
