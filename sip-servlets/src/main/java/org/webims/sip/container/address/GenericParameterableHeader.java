package org.webims.sip.container.address;

import gov.nist.javax.sip.header.ParametersHeader;

/** A field value with parameters under any name, for header names JAIN-SIP has no class for. */
final class GenericParameterableHeader extends ParametersHeader {
    private static final long serialVersionUID = 1L;

    /** The name of a value not yet placed in a message (SipFactory.createParameterable). */
    static final String UNNAMED = "Parameterable";

    private String value;

    GenericParameterableHeader(String name, String value) {
        super(name);
        this.value = value;
    }

    String value() {
        return value;
    }

    void setValue(String value) {
        this.value = value;
    }

    @Override
    protected StringBuilder encodeBody(StringBuilder out) {
        out.append(value);
        if (!parameters.isEmpty()) {
            out.append(';');
            parameters.encode(out);
        }
        return out;
    }
}
