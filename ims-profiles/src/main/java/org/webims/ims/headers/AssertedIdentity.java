package org.webims.ims.headers;

import java.text.ParseException;
import javax.sip.address.Address;
import javax.sip.message.Request;

import gov.nist.javax.sip.header.ims.PAssertedIdentityHeader;

/**
 * P-Asserted-Identity (RFC 3325): screened on what arrives, asserted on what we send toward IMS
 * from the identity the carrier profile maps the web user to.
 */
public final class AssertedIdentity {

    private final SipFactories sip;

    public AssertedIdentity(SipFactories sip) {
        this.sip = sip;
    }

    /**
     * RFC 3325 §5: a P-Asserted-Identity from outside the trust domain is not believed; it is
     * removed. Returns whether one was removed.
     */
    public boolean screenIncoming(Request request, boolean fromTrustedNetwork) {
        if (fromTrustedNetwork || request.getHeader(PAssertedIdentityHeader.NAME) == null) {
            return false;
        }
        request.removeHeader(PAssertedIdentityHeader.NAME);
        return true;
    }

    /**
     * RFC 3325 §9.1, TS 24.229 §5.7.3: the identity we vouch for replaces whatever the request
     * carried, with the display name the request's From has. Privacy is applied after this
     * ({@link PrivacyRule}).
     *
     * @param impu the mapped IMPU (sip:, sips: or tel:)
     */
    public void assertIdentity(Request outgoing, String impu) throws ParseException {
        Address address = sip.addresses().createAddress(sip.addresses().createURI(impu));
        javax.sip.header.FromHeader from = (javax.sip.header.FromHeader) outgoing.getHeader(javax.sip.header.FromHeader.NAME);
        if (from != null && from.getAddress().getDisplayName() != null) {
            address.setDisplayName(from.getAddress().getDisplayName());
        }
        outgoing.removeHeader(PAssertedIdentityHeader.NAME);
        outgoing.addHeader(sip.headers().createPAssertedIdentityHeader(address));
    }
}
