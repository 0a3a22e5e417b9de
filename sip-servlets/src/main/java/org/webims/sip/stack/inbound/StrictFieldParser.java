package org.webims.sip.stack.inbound;

import gov.nist.core.Host;
import gov.nist.core.HostPort;
import gov.nist.core.NameValue;
import gov.nist.javax.sip.address.AddressImpl;
import gov.nist.javax.sip.address.SipUri;
import gov.nist.javax.sip.header.AddressParametersHeader;
import gov.nist.javax.sip.header.CSeq;
import gov.nist.javax.sip.header.CallID;
import gov.nist.javax.sip.header.Contact;
import gov.nist.javax.sip.header.ContactList;
import gov.nist.javax.sip.header.ContentLength;
import gov.nist.javax.sip.header.ContentType;
import gov.nist.javax.sip.header.From;
import gov.nist.javax.sip.header.MaxForwards;
import gov.nist.javax.sip.header.ParametersHeader;
import gov.nist.javax.sip.header.Protocol;
import gov.nist.javax.sip.header.RecordRoute;
import gov.nist.javax.sip.header.RecordRouteList;
import gov.nist.javax.sip.header.RequestLine;
import gov.nist.javax.sip.header.Route;
import gov.nist.javax.sip.header.RouteList;
import gov.nist.javax.sip.header.SIPHeader;
import gov.nist.javax.sip.header.SIPHeaderList;
import gov.nist.javax.sip.header.StatusLine;
import gov.nist.javax.sip.header.To;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.header.ViaList;
import gov.nist.javax.sip.message.SIPRequest;
import java.util.function.Supplier;
import org.webims.sip.stack.CachedCallId;

/**
 * A fast path for the fields every message carries: it reads only a strict, simple subset of
 * their RFC 3261 §25 grammar (ASCII tokens, one value per Via, {@code <sip:...>} addresses, no
 * escapes, no quoted parameter values, no comments, no IPv6, no folding) and builds the same
 * JAIN-SIP objects with the same calls as JAIN-SIP's own parsers. Anything outside the subset
 * gives null and goes to JAIN-SIP's parser, so what hostile input gets is unchanged. The start
 * lines of requests and responses have a fast path of the same kind.
 */
final class StrictFieldParser {
    /** Thrown (without a stack trace) when the field leaves the subset. */
    private static final class Outside extends RuntimeException {
        Outside() {
            super(null, null, false, false);
        }
    }

    private static final Outside OUTSIDE = new Outside();

    private final String s;
    private int p;

    private StrictFieldParser(String s, int p) {
        this.s = s;
        this.p = p;
    }

    /** The header of {@code field} ("Name: value", no line end), or null when it is outside the subset. */
    static SIPHeader parse(String field) {
        int colon = field.indexOf(':');
        if (colon <= 0) {
            return null;
        }
        int v = colon + 1;
        int n = field.length();
        while (v < n && field.charAt(v) == ' ') {
            v++;
        }
        if (v == n || field.charAt(n - 1) <= ' ') {
            return null; // empty value, trailing whitespace or a control character: JAIN-SIP judges
        }
        StrictFieldParser in = new StrictFieldParser(field, v);
        try {
            return switch (FieldKind.of(field, colon)) {
                case VIA -> in.via();
                case FROM -> in.single(new From());
                case TO -> in.single(new To());
                case CALL_ID -> in.callId();
                case CSEQ -> in.cseq();
                case MAX_FORWARDS -> in.maxForwards();
                case CONTENT_LENGTH -> in.contentLength();
                case CONTENT_TYPE -> in.contentType();
                case CONTACT -> in.list(new ContactList(), Contact::new);
                case ROUTE -> in.list(new RouteList(), Route::new);
                case RECORD_ROUTE -> in.list(new RecordRouteList(), RecordRoute::new);
                case OTHER -> null;
            };
        } catch (RuntimeException | java.text.ParseException | javax.sip.InvalidArgumentException e) {
            return null; // JAIN-SIP's parser decides, and reports, as before
        }
    }

