package org.webims.sip.container.address;

import gov.nist.core.NameValueList;
import gov.nist.javax.sip.address.AddressImpl;
import gov.nist.javax.sip.header.AddressParametersHeader;
import gov.nist.javax.sip.header.Contact;
import gov.nist.javax.sip.header.ContactList;
import gov.nist.javax.sip.header.SIPHeader;
import gov.nist.javax.sip.parser.ContactParser;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.ParseException;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.servlet.sip.Address;
import javax.servlet.sip.ServletParseException;
import javax.servlet.sip.URI;
import javax.sip.header.Header;

/**
 * An Address backed by a NIST header that carries an address and parameters (From, To, Contact,
 * Route, Record-Route, P-Asserted-Identity, ...). Changes write through to the header and so to
 * the message.
 */
public final class JainAddress implements Address {
    /** What the application may change, by the header the address is in (JSR 289 §4.1.2, §5.4.1). */
    public enum Mutability {
        MUTABLE,
        /**
         * From and To: "system header fields only with respect to their tags" (JSR 289
         * SipServletMessage, System Headers): everything may change but the tag parameter.
         */
        SYSTEM_TAG_LOCKED,
        /**
         * A Contact where it is a system header (JSR 289 §4.1.3; every message but REGISTER, 3xx,
         * 485 and 200 to OPTIONS): the display name, header parameters, and the URI's user part and
         * other parameters may change; the URI itself, its scheme, host, port, transport, maddr and lr
         * are the container's.
         */
        CONTACT_SYSTEM,
        /** Via, Route, Record-Route, Path and other system headers, and committed messages. */
        READ_ONLY
    }

    private static final String TAG = "tag";

    private final AddressParametersHeader header;
    private final Mutability mutability;

    public JainAddress(AddressParametersHeader header, Mutability mutability) {
        this.header = Objects.requireNonNull(header, "header");
        this.mutability = Objects.requireNonNull(mutability, "mutability");
    }

    /** SipFactory.createAddress(String): name-addr or addr-spec with header parameters, or "*". */
    public static JainAddress parse(String text) throws ServletParseException {
        HeaderSyntax.AddressParts parts = HeaderSyntax.address(text);
        try {
            SIPHeader parsed = new ContactParser("Contact: " + parts.canonical() + "\n").parse();
            Contact contact = parsed instanceof ContactList list ? (Contact) list.getFirst() : (Contact) parsed;
            return new JainAddress(contact, Mutability.MUTABLE);
        } catch (ParseException | RuntimeException e) {
            throw new ServletParseException("Bad address \"" + SipChars.printable(text) + "\": " + e.getMessage(), e);
        }
    }

    /** SipFactory.createAddress(URI, String): a copy of the URI with the display name (null for none). */
    public static JainAddress of(URI uri, String displayName) {
        Objects.requireNonNull(uri, "uri");
        AddressImpl address = new AddressImpl();
        address.setURI((javax.sip.address.URI) JainURIs.unwrap(uri).clone());
        if (displayName != null) {
            address.setDisplayName(SipChars.quotedContent(displayName));
        }
        Contact contact = new Contact();
        contact.setAddress(address);
        return new JainAddress(contact, Mutability.MUTABLE);
    }

    public AddressParametersHeader backingHeader() {
        return header;
    }

    public Mutability mutability() {
        return mutability;
    }

    /**
     * A copy of this address as a header named headerName (e.g. "Route", "Contact",
     * "P-Asserted-Identity"), for adding to a message: JAIN-SIP's class for that name, or for
     * names it has no class for (or one that would drop the parameters) a generic address header.
     */
    public Header toHeader(String headerName) throws ServletParseException {
        HeaderCopies.checkName(headerName);
        String value = header.getHeaderValue();
        Header typed = HeaderCopies.typed(headerName, value);
        if (typed != null && !(typed instanceof AddressParametersHeader copy && losesParameters(copy))) {
            return typed;
        }
        if (isWildcard()) {
            throw new ServletParseException("Only a Contact header can be the wildcard '*', not " + headerName);
        }
        GenericAddressHeader copy = new GenericAddressHeader(headerName);
        copy.setAddress((AddressImpl) address().clone());
        copy.setParameters((NameValueList) header.getParameters().clone());
        return copy;
    }

