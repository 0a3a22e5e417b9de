package org.webims.sip.container.deploy;

/**
 * A variable a servlet-mapping pattern may test, parsed from its name (JSR 289 §16.3):
 * <pre>
 *   request.method
 *   request.uri[.P]
 *   request.from | request.to [.display-name | .uri[.P]]
 *   P := scheme | user | host | port | tel | param.NAME
 * </pre>
 * The one definition of the grammar: the descriptor parser rejects what {@link #parse} rejects,
 * and {@link ServletRequestVariables} reads what it returns.
 */
public record PatternVariable(Source source, AddressPart addressPart, UriPart uriPart, String paramName) {

    /** What the variable reads from the request. */
    public enum Source { METHOD, URI, FROM, TO }

    /** For {@code request.from} and {@code request.to}: the whole Address, its display name, or its URI. */
    public enum AddressPart { WHOLE, DISPLAY_NAME, URI }

    /** The part of a URI: the whole URI, or one of its JSR 289 properties. */
    public enum UriPart { WHOLE, SCHEME, USER, HOST, PORT, TEL, PARAM }

    /** The variables in the grammar above, for error messages. */
    public static final String GRAMMAR = "request.method, request.uri[.P], request.from|request.to"
            + "[.display-name|.uri[.P]] with P one of scheme, user, host, port, tel, param.NAME";

    private static final String METHOD = "request.method";
    private static final String URI = "request.uri";
    private static final String FROM = "request.from";
    private static final String TO = "request.to";

    /** The parsed variable, or null when {@code name} is not in the grammar. */
    public static PatternVariable parse(String name) {
        if (name.equals(METHOD)) {
            return new PatternVariable(Source.METHOD, AddressPart.WHOLE, UriPart.WHOLE, null);
        }
        if (name.startsWith(URI)) {
            return withUriPart(Source.URI, name, URI.length());
        }
        if (name.startsWith(FROM)) {
            return addressVariable(Source.FROM, name, FROM.length());
        }
        if (name.startsWith(TO)) {
            return addressVariable(Source.TO, name, TO.length());
        }
        return null;
    }

    private static PatternVariable addressVariable(Source source, String name, int from) {
        if (name.length() == from) {
            return new PatternVariable(source, AddressPart.WHOLE, UriPart.WHOLE, null);
        }
        if (name.startsWith(".display-name", from) && name.length() == from + ".display-name".length()) {
            return new PatternVariable(source, AddressPart.DISPLAY_NAME, UriPart.WHOLE, null);
        }
        if (name.startsWith(".uri", from)) {
            return withUriPart(source, name, from + ".uri".length());
        }
        return null;
    }

    private static PatternVariable withUriPart(Source source, String name, int from) {
        String rest = name.substring(from);
        UriPart part = switch (rest) {
            case "" -> UriPart.WHOLE;
            case ".scheme" -> UriPart.SCHEME;
            case ".user" -> UriPart.USER;
            case ".host" -> UriPart.HOST;
            case ".port" -> UriPart.PORT;
            case ".tel" -> UriPart.TEL;
            default -> rest.startsWith(".param.") && rest.length() > ".param.".length() ? UriPart.PARAM : null;
        };
        if (part == null) {
            return null;
        }
        String param = part == UriPart.PARAM ? rest.substring(".param.".length()) : null;
        return new PatternVariable(source, AddressPart.URI, part, param);
    }
}
