package org.webims.gateway.config;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.webims.webrtc.iceservers.IceServerUrl;
import org.webims.webrtc.iceservers.IceServers;
import org.webims.webrtc.iceservers.TurnCredentials;
import org.webims.webrtc.iceservers.TurnRestCredentials;

/**
 * Reads the {@code webrtc.*} keys of conf/gateway.conf: the STUN and TURN servers handed to web
 * clients at {@code GET /webrtc/ice-servers}, and how their TURN credentials are made (decision 0072).
 */
final class IceServersConfig {

    /** The longest credential lifetime taken: a week; coturn refuses nothing longer, but a leak should expire. */
    static final int MAX_LIFETIME_SECONDS = 7 * 86_400;

    private IceServersConfig() {
    }

    static IceServers from(ConfigValues values) throws ConfigException {
        List<IceServerUrl> stun = urls(values, "webrtc.stun-urls", false);
        List<IceServerUrl> turn = urls(values, "webrtc.turn-urls", true);
        String username = values.text("webrtc.turn-username");
        String password = values.text("webrtc.turn-password");
        String secret = values.text("webrtc.turn-secret");
        int lifetime = values.intIn("webrtc.turn-credential-lifetime-seconds", 60, MAX_LIFETIME_SECONDS);
        boolean relayOnly = relayOnly(values);
        if (relayOnly && turn.isEmpty()) {
            throw values.get("webrtc.ice-transport-policy").error("relay needs webrtc.turn-urls");
        }
        if (!secret.isEmpty() && (!username.isEmpty() || !password.isEmpty())) {
            throw values.get("webrtc.turn-secret").error(
                    "set either webrtc.turn-secret (ephemeral credentials) or webrtc.turn-username and -password, not both");
        }
        if (username.isEmpty() != password.isEmpty()) {
            throw values.get(username.isEmpty() ? "webrtc.turn-username" : "webrtc.turn-password")
                    .error("webrtc.turn-username and webrtc.turn-password go together");
        }
        boolean credentials = !secret.isEmpty() || !username.isEmpty();
        if (turn.isEmpty()) {
            if (credentials) {
                throw values.get(secret.isEmpty() ? "webrtc.turn-username" : "webrtc.turn-secret")
                        .error("TURN credentials are set but webrtc.turn-urls is empty");
            }
            return new IceServers(stun, turn, null);
        }
        if (!credentials) {
            throw values.get("webrtc.turn-urls").error(
                    "TURN needs credentials: set webrtc.turn-secret (the TURN server's static-auth-secret) or webrtc.turn-username and webrtc.turn-password");
        }
        TurnCredentials source = secret.isEmpty() ? TurnCredentials.fixed(username, password)
                : new TurnRestCredentials(secret, Duration.ofSeconds(lifetime), Clock.systemUTC());
        return new IceServers(stun, turn, source, relayOnly);
    }

    /** W3C webrtc-pc §4.2.1 RTCIceTransportPolicy: all or relay. */
    private static boolean relayOnly(ConfigValues values) throws ConfigException {
        ConfigValue value = values.get("webrtc.ice-transport-policy");
        return switch (value.text().toLowerCase(java.util.Locale.ROOT)) {
            case "all" -> false;
            case "relay" -> true;
            default -> throw value.error("'" + value.text() + "' is not all or relay");
        };
    }

    private static List<IceServerUrl> urls(ConfigValues values, String key, boolean turn) throws ConfigException {
        List<IceServerUrl> urls = new ArrayList<>();
        for (String item : values.text(key).split(",")) {
            if (item.isBlank()) {
                continue;
            }
            IceServerUrl url;
            try {
                url = IceServerUrl.parse(item);
            } catch (IllegalArgumentException e) {
                throw values.get(key).error(e.getMessage());
            }
            if (url.isTurn() != turn) {
                throw values.get(key).error("'" + item.strip() + "': " + key + " takes "
                        + (turn ? "turn: and turns:" : "stun: and stuns:") + " URLs");
            }
            urls.add(url);
        }
        return urls;
    }
}
