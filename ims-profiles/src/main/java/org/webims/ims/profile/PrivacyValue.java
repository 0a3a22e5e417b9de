package org.webims.ims.profile;

import java.util.Locale;
import java.util.Optional;

/** The priv-values of RFC 3323 §4.2 and RFC 3325 §9.3 the AS can honour. */
public enum PrivacyValue {
    /** RFC 3325 §9.3: hide the asserted identity. */
    ID,
    /** RFC 3323 §4.2: hide headers that reveal the user. */
    HEADER,
    /** RFC 3323 §4.2: no privacy; the user asks for none to be applied. */
    NONE;

    public String token() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<PrivacyValue> of(String token) {
        for (PrivacyValue v : values()) {
            if (v.token().equalsIgnoreCase(token.trim())) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }
}
