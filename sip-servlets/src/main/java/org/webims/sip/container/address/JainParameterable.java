package org.webims.sip.container.address;

import gov.nist.core.NameValue;
import gov.nist.javax.sip.header.ParametersHeader;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.servlet.sip.Parameterable;
import javax.servlet.sip.ServletParseException;
import javax.sip.header.Header;

/**
 * Parameterable header values (Accept, Content-Type, Event, Reason, Via, ... JSR 289 §5.4.2),
 * backed by the JAIN-SIP header; changes write through to it.
 */
public final class JainParameterable implements Parameterable {
    private final ParametersHeader header;
    private final boolean readOnly;

    /**
     * @param header a JAIN-SIP header that implements javax.sip.header.Parameters
     * @param readOnly true for system headers (Via, ...) and committed messages
     */
    public JainParameterable(Header header, boolean readOnly) {
        if (!(header instanceof ParametersHeader nist)) {
            throw new IllegalArgumentException("not a JAIN-SIP header with parameters: "
                    + (header == null ? "null" : header.getClass().getName()));
        }
        this.header = nist;
        this.readOnly = readOnly;
    }

    /** SipFactory.createParameterable: one field value with its parameters, e.g. "text/plain;charset=UTF-8". */
    public static JainParameterable parse(String headerValue) throws ServletParseException {
        HeaderSyntax.ValueParts parts = HeaderSyntax.parameterable(headerValue);
        GenericParameterableHeader header =
                new GenericParameterableHeader(GenericParameterableHeader.UNNAMED, parts.value());
        for (HeaderSyntax.Param param : parts.params()) {
            NameValue nv = param.value() == null ? new NameValue(param.name(), null, true)
                    : new NameValue(param.name(), param.value());
            if (param.quoted()) {
                nv.setQuotedValue();
            }
            header.setParameter(nv);
        }
        return new JainParameterable(header, false);
    }

    /** The JAIN-SIP header this view reads and writes. */
    public Header backingHeader() {
        return header;
    }

    /**
     * A copy of this value as a header named headerName, for adding to a message: JAIN-SIP's class
     * for that name, or a generic parameterable header for names it has no class for.
     */
    public Header toHeader(String headerName) throws ServletParseException {
        HeaderCopies.checkName(headerName);
        String value = header.getHeaderValue();
        Header typed = HeaderCopies.typed(headerName, value);
        if (typed != null) {
            return typed;
        }
        GenericParameterableHeader copy = new GenericParameterableHeader(headerName, getValue());
        copy.setParameters((gov.nist.core.NameValueList) header.getParameters().clone());
        return copy;
    }

    private ParameterList params() {
        return new ParameterList(header.getParameters(), ParameterList.Codec.HEADER_PARAM);
    }

    @Override
    public String getValue() {
        return FieldValues.get(header);
    }

    /** The field value without parameters; for typed headers it must fit the type (e.g. type/subtype). */
    @Override
    public void setValue(String value) {
        checkChange("set the value");
        FieldValues.set(header, value);
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
        checkChange("set parameter " + name);
        params().set(name, value);
    }

    @Override
    public void removeParameter(String name) {
        checkChange("remove parameter " + name);
        params().remove(name);
    }

    private void checkChange(String what) {
        if (readOnly) {
            throw new IllegalStateException("cannot " + what + ": the " + header.getName()
                    + " header is a system header or its message is committed (JSR 289 §5.4.1)");
        }
    }

    /** An independent, modifiable copy. */
    @Override
    public JainParameterable clone() {
        return new JainParameterable((Header) header.clone(), false);
    }

    /**
     * Equal when the field values match case-insensitively and both carry the same parameters
     * with values matching case-insensitively (RFC 3261 §7.3.1).
     */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Parameterable other) || !getValue().equalsIgnoreCase(other.getValue())) {
            return false;
        }
        Set<Map.Entry<String, String>> mine = getParameters();
        if (mine.size() != other.getParameters().size()) {
            return false;
        }
        for (Map.Entry<String, String> entry : mine) {
            String theirs = other.getParameter(entry.getKey());
            if (theirs == null || !theirs.equalsIgnoreCase(entry.getValue())) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return Objects.hash(getValue().toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return header.getHeaderValue();
    }
}