    /**
     * The request line {@code Method SP sip-URI SP SIP/2.0} (RFC 3261 §7.1) with an upper-case method
     * and single spaces, built as {@code RequestLineParser} builds it; null when it is outside the subset.
     */
    static RequestLine requestLine(String line) {
        StrictFieldParser in = new StrictFieldParser(line, 0);
        try {
            return in.requestLine();
        } catch (RuntimeException e) {
            return null; // JAIN-SIP's parser decides, and reports, as before
        }
    }

    /**
     * The status line {@code SIP/2.0 SP 3DIGIT SP Reason-Phrase} (RFC 3261 §7.2) with a printable
     * ASCII reason phrase, built as {@code StatusLineParser} builds it; null when it is outside the subset.
     */
    static StatusLine statusLine(String line) {
        int n = line.length();
        if (n < 13 || !line.startsWith("SIP/2.0 ") || line.charAt(11) != ' '
                || line.charAt(12) == ' ' || line.charAt(n - 1) == ' ') {
            return null; // no reason phrase, extra spaces: JAIN-SIP's lexer judges
        }
        int code = 0;
        for (int i = 8; i < 11; i++) {
            char c = line.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
            code = code * 10 + (c - '0');
        }
        for (int i = 12; i < n; i++) {
            char c = line.charAt(i);
            if (c < ' ' || c >= 0x7f) {
                return null; // control characters, UTF-8 text: left to JAIN-SIP
            }
        }
        StatusLine status = new StatusLine();
        status.setSipVersion("SIP/2.0");
        status.setStatusCode(code);
        status.setReasonPhrase(line.substring(12));
        return status;
    }

    /** The fields this parser knows, by name (RFC 3261 §7.3.1 case-insensitive, §7.3.3 compact forms). */
    enum FieldKind {
        VIA("Via", 'v'), FROM("From", 'f'), TO("To", 't'), CALL_ID("Call-ID", 'i'), CSEQ("CSeq", '\0'),
        CONTACT("Contact", 'm'), CONTENT_LENGTH("Content-Length", 'l'), CONTENT_TYPE("Content-Type", 'c'),
        MAX_FORWARDS("Max-Forwards", '\0'), RECORD_ROUTE("Record-Route", '\0'), ROUTE("Route", '\0'), OTHER("", '\0');

        private static final FieldKind[] ALL = values();
        private final String fullName;
        private final char compact;

        FieldKind(String fullName, char compact) {
            this.fullName = fullName;
            this.compact = compact;
        }

        /** The kind of the field whose name is {@code field[0, end)}. */
        static FieldKind of(String field, int end) {
            if (end == 1) {
                char c = Character.toLowerCase(field.charAt(0));
                for (FieldKind kind : ALL) {
                    if (kind.compact == c && c != '\0') {
                        return kind;
                    }
                }
                return OTHER;
            }
            for (FieldKind kind : ALL) {
                if (end == kind.fullName.length() && field.regionMatches(true, 0, kind.fullName, 0, end)) {
                    return kind;
                }
            }
            return OTHER;
        }
    }

    // --- fields -------------------------------------------------------------------------------

    /** RFC 3261 §20.42, one via-parm: {@code SIP/2.0/UDP host[:port](;param)*}, as {@code ViaParser}. */
    private SIPHeader via() throws java.text.ParseException {
        Via via = new Via();
        Protocol protocol = new Protocol();
        String name = token();
        expect('/');
        String version = token();
        expect('/');
        String transport = token();
        expect(' ');
        protocol.setProtocolName(name);
        protocol.setProtocolVersion(version);
        protocol.setTransport(transport);
        via.setSentProtocol(protocol);
        via.setSentBy(hostPort('\0'));
        while (more() && s.charAt(p) == ';') {
            p++;
            via.setParameter(viaParameter());
        }
        end();
        ViaList list = new ViaList();
        list.add(via);
        return list;
    }

