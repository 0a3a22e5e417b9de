package org.webims.ims.profile;

import java.util.EnumSet;
import java.util.Set;

/**
 * RFC 3323/3325 policy: whether the IMS network is inside our trust domain (RFC 3325 §2.3, so
 * P-Asserted-Identity is sent to it and accepted from it) and which Privacy values we honour.
 */
public record PrivacyPolicy(boolean trustedNetwork, Set<PrivacyValue> honoured) {

    public PrivacyPolicy {
        honoured = honoured.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(honoured));
    }

    public boolean honours(PrivacyValue value) {
        return honoured.contains(value);
    }
}
