package org.webims.sip.container.address;

import gov.nist.javax.sip.address.GenericURI;
import java.util.Collections;
import java.util.Iterator;
import java.util.Locale;
import javax.servlet.sip.SipURI;
import javax.servlet.sip.TelURL;
import javax.servlet.sip.URI;

/**
 * A URI of a scheme this container does not interpret (http, urn, mailto, ...), held as its text.
 * Its scheme-specific part is opaque, so it has no parameters here.
 */
public final class JainGenericURI implements URI {
    private final javax.sip.address.URI backing;

    public JainGenericURI(javax.sip.address.URI backing) {
        if (backing == null) {
            throw new IllegalArgumentException("URI is null");
        }
        this.backing = backing;
    }

    /** The JAIN-SIP URI behind this one. */
    public javax.sip.address.URI backing() {
        return backing;
    }

    @Override
    public String getScheme() {
        return backing.getScheme();
    }

    @Override
    public boolean isSipURI() {
        return false;
    }

    /** Always null: the scheme-specific part is opaque. */
    @Override
    public String getParameter(String name) {
        return null;
    }

    @Override
    public Iterator<String> getParameterNames() {
        return Collections.emptyIterator();
    }

    @Override
    public void setParameter(String name, String value) {
        throw new UnsupportedOperationException("a " + getScheme() + ": URI has no parameters in this container");
    }

    @Override
    public void removeParameter(String name) {
        throw new UnsupportedOperationException("a " + getScheme() + ": URI has no parameters in this container");
    }

    @Override
    public JainGenericURI clone() {
        return new JainGenericURI((javax.sip.address.URI) backing.clone());
    }

    // RFC 3986 §6.2.1-6.2.2: the scheme compares case-insensitively, the rest as a string.
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof URI other) || other instanceof SipURI || other instanceof TelURL) {
            return false;
        }
        return getScheme().equalsIgnoreCase(other.getScheme())
                && schemeSpecificPart(toString()).equals(schemeSpecificPart(other.toString()));
    }

    @Override
    public int hashCode() {
        return getScheme().toLowerCase(Locale.ROOT).hashCode() * 31 + schemeSpecificPart(toString()).hashCode();
    }

    private static String schemeSpecificPart(String uri) {
        return uri.substring(uri.indexOf(':') + 1);
    }

    @Override
    public String toString() {
        return backing instanceof GenericURI nist ? nist.encode() : backing.toString();
    }
}
