package org.webims.ims.headers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import javax.sip.message.Request;

import org.junit.jupiter.api.Test;

class SessionCaseTest {

    private static Request invite(String... headers) throws Exception {
        return SipText.outgoingInvite(headers);
    }

    @Test
    void terminatingRegisteredFromPServedUser() throws Exception {
        SessionCase c = SessionCase.of(invite("Route: <sip:as.example.com;lr>",
                "P-Served-User: <sip:+15551234@ims.example.com>;sescase=term;regstate=reg"));
        assertEquals(new SessionCase(SessionCase.Kind.TERMINATING, Optional.of(true), SessionCase.Source.P_SERVED_USER), c);
    }

    @Test
    void originatingUnregisteredFromPServedUser() throws Exception {
        SessionCase c = SessionCase.of(invite("P-Served-User: <sip:+15551234@ims.example.com>;sescase=orig;regstate=unreg",
                "Route: <sip:as.example.com;lr>, <sip:scscf.example.com;lr;orig>"));
        assertEquals(new SessionCase(SessionCase.Kind.ORIGINATING, Optional.of(false), SessionCase.Source.P_SERVED_USER), c);
    }

    @Test
    void originatingAfterDiversionFromPServedUser() throws Exception {
        assertEquals(SessionCase.Kind.ORIGINATING_CDIV, SessionCase.of(invite(
                "P-Served-User: <sip:+15551234@ims.example.com>;sescase=orig-cdiv")).kind());
    }

    @Test
    void originatingFromTheOrigRouteParameter() throws Exception {
        SessionCase c = SessionCase.of(invite("Route: <sip:as.example.com;lr>, <sip:scscf.example.com;lr;orig;odi=a1>"));
        assertEquals(new SessionCase(SessionCase.Kind.ORIGINATING, Optional.empty(),
                SessionCase.Source.ROUTE_ORIG_PARAMETER), c);
    }

    @Test
    void terminatingWhenNothingSaysOtherwise() throws Exception {
        SessionCase c = SessionCase.of(invite("Route: <sip:as.example.com;lr>, <sip:scscf.example.com;lr;odi=a1>"));
        assertEquals(new SessionCase(SessionCase.Kind.TERMINATING, Optional.empty(), SessionCase.Source.DEFAULT), c);
    }
}
