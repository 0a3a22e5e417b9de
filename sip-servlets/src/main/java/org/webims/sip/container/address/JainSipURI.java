package org.webims.sip.container.address;

import gov.nist.javax.sip.address.SipUri;
import java.text.ParseException;
import java.util.Iterator;
import javax.servlet.sip.SipURI;
import org.webims.sip.container.address.ParameterList.Codec;
import org.webims.sip.container.address.SipChars.UriPart;

/**
 * A sip or sips URI backed by a JAIN-SIP {@link SipUri}; changes write through to it. Getters
 * return unescaped text and setters escape what they are given (JSR 289 SipURI class comment).
 */
public final class JainSipURI implements SipURI {
    private static final String[] ROUTING_PARAMS = {"transport", "maddr", "lr"};

    private final SipUri backing;
    private final UriGuard guard;

    public JainSipURI(javax.sip.address.SipURI backing) {
        this(backing, UriGuard.NONE);
    }

    JainSipURI(javax.sip.address.SipURI backing, UriGuard guard) {
        if (!(backing instanceof SipUri nist)) {
            throw new IllegalArgumentException("not a JAIN-SIP RI SipUri: "
                    + (backing == null ? "null" : backing.getClass().getName()));
        }
        this.backing = nist;
        this.guard = guard;
    }

    /** The JAIN-SIP URI this view reads and writes. */
    public javax.sip.address.SipURI backing() {
        return backing;
    }

    private ParameterList params() {
        return new ParameterList(backing.getParameters(), Codec.URI_PARAM);
    }

    private ParameterList headers() {
        return new ParameterList(backing.getQheaders(), Codec.URI_HEADER);
    }

    @Override
    public String getScheme() {
        return backing.getScheme();
    }

    @Override
    public boolean isSipURI() {
        return true;
    }

    @Override
    public boolean isSecure() {
        return backing.isSecure();
    }

    @Override
    public void setSecure(boolean secure) {
        guard.checkRoutingChange("change the scheme");
        backing.setSecure(secure);
    }

    @Override
    public String getUser() {
        return SipChars.unescape(backing.getUser());
    }

    @Override
    public void setUser(String user) {
        guard.checkChange("set the user part");
        if (user == null || user.isEmpty()) {
            backing.removeUser();
        } else {
            backing.setUser(SipChars.escape(user, UriPart.USER));
        }
    }

    @Override
    public String getUserPassword() {
        return SipChars.unescape(backing.getUserPassword());
    }

    @Override
    public void setUserPassword(String password) {
        guard.checkChange("set the password");
        if (password == null) {
            backing.clearPassword();
        } else if (backing.getUser() == null) {
            throw new IllegalStateException("a password needs a user part (RFC 3261 §19.1.1)");
        } else {
            backing.setUserPassword(SipChars.escape(password, UriPart.PASSWORD));
        }
    }

    /** The host; an IPv6 address comes in brackets, as in the URI (RFC 3261 §25.1 IPv6reference). */
    @Override
    public String getHost() {
        return backing.getHost();
    }

    /** Takes a host name, an IPv4 address or an IPv6 address with or without its brackets. */
    @Override
    public void setHost(String host) {
        guard.checkRoutingChange("set the host");
        if (host == null) {
            throw new IllegalArgumentException("host is null");
        }
        boolean bareIpv6 = host.indexOf(':') >= 0 && !host.startsWith("[")
                && host.chars().allMatch(c -> c == ':' || c == '.' || SipChars.isHexDigit((char) c));
        String reference = bareIpv6 ? "[" + host + "]" : host;
        String problem = UriSyntax.hostProblem(reference);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        try {
            backing.setHost(reference);
        } catch (ParseException | RuntimeException e) {
            throw new IllegalArgumentException("bad host \"" + SipChars.printable(host) + "\": " + e.getMessage(), e);
        }
    }

    @Override
    public int getPort() {
        return backing.getPort();
    }

    /** A negative port removes it. */
    @Override
    public void setPort(int port) {
        guard.checkRoutingChange("set the port");
        if (port > 65535) {
            throw new IllegalArgumentException("port " + port + " is above 65535");
        }
        if (port < 0) {
            backing.removePort();
        } else {
            backing.setPort(port);
        }
    }

    @Override
    public String getParameter(String name) {
        return params().get(name);
    }

    @Override
    public Iterator<String> getParameterNames() {
        return params().nameIterator();
    }

    /** A null value removes the parameter; "" sets a flag parameter. */
    @Override
    public void setParameter(String name, String value) {
        checkParameterChange(name);
        params().set(name, value);
    }

    @Override
    public void removeParameter(String name) {
        checkParameterChange(name);
        params().remove(name);
    }

    private void checkParameterChange(String name) {
        for (String routing : ROUTING_PARAMS) {
            if (routing.equalsIgnoreCase(name)) {
                guard.checkRoutingChange("change the " + routing + " parameter");
                return;
            }
        }
        guard.checkChange("change a parameter");
    }

    /** True when the lr parameter is present (as a flag, or with a value as some RFC 2543 era peers send it). */
    @Override
    public boolean getLrParam() {
        return params().has("lr");
    }

    @Override
    public void setLrParam(boolean flag) {
        setParameter("lr", flag ? "" : null);
    }

    @Override
    public String getMAddrParam() {
        return getParameter("maddr");
    }

    @Override
    public void setMAddrParam(String maddr) {
        setParameter("maddr", maddr);
    }

    @Override
    public String getMethodParam() {
        return getParameter("method");
    }

    @Override
    public void setMethodParam(String method) {
        setParameter("method", method);
    }

    @Override
    public String getTransportParam() {
        return getParameter("transport");
    }

    @Override
    public void setTransportParam(String transport) {
        setParameter("transport", transport);
    }

    /** The ttl parameter, or -1 when it is absent or not a number. */
    @Override
    public int getTTLParam() {
        String ttl = getParameter("ttl");
        if (ttl == null || ttl.isEmpty() || ttl.length() > 3 || !ttl.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        return Integer.parseInt(ttl);
    }

    /** A negative ttl removes the parameter; RFC 3261 §25.1 allows 0 to 255. */
    @Override
    public void setTTLParam(int ttl) {
        if (ttl > 255) {
            throw new IllegalArgumentException("ttl " + ttl + " is above 255");
        }
        setParameter("ttl", ttl < 0 ? null : Integer.toString(ttl));
    }

    @Override
    public String getUserParam() {
        return getParameter("user");
    }

    @Override
    public void setUserParam(String user) {
        setParameter("user", user);
    }

    @Override
    public String getHeader(String name) {
        return headers().get(name);
    }

    @Override
    public Iterator<String> getHeaderNames() {
        return headers().nameIterator();
    }

    /** A null value removes the header. */
    @Override
    public void setHeader(String name, String value) {
        guard.checkChange("set a URI header");
        headers().set(name, value);
    }

    @Override
    public void removeHeader(String name) {
        guard.checkChange("remove a URI header");
        headers().remove(name);
    }

    /** An independent, modifiable copy. */
    @Override
    public JainSipURI clone() {
        return new JainSipURI((SipUri) backing.clone());
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof SipURI other && UriEquivalence.sipEquals(this, other));
    }

    @Override
    public int hashCode() {
        return UriEquivalence.sipHash(this);
    }

    @Override
    public String toString() {
        return backing.encode();
    }
}