    /** As {@code RequestLineParser.parse}: the method's text, the URI as {@code URLParser.uriReference}, "SIP/2.0". */
    private RequestLine requestLine() {
        while (more() && s.charAt(p) >= 'A' && s.charAt(p) <= 'Z') {
            p++;
        }
        if (p == 0) {
            throw OUTSIDE;
        }
        String method = SIPRequest.getCannonicalName(s.substring(0, p)); // upper case: the same text
        expect(' ');
        SipUri uri = sipUri(' ', true);
        expect(' ');
        if (!s.startsWith("SIP/2.0", p)) {
            throw OUTSIDE;
        }
        p += 7;
        end();
        RequestLine line = new RequestLine();
        line.setMethod(method);
        line.setUri(uri);
        line.setSipVersion("SIP/2.0");
        return line;
    }

    /** From or To (RFC 3261 §20.20, §20.39), as {@code AddressParametersParser}. */
    private SIPHeader single(AddressParametersHeader header) {
        address(header);
        end();
        return header;
    }

    /** Contact, Route, Record-Route: comma-separated name-addrs (RFC 3261 §7.3.1). */
    private <H extends AddressParametersHeader> SIPHeader list(SIPHeaderList<H> list, Supplier<H> element) {
        if (s.charAt(p) == '*') {
            throw OUTSIDE; // Contact: * (RFC 3261 §10.2.2)
        }
        while (true) {
            H header = element.get();
            address(header);
            list.add(header);
            if (!more()) {
                return list;
            }
            expect(',');
            while (more() && s.charAt(p) == ' ') {
                p++;
            }
        }
    }

