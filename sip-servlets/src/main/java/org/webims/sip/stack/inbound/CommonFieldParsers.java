package org.webims.sip.stack.inbound;

import gov.nist.javax.sip.parser.CSeqParser;
import gov.nist.javax.sip.parser.CallIDParser;
import gov.nist.javax.sip.parser.ContactParser;
import gov.nist.javax.sip.parser.ContentLengthParser;
import gov.nist.javax.sip.parser.ContentTypeParser;
import gov.nist.javax.sip.parser.FromParser;
import gov.nist.javax.sip.parser.HeaderParser;
import gov.nist.javax.sip.parser.MaxForwardsParser;
import gov.nist.javax.sip.parser.RecordRouteParser;
import gov.nist.javax.sip.parser.RequireParser;
import gov.nist.javax.sip.parser.RouteParser;
import gov.nist.javax.sip.parser.SubjectParser;
import gov.nist.javax.sip.parser.SupportedParser;
import gov.nist.javax.sip.parser.ToParser;
import gov.nist.javax.sip.parser.UserAgentParser;
import gov.nist.javax.sip.parser.ViaParser;
import gov.nist.javax.sip.parser.ims.PAssertedIdentityParser;
import gov.nist.javax.sip.parser.extensions.MinSEParser;
import gov.nist.javax.sip.parser.extensions.SessionExpiresParser;

/**
 * JAIN-SIP's parsers for the fields nearly every message carries, made directly: its
 * {@code ParserFactory} lower-cases and looks up each name and builds the parser by reflection,
 * a measurable share of the parsing of every message. The same parser classes as the factory's
 * (RFC 3261 §7.3.3 compact forms included), so what is parsed is the same.
 */
final class CommonFieldParsers {
    private CommonFieldParsers() {
    }

    /** A parser for {@code field} ("Name: value", no line end), or null for a field the factory should make. */
    static HeaderParser forField(String field) {
        int end = field.indexOf(':');
        while (end > 0 && (field.charAt(end - 1) == ' ' || field.charAt(end - 1) == '\t')) {
            end--;
        }
        if (end <= 0) {
            return null;
        }
        String line = field + "\n";
        if (end == 1) {
            return switch (Character.toLowerCase(field.charAt(0))) {
                case 'v' -> new ViaParser(line);
                case 'f' -> new FromParser(line);
                case 't' -> new ToParser(line);
                case 'i' -> new CallIDParser(line);
                case 'm' -> new ContactParser(line);
                case 'l' -> new ContentLengthParser(line);
                case 'c' -> new ContentTypeParser(line);
                case 's' -> new SubjectParser(line);
                case 'k' -> new SupportedParser(line);
                case 'x' -> new SessionExpiresParser(line);
                default -> null;
            };
        }
        if (is(field, end, "Via")) {
            return new ViaParser(line);
        } else if (is(field, end, "From")) {
            return new FromParser(line);
        } else if (is(field, end, "To")) {
            return new ToParser(line);
        } else if (is(field, end, "Call-ID")) {
            return new CallIDParser(line);
        } else if (is(field, end, "CSeq")) {
            return new CSeqParser(line);
        } else if (is(field, end, "Contact")) {
            return new ContactParser(line);
        } else if (is(field, end, "Content-Length")) {
            return new ContentLengthParser(line);
        } else if (is(field, end, "Content-Type")) {
            return new ContentTypeParser(line);
        } else if (is(field, end, "Max-Forwards")) {
            return new MaxForwardsParser(line);
        } else if (is(field, end, "Record-Route")) {
            return new RecordRouteParser(line);
        } else if (is(field, end, "Route")) {
            return new RouteParser(line);
        } else if (is(field, end, "Subject")) {
            return new SubjectParser(line);
        } else if (is(field, end, "Supported")) {
            return new SupportedParser(line);
        } else if (is(field, end, "Require")) {
            return new RequireParser(line);
        } else if (is(field, end, "Session-Expires")) {
            return new SessionExpiresParser(line); // RFC 4028 §4
        } else if (is(field, end, "Min-SE")) {
            return new MinSEParser(line);
        } else if (is(field, end, "User-Agent")) {
            return new UserAgentParser(line);
        } else if (is(field, end, "P-Asserted-Identity")) {
            return new PAssertedIdentityParser(line); // RFC 3325 §9.1, on every IMS request
        }
        return null;
    }

    /** Whether the field's name, {@code field[0, end)}, is {@code name} (RFC 3261 §7.3.1: case-insensitive). */
    private static boolean is(String field, int end, String name) {
        return end == name.length() && field.regionMatches(true, 0, name, 0, end);
    }
}
