package org.webims.ims.headers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;
import javax.sip.header.FromHeader;
import javax.sip.message.Request;

import org.junit.jupiter.api.Test;
import org.webims.ims.profile.PrivacyPolicy;
import org.webims.ims.profile.PrivacyValue;

import gov.nist.javax.sip.header.ims.PAssertedIdentityHeader;

class PrivacyRuleTest {

    private final SipFactories sip = SipFactories.standard();
    private final PrivacyRule honoursAll = new PrivacyRule(sip,
            new PrivacyPolicy(false, EnumSet.allOf(PrivacyValue.class)));

    private Request invite(String privacy) throws Exception {
        Request r = SipText.outgoingInvite("Privacy: " + privacy, "User-Agent: JsSIP 3.10", "Subject: hello",
                "Organization: Example Corp");
        new AssertedIdentity(sip).assertIdentity(r, "sip:+15551234@ims.example.com");
        return r;
    }

    @Test
    void readsEveryPrivacyValueOfOneHeader() throws Exception {
        PrivacyRequest asked = PrivacyRequest.of(SipText.outgoingInvite("Privacy: id;header;critical"));
        assertEquals(Set.of(PrivacyValue.ID, PrivacyValue.HEADER), asked.values());
        assertTrue(asked.critical());
    }

    @Test
    void privacyIdRemovesTheAssertedIdentityTowardAnUntrustedNetworkAndAnonymisesFrom() throws Exception {
        Request r = invite("id");
        Set<PrivacyValue> applied = honoursAll.apply(r, PrivacyRequest.of(r), false);

        Request onWire = SipText.reparsed(r);
        assertEquals(Set.of(PrivacyValue.ID), applied);
        assertNull(onWire.getHeader(PAssertedIdentityHeader.NAME));
        FromHeader from = (FromHeader) onWire.getHeader(FromHeader.NAME);
        assertEquals("sip:anonymous@anonymous.invalid", from.getAddress().getURI().toString());
        assertEquals("Anonymous", from.getAddress().getDisplayName());
        assertEquals("b2b-1", from.getTag(), "the dialog keeps its From tag");
        assertNotNull(onWire.getHeader("User-Agent"), "id alone hides the identity, not the other headers");
    }

    @Test
    void privacyIdKeepsTheAssertedIdentityTowardATrustedNetwork() throws Exception {
        Request r = invite("id");
        honoursAll.apply(r, PrivacyRequest.of(r), true);

        Request onWire = SipText.reparsed(r);
        PAssertedIdentityHeader pai = (PAssertedIdentityHeader) onWire.getHeader(PAssertedIdentityHeader.NAME);
        assertEquals("sip:+15551234@ims.example.com", pai.getAddress().getURI().toString());
        assertEquals("id", onWire.getHeader("Privacy").toString().trim().substring("Privacy: ".length()),
                "the trusted network removes it at its edge, so Privacy travels with it");
        assertEquals("sip:anonymous@anonymous.invalid",
                ((FromHeader) onWire.getHeader(FromHeader.NAME)).getAddress().getURI().toString());
    }

    @Test
    void privacyHeaderRemovesTheHeadersThatRevealTheUser() throws Exception {
        Request r = invite("header");
        assertEquals(Set.of(PrivacyValue.HEADER), honoursAll.apply(r, PrivacyRequest.of(r), false));

        Request onWire = SipText.reparsed(r);
        assertNull(onWire.getHeader("User-Agent"));
        assertNull(onWire.getHeader("Subject"));
        assertNull(onWire.getHeader("Organization"));
        assertEquals("sip:anonymous@anonymous.invalid",
                ((FromHeader) onWire.getHeader(FromHeader.NAME)).getAddress().getURI().toString());
        assertNotNull(onWire.getHeader(PAssertedIdentityHeader.NAME), "header alone does not hide the asserted id");
    }

    @Test
    void privacyNoneAppliesNothing() throws Exception {
        Request r = invite("none");
        assertEquals(Set.of(), honoursAll.apply(r, PrivacyRequest.of(r), false));
        assertNotNull(r.getHeader(PAssertedIdentityHeader.NAME));
        assertEquals("sip:1234@web.example.com",
                ((FromHeader) r.getHeader(FromHeader.NAME)).getAddress().getURI().toString());
    }

    @Test
    void aValueTheProfileDoesNotHonourIsNotApplied() throws Exception {
        PrivacyRule idOnly = new PrivacyRule(sip, new PrivacyPolicy(false, EnumSet.of(PrivacyValue.ID)));
        Request r = invite("header");
        assertEquals(Set.of(), idOnly.apply(r, PrivacyRequest.of(r), false));
        assertNotNull(r.getHeader("User-Agent"));
    }

    @Test
    void noPrivacyHeaderLeavesTheRequestAlone() throws Exception {
        Request r = SipText.outgoingInvite();
        new AssertedIdentity(sip).assertIdentity(r, "sip:+15551234@ims.example.com");
        String before = r.toString();
        assertEquals(Set.of(), honoursAll.apply(r, PrivacyRequest.of(r), false));
        assertEquals(before, r.toString());
    }
}
