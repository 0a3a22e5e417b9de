package org.webims.sip.container.address;

import gov.nist.javax.sip.address.TelURLImpl;
import java.text.ParseException;
import java.util.Iterator;
import javax.servlet.sip.TelURL;
import org.webims.sip.container.address.ParameterList.Codec;

/** A tel URL (RFC 3966) backed by a JAIN-SIP {@link TelURLImpl}; changes write through to it. */
public final class JainTelURL implements TelURL {
    private static final String PHONE_CONTEXT = "phone-context";

    private final TelURLImpl backing;
    private final UriGuard guard;

    public JainTelURL(javax.sip.address.TelURL backing) {
        this(backing, UriGuard.NONE);
    }

    JainTelURL(javax.sip.address.TelURL backing, UriGuard guard) {
        if (!(backing instanceof TelURLImpl nist)) {
            throw new IllegalArgumentException("not a JAIN-SIP RI TelURL: "
                    + (backing == null ? "null" : backing.getClass().getName()));
        }
        this.backing = nist;
        this.guard = guard;
    }

    /** The JAIN-SIP URL this view reads and writes. */
    public javax.sip.address.TelURL backing() {
        return backing;
    }

    private ParameterList params() {
        return new ParameterList(backing.getParameters(), Codec.URI_PARAM);
    }

    @Override
    public String getScheme() {
        return "tel";
    }

    @Override
    public boolean isSipURI() {
        return false;
    }

    @Override
    public boolean isGlobal() {
        return backing.isGlobal();
    }

    /** The number with its visual separators, without the leading '+' of a global number. */
    @Override
    public String getPhoneNumber() {
        return backing.getPhoneNumber();
    }

    /** Sets a global number such as "+1-201-555-0123"; any phone-context goes (RFC 3966 §5.1.5). */
    @Override
    public void setPhoneNumber(String number) {
        guard.checkRoutingChange("set the phone number");
        String problem = number == null ? "phone number is null" : UriSyntax.globalNumberProblem(number);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        params().remove(PHONE_CONTEXT);
        backing.setGlobal(true);
        backing.setPhoneNumber(number.substring(1));
    }

    /** Sets a local number and the context it is valid in, e.g. ("7005", "example.com"). */
    @Override
    public void setPhoneNumber(String number, String phoneContext) {
        guard.checkRoutingChange("set the phone number");
        String problem = number == null ? "phone number is null" : UriSyntax.localNumberProblem(number);
        if (problem == null) {
            problem = phoneContext == null ? "phone-context is null" : UriSyntax.phoneContextProblem(phoneContext);
        }
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        backing.setGlobal(false);
        backing.setPhoneNumber(number);
        try {
            backing.setPhoneContext(phoneContext);
        } catch (ParseException e) {
            throw new IllegalArgumentException("bad phone-context \"" + phoneContext + "\": " + e.getMessage(), e);
        }
    }

    /** The phone-context of a local number, or null. */
    @Override
    public String getPhoneContext() {
        return params().get(PHONE_CONTEXT);
    }

    @Override
    public String getParameter(String name) {
        return params().get(name);
    }

    @Override
    public Iterator<String> getParameterNames() {
        return params().nameIterator();
    }

    /** A null value removes the parameter; "" sets a flag parameter. Names are 1*(alphanum / "-"). */
    @Override
    public void setParameter(String name, String value) {
        guard.checkChange("change a parameter");
        if (name == null || name.isEmpty() || !name.chars().allMatch(c -> c == '-' || SipChars.isAlphaNum((char) c))) {
            throw new IllegalArgumentException("bad tel parameter name \"" + name + "\" (RFC 3966 §3 pname)");
        }
        params().set(name, value);
    }

    @Override
    public void removeParameter(String name) {
        guard.checkChange("remove a parameter");
        params().remove(name);
    }

    /** An independent, modifiable copy. */
    @Override
    public JainTelURL clone() {
        return new JainTelURL((TelURLImpl) backing.clone());
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof TelURL other && UriEquivalence.telEquals(this, other));
    }

    @Override
    public int hashCode() {
        return UriEquivalence.telHash(this);
    }

    @Override
    public String toString() {
        return backing.encode();
    }
}
