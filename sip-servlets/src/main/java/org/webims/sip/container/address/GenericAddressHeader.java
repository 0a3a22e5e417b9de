package org.webims.sip.container.address;

import gov.nist.javax.sip.address.AddressImpl;
import gov.nist.javax.sip.header.AddressParametersHeader;

/**
 * An address header under any name, for names JAIN-SIP has no class for (Diversion,
 * History-Info, ...) or whose class drops parameters when encoding (P-Served-User). Encodes as
 * name-addr, always in angle brackets, then the header parameters.
 */
final class GenericAddressHeader extends AddressParametersHeader {
    private static final long serialVersionUID = 1L;

    GenericAddressHeader(String name) {
        super(name);
    }

    @Override
    protected StringBuilder encodeBody(StringBuilder out) {
        // AddressImpl adds the brackets itself for a name-addr or when there is a display name.
        boolean brackets = address.getAddressType() == AddressImpl.ADDRESS_SPEC && !address.hasDisplayName();
        if (brackets) {
            out.append('<');
        }
        address.encode(out);
        if (brackets) {
            out.append('>');
        }
        if (!parameters.isEmpty()) {
            out.append(';');
            parameters.encode(out);
        }
        return out;
    }
}
