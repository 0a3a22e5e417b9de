package org.webims.ims.headers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Optional;
import javax.sip.message.Request;

import org.junit.jupiter.api.Test;
import org.webims.ims.profile.HeaderEdits;
import org.webims.ims.profile.HeaderPolicy;

import gov.nist.javax.sip.header.ims.PAccessNetworkInfoHeader;
import gov.nist.javax.sip.header.ims.PServedUserHeader;

class ProfiledHeadersTest {

    private final SipFactories sip = SipFactories.standard();
    private final HeaderPolicy policy = new HeaderPolicy(Optional.of("IEEE-802.11; i-wlan-node-id=ffffffffffff"), true,
            new HeaderEdits(List.of(new HeaderEdits.Added("Accept-Contact",
                    "*;+g.3gpp.icsi-ref=\"urn%3Aurn-7%3A3gpp-service.ims.icsi.mmtel\"")), List.of("User-Agent", "X-Debug")),
            HeaderEdits.none());

    @Test
    void stripsAndAddsWhatTheProfileSays() throws Exception {
        Request r = SipText.outgoingInvite("User-Agent: JsSIP 3.10", "X-Debug: 1", "X-Debug: 2", "Subject: kept");
        new HeaderEditor(sip).apply(r, policy.toIms());

        Request onWire = SipText.reparsed(r);
        assertNull(onWire.getHeader("User-Agent"));
        assertNull(onWire.getHeader("X-Debug"));
        assertEquals("Subject: kept", onWire.getHeader("Subject").toString().trim());
        assertEquals("*;+g.3gpp.icsi-ref=\"urn%3Aurn-7%3A3gpp-service.ims.icsi.mmtel\"",
                value(onWire.getHeader("Accept-Contact").toString()));
    }

    @Test
    void replacesTheWebSidesAccessNetworkInfoWithTheProfiledOne() throws Exception {
        Request r = SipText.outgoingInvite("P-Access-Network-Info: 3GPP-E-UTRAN-FDD; utran-cell-id-3gpp=2340100010000101");
        new AccessNetworkInfoRule(sip, policy).apply(r);
        PAccessNetworkInfoHeader pani = (PAccessNetworkInfoHeader) SipText.reparsed(r)
                .getHeader(PAccessNetworkInfoHeader.NAME);
        assertEquals("IEEE-802.11", pani.getAccessType());
        assertEquals("ffffffffffff", pani.getParameter("i-wlan-node-id"));
    }

    @Test
    void noProfiledAccessNetworkInfoMeansNone() throws Exception {
        Request r = SipText.outgoingInvite("P-Access-Network-Info: 3GPP-E-UTRAN-FDD; utran-cell-id-3gpp=2340100010000101");
        new AccessNetworkInfoRule(sip, HeaderPolicy.none()).apply(r);
        assertNull(r.getHeader(PAccessNetworkInfoHeader.NAME));
    }

    @Test
    void addsPServedUserWithSessionCaseAndRegistrationState() throws Exception {
        Request r = SipText.outgoingInvite();
        new ServedUserRule(sip, policy).apply(r, "sip:+15551234@ims.example.com", SessionCase.Kind.ORIGINATING, true);
        Request onWire = SipText.reparsed(r);
        PServedUserHeader psu = (PServedUserHeader) onWire.getHeader("P-Served-User");
        assertEquals("orig", psu.getSessionCase());
        assertEquals("reg", psu.getRegistrationState());
        assertEquals(SessionCase.Kind.ORIGINATING, SessionCase.of(onWire).kind());
    }

    @Test
    void noPServedUserUnlessProfiled() throws Exception {
        Request r = SipText.outgoingInvite();
        new ServedUserRule(sip, HeaderPolicy.none()).apply(r, "sip:+15551234@ims.example.com",
                SessionCase.Kind.ORIGINATING, true);
        assertNull(r.getHeader("P-Served-User"));
    }

    private static String value(String header) {
        return header.substring(header.indexOf(':') + 1).trim();
    }
}
