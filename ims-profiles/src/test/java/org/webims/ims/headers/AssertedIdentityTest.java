package org.webims.ims.headers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import gov.nist.javax.sip.header.ims.PAssertedIdentityHeader;
import javax.sip.message.Request;

class AssertedIdentityTest {

    private final AssertedIdentity rule = new AssertedIdentity(SipFactories.standard());

    @Test
    void assertsTheMappedImpuWithTheFromDisplayName() throws Exception {
        Request r = SipText.outgoingInvite();
        rule.assertIdentity(r, "sip:+15551234@ims.example.com;user=phone");

        Request onWire = SipText.reparsed(r);
        List<PAssertedIdentityHeader> pai = Headers.all(onWire, PAssertedIdentityHeader.NAME,
                PAssertedIdentityHeader.class);
        assertEquals(1, pai.size());
        assertEquals("sip:+15551234@ims.example.com;user=phone", pai.get(0).getAddress().getURI().toString());
        assertEquals("Alice Web", pai.get(0).getAddress().getDisplayName());
    }

    @Test
    void replacesAnIdentityTheWebSideClaimed() throws Exception {
        Request r = SipText.outgoingInvite("P-Asserted-Identity: <sip:boss@ims.example.com>");
        rule.assertIdentity(r, "tel:+15551234");

        List<PAssertedIdentityHeader> pai = Headers.all(SipText.reparsed(r), PAssertedIdentityHeader.NAME,
                PAssertedIdentityHeader.class);
        assertEquals(1, pai.size());
        assertEquals("tel:+15551234", pai.get(0).getAddress().getURI().toString());
    }

    @Test
    void stripsAnAssertedIdentityFromAnUntrustedSource() throws Exception {
        Request r = SipText.outgoingInvite("P-Asserted-Identity: <sip:boss@ims.example.com>",
                "P-Asserted-Identity: <tel:+15550001>");
        assertTrue(rule.screenIncoming(r, false));
        assertNull(r.getHeader(PAssertedIdentityHeader.NAME));
    }

    @Test
    void keepsAnAssertedIdentityFromTheTrustedNetwork() throws Exception {
        Request r = SipText.outgoingInvite("P-Asserted-Identity: <sip:+15550001@ims.example.com>");
        assertFalse(rule.screenIncoming(r, true));
        assertNotNull(r.getHeader(PAssertedIdentityHeader.NAME));
    }
}
