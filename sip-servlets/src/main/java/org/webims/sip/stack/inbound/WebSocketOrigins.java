package org.webims.sip.stack.inbound;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * The web origins whose pages may open a SIP WebSocket (RFC 6455 §10.2: the server checks the
 * Origin a browser sends and answers 403 to one it does not serve). An empty list allows every
 * origin. A request without Origin comes from no browser page and is let through: Origin guards
 * against pages, not against clients that could send any header they like. Travels in the
 * stack's properties, as {@link InboundLimits} does, since the stack makes the processors.
 *
 * @param allowed serialized origins (RFC 6454 §6.1: {@code scheme://host[:port]}), compared without case
 */
public record WebSocketOrigins(List<String> allowed) {
    private static final String PROPERTY = "org.webims.sip.inbound.WS_ALLOWED_ORIGINS";

    public static final WebSocketOrigins ANY = new WebSocketOrigins(List.of());

    public WebSocketOrigins {
        allowed = allowed.stream().map(o -> o.trim().toLowerCase(Locale.ROOT)).filter(o -> !o.isEmpty()).toList();
        for (String origin : allowed) {
            if (!origin.matches("[a-z][a-z0-9+.-]*://[^/\\s,]+")) {
                throw new IllegalArgumentException("not an origin (scheme://host[:port]): " + origin);
            }
        }
    }

    /** Whether a handshake carrying {@code origin} (null when absent) may open. */
    public boolean admits(String origin) {
        return allowed.isEmpty() || origin == null || allowed.contains(origin.trim().toLowerCase(Locale.ROOT));
    }

    public void writeTo(Properties stackProperties) {
        stackProperties.setProperty(PROPERTY, String.join(",", allowed));
    }

    /** What {@link #writeTo} put in {@code stackProperties}; any origin when nothing was. */
    public static WebSocketOrigins readFrom(Properties stackProperties) {
        String value = stackProperties.getProperty(PROPERTY, "");
        return value.isBlank() ? ANY : new WebSocketOrigins(Arrays.asList(value.split(",")));
    }
}
