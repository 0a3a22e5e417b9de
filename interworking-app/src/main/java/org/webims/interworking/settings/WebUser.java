package org.webims.interworking.settings;

import java.util.Objects;

/**
 * A web user: the name it registers and authenticates with, its digest password, and the IMS
 * public identity (IMPU) its calls carry toward the IMS as P-Asserted-Identity.
 */
public record WebUser(String name, String password, String impu) {
    public WebUser {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(impu, "impu");
    }

    @Override
    public String toString() {
        return "WebUser[" + name + " -> " + impu + "]"; // never the password
    }
}
