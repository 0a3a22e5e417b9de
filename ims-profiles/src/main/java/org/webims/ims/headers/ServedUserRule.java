package org.webims.ims.headers;

import java.text.ParseException;
import javax.sip.message.Request;

import org.webims.ims.profile.HeaderPolicy;

import gov.nist.javax.sip.header.ims.PServedUser;
import gov.nist.javax.sip.header.ims.PServedUserHeader;

/**
 * P-Served-User (RFC 5502 §6) on requests the AS originates toward IMS, when the carrier profile
 * asks for it: the served IMPU with its session case and registration state.
 */
public final class ServedUserRule {

    private final SipFactories sip;
    private final HeaderPolicy policy;

    public ServedUserRule(SipFactories sip, HeaderPolicy policy) {
        this.sip = sip;
        this.policy = policy;
    }

    public void apply(Request outgoing, String impu, SessionCase.Kind sessionCase, boolean registered)
            throws ParseException {
        outgoing.removeHeader(PServedUserHeader.NAME);
        if (!policy.servedUser()) {
            return;
        }
        PServedUser h = (PServedUser) sip.headers().createPServedUserHeader(
                sip.addresses().createAddress(sip.addresses().createURI(impu)));
        h.setSessionCase(sessionCase.token());
        h.setRegistrationState(registered ? "reg" : "unreg");
        outgoing.addHeader(h);
    }
}
