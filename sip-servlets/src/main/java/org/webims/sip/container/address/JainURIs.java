package org.webims.sip.container.address;

import gov.nist.javax.sip.address.AddressFactoryImpl;
import gov.nist.javax.sip.address.SipUri;
import java.text.ParseException;
import javax.servlet.sip.ServletParseException;
import javax.servlet.sip.SipURI;
import javax.servlet.sip.URI;
import org.webims.sip.container.address.SipChars.UriPart;

/** Static entry points: parse, wrap and unwrap URIs. */
public final class JainURIs {
    // Stateless: every call makes its own parser.
    private static final AddressFactoryImpl FACTORY = new AddressFactoryImpl();

    private JainURIs() {
    }

    /** The javax.servlet.sip view of a JAIN-SIP URI: sip/sips, tel, or any other scheme; null for null. */
    public static URI wrap(javax.sip.address.URI uri) {
        return wrap(uri, UriGuard.NONE);
    }

    static URI wrap(javax.sip.address.URI uri, UriGuard guard) {
        if (uri == null) {
            return null;
        }
        if (uri instanceof javax.sip.address.SipURI sip) {
            return new JainSipURI(sip, guard);
        }
        if (uri instanceof javax.sip.address.TelURL tel) {
            return new JainTelURL(tel, guard);
        }
        return new JainGenericURI(uri);
    }

    /**
     * The JAIN-SIP URI behind one of ours (the object itself, not a copy), or a JAIN-SIP parse of
     * any other implementation's text.
     *
     * @throws IllegalArgumentException if a foreign URI's text does not parse
     */
    public static javax.sip.address.URI unwrap(URI uri) {
        if (uri instanceof JainSipURI sip) {
            return sip.backing();
        }
        if (uri instanceof JainTelURL tel) {
            return tel.backing();
        }
        if (uri instanceof JainGenericURI generic) {
            return generic.backing();
        }
        if (uri == null) {
            throw new IllegalArgumentException("URI is null");
        }
        try {
            return parseBacking(uri.toString());
        } catch (ServletParseException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** SipFactory.createURI: parses a sip, sips, tel or other URI, strictly. */
    public static URI parse(String text) throws ServletParseException {
        return wrap(parseBacking(text));
    }

    /** Parses URI text (surrounding whitespace ignored) into a JAIN-SIP URI, after checking its syntax. */
    static javax.sip.address.URI parseBacking(String text) throws ServletParseException {
        if (text == null) {
            throw new ServletParseException("Bad URI: null");
        }
        String uri = HeaderSyntax.normaliseScheme(text.strip());
        String problem = UriSyntax.problem(uri);
        if (problem != null) {
            throw new ServletParseException("Bad URI \"" + SipChars.printable(text) + "\": " + problem);
        }
        try {
            return FACTORY.createURI(uri);
        } catch (ParseException | RuntimeException e) {
            throw new ServletParseException("Bad URI \"" + SipChars.printable(text) + "\": " + e.getMessage(), e);
        }
    }

    /**
     * SipFactory.createSipURI: a sip URI with the given user (unescaped; null for none) and host.
     *
     * @throws IllegalArgumentException if the host is not a host name or IP address
     */
    public static SipURI sipURI(String user, String host) {
        SipUri uri = new SipUri();
        uri.setScheme("sip");
        JainSipURI view = new JainSipURI(uri);
        view.setHost(host);
        if (user != null && !user.isEmpty()) {
            uri.setUser(SipChars.escape(user, UriPart.USER));
        }
        return view;
    }
}
