package org.webims.sip.container.address;

import gov.nist.javax.sip.header.ExtensionHeaderImpl;
import gov.nist.javax.sip.header.HeaderFactoryImpl;
import java.text.ParseException;
import javax.servlet.sip.ServletParseException;
import javax.sip.header.Header;

/** Makes the JAIN-SIP header object for a name and value, as a message parser would. */
final class HeaderCopies {
    // Holds only settings fixed at construction; each call makes its own parser.
    private static final HeaderFactoryImpl FACTORY = new HeaderFactoryImpl();

    private HeaderCopies() {
    }

    /** JAIN-SIP's own class for this header name holding the value, or null when it has none for the name. */
    static Header typed(String name, String value) throws ServletParseException {
        checkName(name);
        try {
            Header header = FACTORY.createHeader(name, value);
            return header instanceof ExtensionHeaderImpl ? null : header;
        } catch (ParseException | RuntimeException e) {
            throw new ServletParseException("Cannot make a " + name + " header of \"" + SipChars.printable(value)
                    + "\": " + e.getMessage(), e);
        }
    }

    static void checkName(String name) throws ServletParseException {
        if (!SipChars.isToken(name)) {
            throw new ServletParseException("Bad header name \"" + (name == null ? "null" : SipChars.printable(name))
                    + "\": a header name is a token (RFC 3261 §25.1)");
        }
    }
}
