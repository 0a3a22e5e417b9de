package org.webims.ims.headers;

import java.util.EnumSet;
import java.util.Set;
import javax.sip.message.Message;

import org.webims.ims.profile.PrivacyValue;

import gov.nist.javax.sip.header.ims.PrivacyHeader;

/**
 * The privacy a message asks for: its Privacy header values (RFC 3323 §4.2, RFC 3325 §9.3) that
 * we know, whether it says "critical", and whether it asks for none.
 */
public record PrivacyRequest(Set<PrivacyValue> values, boolean critical) {

    public PrivacyRequest {
        values = values.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(values));
    }

    public static PrivacyRequest of(Message m) {
        Set<PrivacyValue> values = EnumSet.noneOf(PrivacyValue.class);
        boolean critical = false;
        for (PrivacyHeader h : Headers.all(m, PrivacyHeader.NAME, PrivacyHeader.class)) {
            // JAIN-SIP splits "Privacy: id;header" into one header per priv-value
            for (String token : h.getPrivacy().split(";")) {
                if (token.trim().equalsIgnoreCase("critical")) {
                    critical = true;
                }
                PrivacyValue.of(token).ifPresent(values::add);
            }
        }
        return new PrivacyRequest(values, critical);
    }

    /** RFC 3323 §4.2: "none" means no privacy function is applied, whatever else is listed. */
    public boolean asks(PrivacyValue value) {
        return !values.contains(PrivacyValue.NONE) && values.contains(value);
    }
}
