package org.webims.media.sdp;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Reads a session description (RFC 8866). Strict where the media engine depends on the content
 * (v= first, o=/s=/t= present, m= and c= grammar, the attributes with a typed class, limits),
 * lenient where RFC 8866 §5 asks for it: LF or CRLF line ends, unknown attributes kept as
 * written, the session-level lines in any order after v=. Every fault is an
 * {@link SdpParseException} naming the line; nothing else escapes. Thread-safe.
 */
public final class SdpParser {

    private final SdpLimits limits;

    public SdpParser() {
        this(SdpLimits.DEFAULTS);
    }

    public SdpParser(SdpLimits limits) {
        this.limits = limits;
    }

    public SdpLimits limits() {
        return limits;
    }

    public SessionDescription parse(String text) throws SdpParseException {
        if (text.length() > limits.maxSize()) {
            int line = lineNumberAt(text, limits.maxSize());
            throw new SdpParseException(SdpFault.TOO_LARGE, line, null,
                    "SDP is larger than " + limits.maxSize() + " characters");
        }
        return parseLines(new Lines(text));
    }

    /** Parses UTF-8 bytes (a SIP body); a byte sequence that is not UTF-8 is a fault of its line. */
    public SessionDescription parse(byte[] bytes, int offset, int length) throws SdpParseException {
        if (length > limits.maxSize()) {
            int line = 1;
            for (int i = offset; i < offset + limits.maxSize(); i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            throw new SdpParseException(SdpFault.TOO_LARGE, line, null,
                    "SDP is larger than " + limits.maxSize() + " bytes");
        }
        return parse(decode(bytes, offset, length));
    }

    public SessionDescription parse(byte[] bytes) throws SdpParseException {
        return parse(bytes, 0, bytes.length);
    }

    private static String decode(byte[] bytes, int offset, int length) throws SdpParseException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer chars = decoder.decode(ByteBuffer.wrap(bytes, offset, length));
            return chars.toString();
        } catch (CharacterCodingException e) {
            // find the line: decode line by line
            int line = 1;
            int start = offset;
            for (int i = offset; i <= offset + length; i++) {
                if (i == offset + length || bytes[i] == '\n') {
                    try {
                        decoder.reset().decode(ByteBuffer.wrap(bytes, start, i - start));
                    } catch (CharacterCodingException bad) {
                        throw new SdpParseException(SdpFault.SYNTAX, line, null, "line is not UTF-8");
                    }
                    line++;
                    start = i + 1;
                }
            }
            throw new SdpParseException(SdpFault.SYNTAX, 1, null, "SDP is not UTF-8");
        }
    }

    private static int lineNumberAt(String text, int end) {
        int line = 1;
        for (int i = 0; i < end; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** Splits on LF, dropping a CR before it. */
    private static final class Lines {
        private final String text;
        private int pos;
        private int number;

        Lines(String text) {
            this.text = text;
        }

        /** The next line, or null at the end; trailing empty lines count as the end. */
        String next() {
            if (pos >= text.length()) {
                return null;
            }
            int lf = text.indexOf('\n', pos);
            int end = lf < 0 ? text.length() : lf;
            String line = text.substring(pos, end > pos && text.charAt(end - 1) == '\r' ? end - 1 : end);
            pos = lf < 0 ? text.length() : lf + 1;
            number++;
            if (line.isEmpty() && text.substring(pos).isBlank()) {
                pos = text.length();
                return null;
            }
            return line;
        }

        int number() {
            return number;
        }
    }

    private SessionDescription parseLines(Lines lines) throws SdpParseException {
        String first = lines.next();
        if (first == null) {
            throw new SdpParseException(SdpFault.STRUCTURE, 1, null, "SDP is empty");
        }
        checkLine(first, 1);
        if (!first.startsWith("v=")) {
            throw new SdpParseException(SdpFault.STRUCTURE, 1, first, "SDP must start with v=");
        }
        if (!"0".equals(first.substring(2))) {
            throw new SdpParseException(SdpFault.SYNTAX, 1, first, "only SDP version 0 is known");
        }
        Session s = new Session();
        MediaDescription.Builder media = null;
        int mediaCount = 0;
        int sessionAttributes = 0;
        String line;
        while ((line = lines.next()) != null) {
            int n = lines.number();
            checkLine(line, n);
            char type = line.charAt(0);
            String value = line.substring(2);
            try {
                if (type == 'm') {
                    if (++mediaCount > limits.maxMediaDescriptions()) {
                        throw new SdpParseException(SdpFault.TOO_MANY_MEDIA, n, line,
                                "more than " + limits.maxMediaDescriptions() + " m= lines");
                    }
                    if (media == null) {
                        s.checkComplete(n, line);
                    } else {
                        s.builder.media(media.build());
                    }
                    media = parseMediaLine(value);
                    continue;
                }
                if (media != null) {
                    addMediaLine(media, type, value, n, line);
                    continue;
                }
                switch (type) {
                    case 'o' -> s.origin(Origin.parse(value), n, line);
                    case 's' -> s.sessionName(value, n, line);
                    case 'i' -> s.information(value, n, line);
                    case 'u' -> s.uri(value, n, line);
                    case 'e' -> s.emails.add(value);
                    case 'p' -> s.phones.add(value);
                    case 'c' -> s.connection(Connection.parse(value), n, line);
                    case 'b' -> s.bandwidths.add(Bandwidth.parse(value));
                    case 't' -> s.timings.add(Timing.parse(value));
                    case 'r' -> s.repeat(value, n, line);
                    case 'z' -> s.timeZones(value, n, line);
                    case 'k' -> s.key(value, n, line);
                    case 'a' -> {
                        if (++sessionAttributes > limits.maxAttributes()) {
                            throw new SdpParseException(SdpFault.TOO_MANY_ATTRIBUTES, n, line,
                                    "more than " + limits.maxAttributes() + " session attributes");
                        }
                        s.attributes.add(parseAttribute(value));
                    }
                    case 'v' -> throw new SdpParseException(SdpFault.STRUCTURE, n, line, "second v= line");
                    default -> throw new SdpParseException(SdpFault.SYNTAX, n, line,
                            "unknown line type '" + type + "'");
                }
            } catch (SdpParseException e) {
                throw e.lineNumber() > 0 ? e : e.at(n, line);
            }
        }
        if (media == null) {
            s.checkComplete(lines.number(), null);
        } else {
            s.builder.media(media.build());
        }
        return s.build();
    }

    private void checkLine(String line, int n) throws SdpParseException {
        if (line.length() > limits.maxLineLength()) {
            throw new SdpParseException(SdpFault.LINE_TOO_LONG, n, line,
                    "line longer than " + limits.maxLineLength() + " characters");
        }
        if (line.length() < 2 || line.charAt(1) != '=' || line.charAt(0) < 'a' || line.charAt(0) > 'z') {
            throw new SdpParseException(SdpFault.SYNTAX, n, line,
                    line.isEmpty() ? "empty line" : "line must be <type>=<value>");
        }
        for (int i = 2; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\r' || c == 0) {
                throw new SdpParseException(SdpFault.SYNTAX, n, line, "CR or NUL inside a line");
            }
        }
    }

    private MediaDescription.Builder parseMediaLine(String value) throws SdpParseException {
        List<String> f = SdpSyntax.fields(value);
        if (f.size() < 4) {
            throw SdpParseException.syntax("m= must be <media> <port>[/<count>] <proto> <fmt>...");
        }
        String mediaType = SdpSyntax.token(f.get(0), "media type");
        String[] portParts = f.get(1).split("/", -1);
        if (portParts.length > 2) {
            throw SdpParseException.syntax("bad m= port '" + f.get(1) + "'");
        }
        int port;
        int count = 0;
        try {
            port = SdpSyntax.integer(portParts[0], 0, 65535, "m= port");
            if (portParts.length == 2) {
                count = SdpSyntax.integer(portParts[1], 1, 65535, "m= port count");
            }
        } catch (SdpParseException e) {
            throw SdpParseException.syntax("bad m= port '" + f.get(1) + "'");
        }
        String proto = f.get(2);
        for (String part : proto.split("/", -1)) {
            SdpSyntax.token(part, "m= proto '" + proto + "'");
        }
        MediaDescription.Builder b = MediaDescription.builder(mediaType, port, proto).portCount(count);
        boolean rtp = proto.contains("RTP/");
        for (String fmt : f.subList(3, f.size())) {
            if (rtp) {
                SdpSyntax.integer(fmt, 0, 127, "RTP payload type");
            } else {
                SdpSyntax.token(fmt, "m= format");
            }
            b.format(fmt);
        }
        return b;
    }

    private void addMediaLine(MediaDescription.Builder media, char type, String value, int n, String line)
            throws SdpParseException {
        switch (type) {
            case 'i' -> media.information(value);
            case 'c' -> media.connection(Connection.parse(value));
            case 'b' -> media.bandwidth(Bandwidth.parse(value));
            case 'k' -> media.encryptionKey(value);
            case 'a' -> {
                if (media.attributeCount() >= limits.maxAttributes()) {
                    throw new SdpParseException(SdpFault.TOO_MANY_ATTRIBUTES, n, line,
                            "more than " + limits.maxAttributes() + " attributes in one media section");
                }
                media.attribute(parseAttribute(value));
            }
            case 'v', 'o', 's', 'u', 'e', 'p', 't', 'r', 'z' -> throw new SdpParseException(SdpFault.STRUCTURE, n, line,
                    type + "= is not allowed in a media section");
            default -> throw new SdpParseException(SdpFault.SYNTAX, n, line, "unknown line type '" + type + "'");
        }
    }

    private static SdpAttribute parseAttribute(String text) throws SdpParseException {
        int colon = text.indexOf(':');
        String name = colon < 0 ? text : text.substring(0, colon);
        String value = colon < 0 ? null : text.substring(colon + 1);
        return KnownAttributes.parse(name, value);
    }

    /** The session-level lines seen so far, with the once-only checks. */
    private static final class Session {
        final SessionDescription.Builder builder = SessionDescription.builder(null);
        final List<String> emails = new java.util.ArrayList<>(0);
        final List<String> phones = new java.util.ArrayList<>(0);
        final List<Bandwidth> bandwidths = new java.util.ArrayList<>(1);
        final List<Timing> timings = new java.util.ArrayList<>(1);
        final List<SdpAttribute> attributes = new java.util.ArrayList<>();
        Origin origin;
        String sessionName;
        String information;
        String uri;
        Connection connection;
        String timeZones;
        String key;

        void origin(Origin value, int n, String line) throws SdpParseException {
            once(origin, "o=", n, line);
            origin = value;
        }

        void sessionName(String value, int n, String line) throws SdpParseException {
            once(sessionName, "s=", n, line);
            sessionName = value;
        }

        void information(String value, int n, String line) throws SdpParseException {
            once(information, "i=", n, line);
            information = value;
        }

        void uri(String value, int n, String line) throws SdpParseException {
            once(uri, "u=", n, line);
            uri = value;
        }

        void connection(Connection value, int n, String line) throws SdpParseException {
            once(connection, "c=", n, line);
            connection = value;
        }

        void timeZones(String value, int n, String line) throws SdpParseException {
            once(timeZones, "z=", n, line);
            timeZones = value;
        }

        void key(String value, int n, String line) throws SdpParseException {
            once(key, "k=", n, line);
            key = value;
        }

        void repeat(String value, int n, String line) throws SdpParseException {
            if (timings.isEmpty()) {
                throw new SdpParseException(SdpFault.STRUCTURE, n, line, "r= before any t=");
            }
            int last = timings.size() - 1;
            timings.set(last, timings.get(last).withRepeat(value));
        }

        private static void once(Object seen, String type, int n, String line) throws SdpParseException {
            if (seen != null) {
                throw new SdpParseException(SdpFault.STRUCTURE, n, line, "second " + type + " line");
            }
        }

        /** RFC 8866 §5: o=, s= and t= are mandatory. */
        void checkComplete(int n, String line) throws SdpParseException {
            String missing = origin == null ? "o=" : sessionName == null ? "s=" : timings.isEmpty() ? "t=" : null;
            if (missing != null) {
                throw new SdpParseException(SdpFault.STRUCTURE, n, line, "missing " + missing + " line");
            }
        }

        SessionDescription build() {
            SessionDescription.Builder b = builder.origin(origin).sessionName(sessionName).information(information)
                    .uri(uri).connection(connection).timeZones(timeZones).encryptionKey(key);
            emails.forEach(b::email);
            phones.forEach(b::phone);
            bandwidths.forEach(b::bandwidth);
            timings.forEach(b::timing);
            attributes.forEach(b::attribute);
            return b.build();
        }
    }
}
