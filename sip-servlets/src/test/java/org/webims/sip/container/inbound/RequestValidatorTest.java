package org.webims.sip.container.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.parser.StringMsgParser;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.webims.sip.container.ContainerCapabilities;

/** The container-wide checks of RFC 3261 §8.2 and §16.3 on requests JAIN-SIP's parser has read. */
class RequestValidatorTest {
    private final RequestValidator validator = new RequestValidator(ContainerCapabilities.defaults());

    private static SIPRequest parse(String requestLine, String cseqMethod, String extra) throws Exception {
        String text = requestLine + "\r\n"
                + "Via: SIP/2.0/UDP client.example.com;branch=z9hG4bKtest\r\n"
                + "Max-Forwards: 70\r\nFrom: <sip:a@example.com>;tag=1\r\nTo: <sip:b@example.com>\r\n"
                + "Call-ID: validator@example.com\r\nCSeq: 1 " + cseqMethod + "\r\n" + extra
                + "Content-Length: 0\r\n\r\n";
        return (SIPRequest) new StringMsgParser().parseSIPMessage(text.getBytes(StandardCharsets.UTF_8), true, false, null);
    }

    @Test
    void anUnknownRequestUriSchemeGets416AndToIsNotConsulted() throws Exception {
        Optional<Rejection> r = validator.validate(
                parse("OPTIONS nobodyKnowsThisScheme:totallyopaquecontent SIP/2.0", "OPTIONS", ""), "UDP");
        assertEquals(416, r.orElseThrow().status());
        assertTrue(r.get().reasonPhrase().contains("nobodyknowsthisscheme"), r.get().reasonPhrase());
    }

    @Test
    void aTelRequestUriIsAccepted() throws Exception {
        assertEquals(Optional.empty(), validator.validate(parse("INVITE tel:+15551234567 SIP/2.0", "INVITE",
                "Contact: <sip:a@client.example.com>\r\n"), "UDP"));
    }

    @Test
    void requireWithUnsupportedTagsGets420ListingThem() throws Exception {
        Rejection r = validator.validate(parse("OPTIONS sip:b@example.com SIP/2.0", "OPTIONS",
                "Require: 100rel, nothingSupportsThis\r\n"), "UDP").orElseThrow();
        assertEquals(420, r.status());
        assertEquals(List.of("nothingSupportsThis"), r.headers().get("Unsupported"), "100rel is supported");
    }

    @Test
    void requireOnCancelIsNotChecked() throws Exception {
        assertEquals(Optional.empty(), validator.validate(parse("CANCEL sip:b@example.com SIP/2.0", "CANCEL",
                "Require: nothingSupportsThis\r\n"), "UDP"));
    }

    @Test
    void aCseqMethodOtherThanTheRequestsGets400SayingSo() throws Exception {
        Rejection r = validator.validate(parse("OPTIONS sip:b@example.com SIP/2.0", "INVITE", ""), "TCP").orElseThrow();
        assertEquals(400, r.status());
        assertEquals("Bad Request - CSeq method does not match", r.reasonPhrase());
    }

    @Test
    void aMalformedFieldTheContainerActsOnGets400NamingIt() throws Exception {
        SIPRequest request = parse("OPTIONS sip:b@example.com SIP/2.0", "OPTIONS", "");
        request.addUnparsed("Max-Forwards: 300");
        Rejection r = validator.validate(request, "UDP").orElseThrow();
        assertEquals("Bad Request - malformed Max-Forwards header", r.reasonPhrase());
    }

    @Test
    void aMalformedDateIsLeftOutNotRejected() throws Exception {
        SIPRequest request = parse("OPTIONS sip:b@example.com SIP/2.0", "OPTIONS", "");
        request.addUnparsed("Date: Fri, 01 Jan 2010 16:00:00 EST");
        assertEquals(Optional.empty(), validator.validate(request, "UDP"));
    }

    @Test
    void maxForwardsZeroIsFineAtAnEndpointAndGets483WhenProxying() throws Exception {
        SIPRequest request = parse("OPTIONS sip:b@example.com SIP/2.0", "OPTIONS", "");
        request.getMaxForwards().setMaxForwards(0);
        assertEquals(Optional.empty(), validator.validate(request, "UDP"));
        assertEquals(483, validator.validateForProxying(request, "UDP").orElseThrow().status());
    }

    @Test
    void proxyRequireIsForProxies() throws Exception {
        SIPRequest request = parse("OPTIONS sip:b@example.com SIP/2.0", "OPTIONS",
                "Proxy-Require: noProxiesSupportThis\r\n");
        assertEquals(Optional.empty(), validator.validate(request, "UDP"));
        Rejection r = validator.validateForProxying(request, "UDP").orElseThrow();
        assertEquals(420, r.status());
        assertEquals(List.of("noProxiesSupportThis"), r.headers().get("Unsupported"));
    }
}
