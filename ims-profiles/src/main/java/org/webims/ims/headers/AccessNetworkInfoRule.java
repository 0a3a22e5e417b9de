package org.webims.ims.headers;

import java.text.ParseException;
import javax.sip.message.Request;

import org.webims.ims.profile.HeaderPolicy;

import gov.nist.javax.sip.header.ims.PAccessNetworkInfoHeader;

/**
 * P-Access-Network-Info (RFC 7315 §4.4, TS 24.229 §7.2A.4) on requests toward IMS: the value the
 * carrier profile gives for web access replaces what the web side sent (a browser's claim is not
 * trusted); without a profiled value none is sent.
 */
public final class AccessNetworkInfoRule {

    private final SipFactories sip;
    private final HeaderPolicy policy;

    public AccessNetworkInfoRule(SipFactories sip, HeaderPolicy policy) {
        this.sip = sip;
        this.policy = policy;
    }

    public void apply(Request outgoing) throws ParseException {
        outgoing.removeHeader(PAccessNetworkInfoHeader.NAME);
        if (policy.accessNetworkInfo().isPresent()) {
            outgoing.addHeader(sip.headers().createHeader(PAccessNetworkInfoHeader.NAME,
                    policy.accessNetworkInfo().get()));
        }
    }
}
