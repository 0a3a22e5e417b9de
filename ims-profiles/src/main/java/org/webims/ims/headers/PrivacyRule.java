package org.webims.ims.headers;

import java.text.ParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import javax.sip.address.Address;
import javax.sip.header.FromHeader;
import javax.sip.message.Request;

import org.webims.ims.profile.PrivacyPolicy;
import org.webims.ims.profile.PrivacyValue;

import gov.nist.javax.sip.header.ims.PAssertedIdentityHeader;

/**
 * The AS as privacy service (RFC 3323 §5, RFC 3325 §7) for a request it sends on: what the
 * request's Privacy asks and the carrier profile honours is applied.
 * <ul>
 * <li>id: P-Asserted-Identity is removed toward a network outside the trust domain (RFC 3325 §7;
 * kept, with the Privacy header, toward a trusted one, which removes it at its edge) and From is
 * anonymised (RFC 3323 §4.1.1.3);</li>
 * <li>header: From is anonymised and the headers that reveal the user are removed (RFC 3323 §5.1);</li>
 * <li>none: nothing is applied (RFC 3323 §4.2).</li>
 * </ul>
 */
public final class PrivacyRule {

    /** RFC 3323 §4.1.1.3: the anonymous From. */
    static final String ANONYMOUS_URI = "sip:anonymous@anonymous.invalid";
    static final String ANONYMOUS_NAME = "Anonymous";

    /** RFC 3323 §5.1: headers a user agent fills with information about its user. */
    static final List<String> REVEALING_HEADERS = List.of("Call-Info", "Organization", "Reply-To", "In-Reply-To",
            "Subject", "User-Agent");

    private final SipFactories sip;
    private final PrivacyPolicy policy;

    public PrivacyRule(SipFactories sip, PrivacyPolicy policy) {
        this.sip = sip;
        this.policy = policy;
    }

    /**
     * Applies the privacy asked for to a request about to be sent.
     *
     * @param towardTrusted whether the next hop is inside the trust domain (RFC 3325 §2.3)
     * @return the privacy values applied (empty when none was asked, honoured or applicable)
     */
    public Set<PrivacyValue> apply(Request outgoing, PrivacyRequest asked, boolean towardTrusted)
            throws ParseException {
        Set<PrivacyValue> applied = EnumSet.noneOf(PrivacyValue.class);
        if (asked.asks(PrivacyValue.ID) && policy.honours(PrivacyValue.ID)) {
            if (!towardTrusted) {
                outgoing.removeHeader(PAssertedIdentityHeader.NAME);
            }
            anonymiseFrom(outgoing);
            applied.add(PrivacyValue.ID);
        }
        if (asked.asks(PrivacyValue.HEADER) && policy.honours(PrivacyValue.HEADER)) {
            anonymiseFrom(outgoing);
            REVEALING_HEADERS.forEach(outgoing::removeHeader);
            applied.add(PrivacyValue.HEADER);
        }
        return applied;
    }

    /** Keeps the From tag (the dialog needs it), replaces the name and URI. */
    private void anonymiseFrom(Request r) throws ParseException {
        FromHeader from = (FromHeader) r.getHeader(FromHeader.NAME);
        if (from == null) {
            return;
        }
        Address anonymous = sip.addresses().createAddress(sip.addresses().createURI(ANONYMOUS_URI));
        anonymous.setDisplayName(ANONYMOUS_NAME);
        from.setAddress(anonymous);
    }
}
