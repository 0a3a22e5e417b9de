package org.webims.sip.container.router;

import gov.nist.javax.sip.address.AddressFactoryImpl;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.function.IntUnaryOperator;
import java.util.regex.Pattern;
import javax.servlet.sip.ar.SipApplicationRoutingRegion;
import javax.servlet.sip.ar.SipRouteModifier;

/**
 * Parses the default application router's configuration (JSR 289 Appendix C): a properties file
 * with one line per SIP method, whose value is a comma-separated list of router infos
 * <pre>INVITE: ("app", "DAR:From", "ORIGINATING", "", "NO_ROUTE", "0"), ("app2", ...)</pre>
 * each with six fields: application name, subscriber ({@code DAR:Header} or a literal), routing
 * region, route (a SIP URI or empty), route modifier, state info (an integer). Fields may be
 * quoted or bare. Every error is a {@link DarFileException} naming source, line and reason.
 */
public final class DarFileParser {
    private static final int FIELDS = 6;
    private static final String FIELD_NAMES = "application, subscriber, region, route, route modifier, state info";
    private static final String SUBSCRIBER_HEADER_PREFIX = "DAR:";
    // RFC 3261 §25.1: token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~")
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9.!%*_+`'~-]+");
    private static final Pattern URL_SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+:.*");
    private static final AddressFactoryImpl URI_PARSER = new AddressFactoryImpl();

    private DarFileParser() {
    }

    /**
     * Reads the file at {@code location}, a {@code file:} URL or a path, as the container property
     * {@code javax.servlet.sip.ar.dar.configuration} names it.
     */
    public static DarConfiguration read(String location) {
        Path path = toPath(location);
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new DarFileException(path.toString(), 0, "not UTF-8 text", e);
        } catch (IOException e) {
            throw new DarFileException(path.toString(), 0, "cannot read the file: " + e, e);
        }
        return parse(path.toString(), text);
    }

    private static Path toPath(String location) {
        try {
            if (!URL_SCHEME.matcher(location).matches()) {
                return Path.of(location);
            }
            URI uri = new URI(location);
            if ("file".equalsIgnoreCase(uri.getScheme())) {
                return uri.isOpaque() ? Path.of(uri.getSchemeSpecificPart()) : Path.of(uri);
            }
        } catch (URISyntaxException | IllegalArgumentException e) { // InvalidPathException is one
            throw new DarFileException(location, 0, "not a file: URL or path: " + e.getMessage(), e);
        }
        throw new DarFileException(location, 0, "only file: URLs and paths are supported");
    }

    /** Parses DAR properties text; {@code source} names it in errors (the file's path). */
    public static DarConfiguration parse(String source, String text) {
        Map<String, List<DarRoute>> routes = new HashMap<>();
        Map<String, Integer> firstLine = new HashMap<>();
        for (PropertiesText.Entry entry : PropertiesText.entries(source, text)) {
            Integer earlier = firstLine.putIfAbsent(entry.key(), entry.line());
            if (earlier != null) {
                throw new DarFileException(source, entry.line(),
                        "duplicate line for method " + entry.key() + " (first at line " + earlier + ")");
            }
            routes.put(entry.key(), parseMethodLine(source, entry.key(), entry.line(), entry.value(), entry::lineAt));
        }
        return new DarConfiguration(routes);
    }

    /**
     * Parses DAR content handed over as properties (JSR 289 {@code SipApplicationRouter.init(Properties)}):
     * each key a method, each value its router infos. Errors name {@code source} and the method.
     */
    public static DarConfiguration parse(String source, Properties properties) {
        Map<String, List<DarRoute>> routes = new HashMap<>();
        // Sorted, so that of several bad keys the same one is reported each time.
        for (String method : new TreeSet<>(properties.stringPropertyNames())) {
            routes.put(method, parseMethodLine(source, method, 0, properties.getProperty(method), offset -> 0));
        }
        return new DarConfiguration(routes);
    }

    private static List<DarRoute> parseMethodLine(String source, String method, int line, String value,
            IntUnaryOperator lineAt) {
        if (method.isEmpty()) {
            throw new DarFileException(source, line, "missing method name before the router infos");
        }
        if (!TOKEN.matcher(method).matches()) {
            throw new DarFileException(source, line, "method \"" + method + "\" is not a SIP method name (RFC 3261 token)");
        }
        return new MethodLine(source, method, value, lineAt).parse();
    }

    /** The router-info list of one method: tuples of fields, then each field checked. */
    private static final class MethodLine {
        private final String source;
        private final String method;
        private final String value;
        private final IntUnaryOperator lineAt;
        private int pos;

        MethodLine(String source, String method, String value, IntUnaryOperator lineAt) {
            this.source = source;
            this.method = method;
            this.value = value;
            this.lineAt = lineAt;
        }

        List<DarRoute> parse() {
            List<DarRoute> routes = new ArrayList<>();
            skipSpaces();
            while (pos < value.length()) {
                int number = routes.size() + 1;
                int tupleStart = pos;
                if (value.charAt(pos) != '(') {
                    throw error(pos, "expected '(' to open router info " + number + ", found " + found());
                }
                pos++;
                List<Field> fields = readFields(number);
                routes.add(toRoute(number, tupleStart, fields, routes.size()));
                skipSpaces();
                if (pos == value.length()) {
                    break;
                }
                if (value.charAt(pos) != ',') {
                    throw error(pos, "expected ',' or the end of the line after router info " + number
                            + ", found " + found());
                }
                pos++;
                skipSpaces();
                if (pos == value.length()) {
                    throw error(pos, "trailing ',' after router info " + number);
                }
            }
            return routes;
        }

        private record Field(String text, int offset) {
        }

        private List<Field> readFields(int number) {
            List<Field> fields = new ArrayList<>(FIELDS);
            while (true) {
                skipSpaces();
                int start = pos;
                String text;
                if (pos < value.length() && value.charAt(pos) == '"') {
                    int close = value.indexOf('"', pos + 1);
                    if (close < 0) {
                        throw error(start, "unterminated quoted field in router info " + number);
                    }
                    text = value.substring(pos + 1, close);
                    pos = close + 1;
                } else {
                    while (pos < value.length() && ",()\"".indexOf(value.charAt(pos)) < 0) {
                        pos++;
                    }
                    text = value.substring(start, pos).strip();
                }
                fields.add(new Field(text, start));
                skipSpaces();
                if (pos == value.length()) {
                    throw error(pos, "missing ')' to close router info " + number);
                }
                char c = value.charAt(pos++);
                if (c == ')') {
                    return fields;
                }
                if (c != ',') {
                    throw error(pos - 1, "unexpected " + quoted(c) + " in router info " + number);
                }
            }
        }

        private DarRoute toRoute(int number, int tupleStart, List<Field> fields, int index) {
            String where = "router info " + number;
            if (fields.size() != FIELDS) {
                throw error(tupleStart, where + " has " + fields.size() + " fields; expected " + FIELDS + ": "
                        + FIELD_NAMES);
            }
            Field app = fields.get(0);
            if (app.text().isEmpty()) {
                throw error(app.offset(), where + ": empty application name");
            }
            where = where + " (" + app.text() + ")";
            DarSubscriber subscriber = subscriber(where, fields.get(1));
            SipApplicationRoutingRegion region = region(where, fields.get(2));
            Field routeField = fields.get(3);
            String route = route(where, routeField);
            SipRouteModifier modifier = modifier(where, fields.get(4));
            if (modifier != SipRouteModifier.NO_ROUTE && route == null) {
                throw error(routeField.offset(), where + ": route modifier " + modifier + " needs a SIP route, found none");
            }
            int state = state(where, fields.get(5));
            return new DarRoute(app.text(), subscriber, region, route, modifier, state, index);
        }

        private DarSubscriber subscriber(String where, Field field) {
            String text = field.text();
            if (text.isEmpty()) {
                return DarSubscriber.NONE;
            }
            if (text.regionMatches(true, 0, SUBSCRIBER_HEADER_PREFIX, 0, SUBSCRIBER_HEADER_PREFIX.length())) {
                String header = text.substring(SUBSCRIBER_HEADER_PREFIX.length()).strip();
                if (!TOKEN.matcher(header).matches()) {
                    throw error(field.offset(), where + ": subscriber \"" + text + "\" does not name a header (DAR:HeaderName)");
                }
                return DarSubscriber.fromHeader(header);
            }
            return DarSubscriber.literal(text);
        }

        private SipApplicationRoutingRegion region(String where, Field field) {
            return switch (field.text()) {
                case "ORIGINATING" -> SipApplicationRoutingRegion.ORIGINATING_REGION;
                case "TERMINATING" -> SipApplicationRoutingRegion.TERMINATING_REGION;
                case "NEUTRAL" -> SipApplicationRoutingRegion.NEUTRAL_REGION;
                default -> throw error(field.offset(), where + ": unknown routing region \"" + field.text()
                        + "\"; expected ORIGINATING, TERMINATING or NEUTRAL");
            };
        }

        private String route(String where, Field field) {
            String text = field.text();
            if (text.isEmpty()) {
                return null;
            }
            if (!isSipUri(text)) {
                throw error(field.offset(), where + ": route \"" + text + "\" is not a SIP URI (sip: or sips:)");
            }
            return text;
        }

        private SipRouteModifier modifier(String where, Field field) {
            return switch (field.text()) {
                case "ROUTE" -> SipRouteModifier.ROUTE;
                case "ROUTE_BACK" -> SipRouteModifier.ROUTE_BACK;
                case "NO_ROUTE" -> SipRouteModifier.NO_ROUTE;
                default -> throw error(field.offset(), where + ": unknown route modifier \"" + field.text()
                        + "\"; expected ROUTE, ROUTE_BACK or NO_ROUTE");
            };
        }

        private int state(String where, Field field) {
            try {
                int state = Integer.parseInt(field.text());
                if (state >= 0) {
                    return state;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw error(field.offset(), where + ": state info \"" + field.text() + "\" is not a non-negative integer");
        }

        private void skipSpaces() {
            while (pos < value.length() && Character.isWhitespace(value.charAt(pos))) {
                pos++;
            }
        }

        private String found() {
            return pos < value.length() ? quoted(value.charAt(pos)) : "the end of the line";
        }

        private static String quoted(char c) {
            return "'" + c + "'";
        }

        private DarFileException error(int offset, String reason) {
            return new DarFileException(source, lineAt.applyAsInt(offset), method + " " + reason);
        }
    }

    /** A whole sip:/sips: URI by the stack's own parser; it stops at the first bad character, so those are refused first. */
    private static boolean isSipUri(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c <= ' ' || c == '<' || c == '>' || c == '"' || c >= 0x7f) {
                return false;
            }
        }
        try {
            return URI_PARSER.createURI(text).isSipURI();
        } catch (ParseException e) {
            return false;
        }
    }
}
