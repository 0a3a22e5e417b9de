package org.webims.gateway.config;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.webims.interworking.settings.StaticSettings;
import org.webims.interworking.settings.UsersFile;
import org.webims.interworking.settings.WebUser;

/**
 * Reads the {@code interworking.*} keys of conf/gateway.conf: whether the gateway deploys the
 * interworking application, and the settings it shares with it (domain, users file, IMS next
 * hop). Replaced by the carrier profile once ims-profiles' descriptor is on main.
 *
 * @param enabled  whether the built-in application is deployed
 * @param settings what it is told; null when not enabled
 */
public record InterworkingConfig(boolean enabled, StaticSettings settings) {

    /** The demo users file built into the gateway (conf/demo-users), used while demo.ims is on. */
    static final String DEMO_USERS_RESOURCE = "demo-users";

    static InterworkingConfig from(ConfigValues values, DemoImsConfig demo) throws ConfigException {
        boolean enabled = values.bool("interworking.enabled");
        String domain = values.text("interworking.domain").strip();
        if (domain.isEmpty() || !domain.matches("[A-Za-z0-9.-]+")) {
            throw values.get("interworking.domain").error("needs a domain name, e.g. ims.example.net");
        }
        String usersPath = values.text("interworking.users").strip();
        Map<String, WebUser> users = Map.of();
        if (!usersPath.isEmpty()) {
            Path file = values.existingPath("interworking.users", usersPath);
            try {
                users = UsersFile.read(file);
            } catch (IOException | IllegalArgumentException e) {
                throw values.get("interworking.users").error(e.getMessage());
            }
        }
        if (usersPath.isEmpty() && demo.enabled()) {
            users = demoUsers();
        }
        String nextHop = values.text("interworking.ims-next-hop").strip();
        if (nextHop.isEmpty() && demo.enabled()) {
            nextHop = demo.scscfUri();
        }
        if (!nextHop.isEmpty() && !nextHop.startsWith("sip:")) {
            throw values.get("interworking.ims-next-hop").error("needs a sip: URI, e.g. sip:scscf.ims.example.net:5060");
        }
        if (!enabled) {
            return new InterworkingConfig(false, null);
        }
        return new InterworkingConfig(true,
                StaticSettings.of(domain, users, nextHop.isEmpty() ? Optional.empty() : Optional.of(nextHop)));
    }

    /** The users of the built-in demo users file. */
    public static Map<String, WebUser> demoUsers() {
        try (var in = InterworkingConfig.class.getResourceAsStream(DEMO_USERS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the gateway jar has no " + DEMO_USERS_RESOURCE);
            }
            return UsersFile.parse("conf/" + DEMO_USERS_RESOURCE,
                    new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().toList());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