    private boolean losesParameters(AddressParametersHeader copy) throws ServletParseException {
        // Some JAIN-SIP classes (P-Served-User, P-Preferred-Identity) keep parameters but do not encode them.
        return HeaderSyntax.address(copy.getHeaderValue()).params().size() < header.getParameters().size();
    }

    private AddressImpl address() {
        return (AddressImpl) header.getAddress();
    }

    @Override
    public boolean isWildcard() {
        return header instanceof Contact contact ? contact.isWildCard() : address().isWildcard();
    }

    @Override
    public String getDisplayName() {
        return isWildcard() ? null : SipChars.unquote(address().getDisplayName());
    }

    /** Null removes the display name; CR and LF are refused (IllegalArgumentException). */
    @Override
    public void setDisplayName(String name) {
        checkChange("set the display name");
        if (name == null) {
            address().removeDisplayName();
        } else {
            address().setDisplayName(SipChars.quotedContent(name));
        }
    }

    /** A live view of the URI: changes to it change this address. Null for the wildcard. */
    @Override
    public URI getURI() {
        return isWildcard() ? null : JainURIs.wrap(address().getURI(), uriGuard());
    }

    /** Takes a copy of the URI. */
    @Override
    public void setURI(URI uri) {
        Objects.requireNonNull(uri, "uri");
        checkWholeValueChange("set the URI");
        setUri(header, (javax.sip.address.URI) JainURIs.unwrap(uri).clone());
    }

    private static void setUri(AddressParametersHeader header, javax.sip.address.URI uri) {
        if (header instanceof Contact contact && contact.isWildCard()) {
            // The wildcard is a flag on the Contact and a kind of AddressImpl: replace both.
            contact.setWildCardFlag(false);
            contact.setAddress(new AddressImpl());
        }
        ((AddressImpl) header.getAddress()).setURI(uri);
    }

    private UriGuard uriGuard() {
        return switch (mutability) {
            case MUTABLE, SYSTEM_TAG_LOCKED -> UriGuard.NONE;
            case CONTACT_SYSTEM -> UriGuard.CONTAINER_ROUTING;
            case READ_ONLY -> UriGuard.READ_ONLY;
        };
    }

    private ParameterList params() {
        return new ParameterList(header.getParameters(), ParameterList.Codec.HEADER_PARAM);
    }

    @Override
    public String getParameter(String name) {
        return params().get(name);
    }

    @Override
    public Iterator<String> getParameterNames() {
        return params().nameIterator();
    }

    @Override
    public Set<Map.Entry<String, String>> getParameters() {
        return params().entries();
    }

    /** A null value removes the parameter; "" sets a flag; other values are quoted when not a token. */
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

