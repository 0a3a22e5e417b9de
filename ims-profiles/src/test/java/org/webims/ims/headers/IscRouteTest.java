package org.webims.ims.headers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import javax.sip.SipFactory;
import javax.sip.address.SipURI;
import javax.sip.header.RouteHeader;
import javax.sip.message.Request;

import org.junit.jupiter.api.Test;

class IscRouteTest {

    private final SipFactories sip = SipFactories.standard();

    /** A terminating INVITE as an S-CSCF sends it to the AS over ISC (TS 24.229 §5.4.3.3). */
    private static Request fromScscf(String routeLine) throws Exception {
        return SipText.request(
                "INVITE sip:+15551234@ims.example.com;user=phone SIP/2.0",
                "Via: SIP/2.0/UDP scscf.example.com;branch=z9hG4bK-isc-1",
                "Via: SIP/2.0/UDP pcscf.example.com;branch=z9hG4bK-p-1",
                "Max-Forwards: 68",
                routeLine,
                "Record-Route: <sip:scscf.example.com;lr>",
                "From: <sip:+15559876@ims.example.com>;tag=ue-1",
                "To: <tel:+15551234>",
                "Call-ID: ims-call-1@ue.example.com",
                "CSeq: 1 INVITE",
                "Contact: <sip:ue@10.0.0.5:5060>",
                "P-Asserted-Identity: <sip:+15559876@ims.example.com>",
                "P-Served-User: <sip:+15551234@ims.example.com>;sescase=term;regstate=reg",
                "Content-Length: 0");
    }

    private static SipURI asUri() throws Exception {
        return (SipURI) SipFactory.getInstance().createAddressFactory().createURI("sip:as.example.com;lr");
    }

    @Test
    void theOutgoingLegGoesBackThroughTheScscfWithTheOdi() throws Exception {
        Request in = fromScscf("Route: <sip:as.example.com;lr>, <sip:scscf.example.com;lr;odi=abc123>");
        IscRoute isc = IscRoute.of(in, asUri()).orElseThrow();
        assertEquals(Optional.of("abc123"), isc.originalDialogIdentifier());

        Request out = SipText.outgoingInvite();
        isc.applyTo(out, sip);

        List<RouteHeader> routes = Headers.all(SipText.reparsed(out), RouteHeader.NAME, RouteHeader.class);
        assertEquals(1, routes.size());
        assertEquals("<sip:scscf.example.com;lr;odi=abc123>", routes.get(0).getAddress().toString());
    }

    @Test
    void anOdiInTheUserPartTravelsToo() throws Exception {
        Request in = fromScscf("Route: <sip:as.example.com;lr>\r\nRoute: <sip:3f9a22d1@scscf.example.com:6060;lr>");
        IscRoute isc = IscRoute.of(in, asUri()).orElseThrow();
        assertEquals(Optional.of("3f9a22d1"), isc.originalDialogIdentifier());

        Request out = SipText.outgoingInvite("Route: <sip:somewhere.else.example.com;lr>");
        isc.applyTo(out, sip);
        List<RouteHeader> routes = Headers.all(SipText.reparsed(out), RouteHeader.NAME, RouteHeader.class);
        assertEquals(List.of("<sip:3f9a22d1@scscf.example.com:6060;lr>"),
                routes.stream().map(r -> r.getAddress().toString()).toList());
    }

    @Test
    void everyEntryAfterOursIsKeptInOrder() throws Exception {
        Request in = fromScscf("Route: <sip:AS.Example.com:5060;lr>, <sip:scscf.example.com;lr;odi=x1>, "
                + "<sip:ibcf.example.com;lr>");
        IscRoute isc = IscRoute.of(in, asUri()).orElseThrow();
        Request out = SipText.outgoingInvite();
        isc.applyTo(out, sip);
        assertEquals(List.of("<sip:scscf.example.com;lr;odi=x1>", "<sip:ibcf.example.com;lr>"),
                Headers.all(SipText.reparsed(out), RouteHeader.NAME, RouteHeader.class).stream()
                        .map(r -> r.getAddress().toString()).toList());
    }

    @Test
    void aRequestWhoseTopRouteIsNotOursIsNoIscRequest() throws Exception {
        assertEquals(Optional.empty(), IscRoute.of(
                fromScscf("Route: <sip:other-as.example.com;lr>, <sip:scscf.example.com;lr;odi=abc123>"), asUri()));
        assertEquals(Optional.empty(), IscRoute.of(
                fromScscf("Route: <sip:as.example.com:5070;lr>, <sip:scscf.example.com;lr;odi=abc123>"), asUri()),
                "another port is another node");
    }

    @Test
    void withoutAnScscfEntryThereIsNoWayBack() throws Exception {
        IscRoute isc = IscRoute.of(fromScscf("Route: <sip:as.example.com;lr>"), asUri()).orElseThrow();
        assertTrue(!isc.backThroughScscf());
        assertEquals(Optional.empty(), isc.originalDialogIdentifier());
    }
}