    /** RFC 3261 §20.8: the rest of the value, as {@code CallIDParser}. */
    private SIPHeader callId() throws java.text.ParseException {
        for (int i = p; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c >= 0x7f) {
                throw OUTSIDE;
            }
        }
        CallID callId = new CachedCallId(); // its text encoded once (decision 0034)
        callId.setCallId(s.substring(p));
        return callId;
    }

    /** RFC 3261 §20.16: {@code 1*DIGIT LWS Method}, as {@code CSeqParser}. */
    private SIPHeader cseq() throws java.text.ParseException, javax.sip.InvalidArgumentException {
        long number = Long.parseLong(digits(10));
        expect(' ');
        int start = p;
        while (more() && s.charAt(p) >= 'A' && s.charAt(p) <= 'Z') {
            p++;
        }
        if (p == start) {
            throw OUTSIDE;
        }
        end();
        String method = s.substring(start, p);
        String canonical = SIPRequest.getCannonicalName(method);
        CSeq cseq = new CSeq();
        cseq.setSeqNumber(number);
        cseq.setMethod(canonical == method ? method.intern() : canonical);
        return cseq;
    }

    private SIPHeader maxForwards() throws javax.sip.InvalidArgumentException {
        MaxForwards maxForwards = new MaxForwards();
        int value = Integer.parseInt(digits(3));
        end();
        maxForwards.setMaxForwards(value);
        return maxForwards;
    }

    private SIPHeader contentLength() throws javax.sip.InvalidArgumentException {
        ContentLength contentLength = new ContentLength();
        int value = Integer.parseInt(digits(9));
        end();
        contentLength.setContentLength(value);
        return contentLength;
    }

    /** RFC 3261 §20.15: {@code type/subtype(;param)*}, as {@code ContentTypeParser}. */
    private SIPHeader contentType() throws java.text.ParseException {
        ContentType contentType = new ContentType();
        String type = token();
        expect('/');
        String subType = token();
        contentType.setContentType(type);
        contentType.setContentSubType(subType);
        parameters(contentType);
        end();
        return contentType;
    }

    // --- pieces -------------------------------------------------------------------------------

    /** {@code [display-name] <sip-uri> (;param)*}, as {@code AddressParametersParser} with {@code AddressParser.nameAddr}. */
    private void address(AddressParametersHeader header) {
        AddressImpl address = new AddressImpl();
        if (s.startsWith("sip:", p) || s.startsWith("sips:", p)) {
            // RFC 3261 §20: an addr-spec without brackets; the parameters after it are the header's
            address.setAddressType(AddressImpl.ADDRESS_SPEC);
            address.setURI(sipUri(',', false));
            header.setAddress(address);
            parameters(header);
            return;
        }
        address.setAddressType(AddressImpl.NAME_ADDR);
        char c = s.charAt(p);
        if (c == '"') {
            int close = s.indexOf('"', p + 1);
            if (close < 0) {
                throw OUTSIDE;
            }
            for (int i = p + 1; i < close; i++) {
                char d = s.charAt(i);
                if (d < ' ' || d >= 0x7f || d == '\\' || d == ',') {
                    throw OUTSIDE;
                }
            }
            String name = s.substring(p + 1, close);
            p = close + 1;
            while (more() && s.charAt(p) == ' ') {
                p++;
            }
            address.setDisplayName(name.trim());
        } else if (c != '<') {
            int start = p;
            while (more() && (isTokenChar(s.charAt(p)) || s.charAt(p) == ' ')) {
                p++;
            }
            address.setDisplayName(s.substring(start, p).trim());
        }
        expect('<');
        address.setURI(sipUri('>', true));
        expect('>');
        header.setAddress(address);
        parameters(header);
    }

    /**
     * {@code sip:[user@]host[:port](;uri-param)*}, as {@code URLParser.sipURL}; no password, no headers.
     * {@code close} is what may follow the host: '>' in a name-addr, ' ' in a request line, ',' in an
     * addr-spec, whose parameters (not read here when {@code uriParameters} is false) are the header's.
     */
    private SipUri sipUri(char close, boolean uriParameters) {
        String scheme;
        if (s.startsWith("sip:", p)) {
            scheme = "sip";
            p += 4;
        } else if (s.startsWith("sips:", p)) {
            scheme = "sips";
            p += 5;
        } else {
            throw OUTSIDE;
        }
        SipUri uri = new SipUri();
        uri.setScheme(scheme);
        int i = p;
        while (i < s.length() && isUserChar(s.charAt(i))) {
            i++;
        }
        if (i > p && i < s.length() && s.charAt(i) == '@') {
            uri.setUser(s.substring(p, i));
            p = i + 1;
        }
        uri.setHostPort(hostPort(close));
        while (uriParameters && more() && s.charAt(p) == ';') {
            p++;
            String name = uriParameterPart();
            if (more() && s.charAt(p) == '=') {
                p++;
                uri.setUriParameter(new NameValue(name, uriParameterPart(), false));
            } else {
                uri.setUriParameter(new NameValue(name, "", true));
            }
        }
        return uri;
    }

    /**
     * {@code host[:port]} with a host name or IPv4 address, as {@code HostNameParser.hostPort}.
     * What JAIN-SIP would take for an IPv6 address (two colons before the parameters) is left to it.
     * Only ';', the end, or {@code close} (none when it is '\0') may follow.
     */
    private HostPort hostPort(char close) {
        if (looksLikeIpv6()) {
            throw OUTSIDE;
        }
        int start = p;
        while (more() && isHostChar(s.charAt(p))) {
            p++;
        }
        if (p == start) {
            throw OUTSIDE;
        }
        HostPort hostPort = new HostPort();
        hostPort.setHost(new Host(s.substring(start, p)));
        if (more() && s.charAt(p) == ':') {
            p++;
            hostPort.setPort(Integer.parseInt(digits(5)));
        }
        if (more()) {
            char next = s.charAt(p);
            if (next != ';' && (close == '\0' || next != close)) {
                throw OUTSIDE;
            }
        }
        return hostPort;
    }

    /** {@code HostNameParser.isIPv6Address} on the rest of the value: two colons in what may be the host. */
    private boolean looksLikeIpv6() {
        int end = s.indexOf(',', p);
        if (end < 0) {
            end = s.length();
        }
        int question = s.indexOf('?', p);
        int semicolon = s.indexOf(';', p);
        if (question >= end) {
            question = -1;
        }
        if (semicolon >= end) {
            semicolon = -1;
        }
        int hostEnd = question;
        if (hostEnd == -1 || (semicolon != -1 && hostEnd > semicolon)) {
            hostEnd = semicolon;
        }
        if (hostEnd == -1) {
            hostEnd = end;
        }
        int first = s.indexOf(':', p);
        return first >= 0 && first < hostEnd && s.indexOf(':', first + 1) >= 0 && s.indexOf(':', first + 1) < hostEnd;
    }

    /** {@code name[=token]} as {@code ViaParser.nameValue}: the name lower-cased, a flag's value null; a flag branch is JAIN-SIP's to reject. */
    private NameValue viaParameter() {
        String name = token().toLowerCase();
        if (more() && s.charAt(p) == '=') {
            p++;
            return new NameValue(name, token());
        }
        if (Via.BRANCH.equals(name)) {
            throw OUTSIDE;
        }
        return new NameValue(name, null);
    }

    /** Header parameters {@code (;name[=token])*}, as {@code ParametersParser.parse}. */
    private void parameters(ParametersHeader header) {
        while (more() && s.charAt(p) == ';') {
            p++;
            NameValue parameter = headerParameter();
            header.setParameter(parameter);
        }
    }

    /** {@code name[=token]}, as {@code ParserCore.nameValue}; a quoted value is outside the subset. */
    private NameValue headerParameter() {
        String name = token();
        if (more() && s.charAt(p) == '=') {
            p++;
            return new NameValue(name, token(), false);
        }
        return new NameValue(name, "", true);
    }

    private String token() {
        int start = p;
        while (more() && isTokenChar(s.charAt(p))) {
            p++;
        }
        if (p == start) {
            throw OUTSIDE;
        }
        return s.substring(start, p);
    }

    private String uriParameterPart() {
        int start = p;
        while (more() && isUnreserved(s.charAt(p))) {
            p++;
        }
        if (p == start) {
            throw OUTSIDE;
        }
        return s.substring(start, p);
    }

    private String digits(int most) {
        int start = p;
        while (more() && s.charAt(p) >= '0' && s.charAt(p) <= '9') {
            p++;
        }
        if (p == start || p - start > most) {
            throw OUTSIDE;
        }
        return s.substring(start, p);
    }

    private void expect(char c) {
        if (!more() || s.charAt(p) != c) {
            throw OUTSIDE;
        }
        p++;
    }

    private void end() {
        if (more()) {
            throw OUTSIDE;
        }
    }

    private boolean more() {
        return p < s.length();
    }

    /** Character classes of RFC 3261 §25.1, one bit each, for the ASCII range; nothing above it is in any. */
    private static final byte TOKEN = 1;
    private static final byte UNRESERVED = 2;
    private static final byte USER = 4;
    private static final byte HOST = 8;
    private static final byte[] CLASSES = new byte[128];

    static {
        for (char c = 0; c < 128; c++) {
            boolean alphaDigit = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            int bits = 0;
            if (alphaDigit || "-.!*_+`'~".indexOf(c) >= 0) {
                bits |= TOKEN; // token, without '%' (escapes are JAIN-SIP's)
            }
            if (alphaDigit || "-_.!~*'()".indexOf(c) >= 0) {
                bits |= UNRESERVED | USER;
            }
            if (c == '+') {
                bits |= USER;
            }
            if (alphaDigit || c == '-' || c == '.' || c == '_') {
                bits |= HOST;
            }
            CLASSES[c] = (byte) bits;
        }
    }

    private static boolean in(char c, byte characterClass) {
        return c < 128 && (CLASSES[c] & characterClass) != 0;
    }

    private static boolean isTokenChar(char c) {
        return in(c, TOKEN);
    }

    private static boolean isUnreserved(char c) {
        return in(c, UNRESERVED);
    }

    private static boolean isUserChar(char c) {
        return in(c, USER);
    }

    private static boolean isHostChar(char c) {
        return in(c, HOST);
    }
}
