package org.webims.ims.profile;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Web registration: the authentication scheme and the WebSocket Origins accepted (RFC 6455
 * §10.2; none listed: every origin). Origins are kept lower-case, as "scheme://host[:port]".
 */
public record WebAccessPolicy(WebAuthentication authentication, List<String> allowedOrigins) {

    public WebAccessPolicy {
        Objects.requireNonNull(authentication, "authentication");
        allowedOrigins = allowedOrigins.stream().map(o -> o.toLowerCase(Locale.ROOT)).toList();
    }

    /** Whether a WebSocket handshake's Origin header value is accepted (RFC 6454 §6.1 serialisation). */
    public boolean allowsOrigin(String origin) {
        return allowedOrigins.isEmpty() || (origin != null && allowedOrigins.contains(origin.toLowerCase(Locale.ROOT)));
    }
}