    /** The expires parameter in seconds, or -1 when absent or not delta-seconds. */
    @Override
    public int getExpires() {
        String expires = getParameter("expires");
        if (expires == null || expires.isEmpty() || !expires.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        // RFC 3261 §20.19: larger values mean 2**32-1; an int tops out sooner.
        return expires.length() > 10 ? Integer.MAX_VALUE : (int) Math.min(Long.parseLong(expires), Integer.MAX_VALUE);
    }

    @Override
    public void setExpires(int seconds) {
        setParameter("expires", seconds < 0 ? null : Integer.toString(seconds));
    }

    /** The q parameter, or -1.0 when absent or not a qvalue between 0 and 1. */
    @Override
    public float getQ() {
        String q = getParameter("q");
        if (q == null || q.isEmpty() || !q.chars().allMatch(c -> c == '.' || Character.isDigit(c))) {
            return -1.0f;
        }
        try {
            float value = Float.parseFloat(q);
            return value >= 0f && value <= 1f ? value : -1.0f;
        } catch (NumberFormatException e) {
            return -1.0f;
        }
    }

    @Override
    public void setQ(float q) {
        if (q == -1.0f) {
            setParameter("q", null);
            return;
        }
        if (!(q >= 0f && q <= 1f)) {
            throw new IllegalArgumentException("qvalue " + q + " is not between 0.0 and 1.0 (or -1.0 to remove it)");
        }
        // RFC 3261 §25.1: qvalue has at most three decimals.
        String text = new BigDecimal(Float.toString(q)).setScale(3, RoundingMode.HALF_UP).stripTrailingZeros()
                .toPlainString();
        setParameter("q", text.indexOf('.') < 0 ? text + ".0" : text);
    }

    /** The display name and URI, without the parameters. */
    @Override
    public String getValue() {
        if (isWildcard()) {
            return "*";
        }
        String displayName = getDisplayName();
        String uri = address().getURI().toString();
        return displayName == null ? "<" + uri + ">" : SipChars.displayNameText(displayName) + " <" + uri + ">";
    }

    /** Replaces the display name and URI with those of a name-addr or addr-spec; parameters stay. */
    @Override
    public void setValue(String value) {
        checkWholeValueChange("set the value");
        replaceValue(header, value);
    }

    /**
     * Sets the display name and URI of an address header from a name-addr or addr-spec.
     *
     * @throws IllegalArgumentException if the value is not one, or carries parameters
     */
    static void replaceValue(AddressParametersHeader header, String value) {
        HeaderSyntax.AddressParts parts;
        javax.sip.address.URI uri;
        try {
            parts = HeaderSyntax.address(value);
            if (parts.wildcard() || !parts.params().isEmpty()) {
                throw new IllegalArgumentException("an address value is a display name and URI, without '*' or"
                        + " parameters: \"" + SipChars.printable(value) + "\"");
            }
            uri = JainURIs.parseBacking(parts.uri());
        } catch (ServletParseException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        setUri(header, uri);
        AddressImpl address = (AddressImpl) header.getAddress();
        if (parts.displayNameContent() == null) {
            address.removeDisplayName();
        } else {
            address.setDisplayName(parts.displayNameContent());
        }
    }

    /** A modifiable copy with the same display name, URI and parameters but no tag (JSR 289 Address#clone). */
    @Override
    public JainAddress clone() {
        AddressParametersHeader copy = (AddressParametersHeader) header.clone();
        copy.removeParameter(TAG);
        return new JainAddress(copy, Mutability.MUTABLE);
    }

    /**
     * Equal when both are the wildcard, or the URIs are equal by their scheme's rules and the
     * parameters agree: a tag must be in both or neither, other parameters are compared when
     * both have them (RFC 3261 §20.20 From). The display name does not count.
     */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Address other)) {
            return false;
        }
        if (isWildcard() || other.isWildcard()) {
            return isWildcard() && other.isWildcard();
        }
        if (!getURI().equals(other.getURI()) || (getParameter(TAG) == null) != (other.getParameter(TAG) == null)) {
            return false;
        }
        for (Iterator<String> it = getParameterNames(); it.hasNext(); ) {
            String name = it.next();
            String theirs = other.getParameter(name);
            if (theirs != null && !theirs.equalsIgnoreCase(getParameter(name))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return isWildcard() ? '*' : getURI().hashCode();
    }

    /** A valid From or To header value: the value, then the parameters. */
    @Override
    public String toString() {
        NameValueList parameters = header.getParameters();
        return parameters.isEmpty() ? getValue() : getValue() + ';' + parameters.encode();
    }

    private void checkChange(String what) {
        if (mutability == Mutability.READ_ONLY) {
            throw new IllegalStateException("cannot " + what + ": the address is in a system header (JSR 289 §5.4.1)");
        }
    }

    private void checkWholeValueChange(String what) {
        checkChange(what);
        if (mutability == Mutability.CONTACT_SYSTEM) {
            throw new IllegalStateException("cannot " + what + ": the container sets the URI of a system Contact"
                    + " (JSR 289 §4.1.3)");
        }
    }

    private void checkParameterChange(String name) {
        checkChange("change parameter " + name);
        if (mutability == Mutability.SYSTEM_TAG_LOCKED && TAG.equalsIgnoreCase(name)) {
            throw new IllegalStateException("cannot change the tag: the container owns the tag of From and To"
                    + " (JSR 289 §5.4.1)");
        }
        if (isWildcard()) {
            throw new IllegalStateException("the wildcard Contact '*' takes no parameters (RFC 3261 §20.10)");
        }
    }
}
