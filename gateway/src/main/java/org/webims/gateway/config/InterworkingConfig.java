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

    static InterworkingConfig from(ConfigValues values) throws ConfigException {
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
        String nextHop = values.text("interworking.ims-next-hop").strip();
        if (!nextHop.isEmpty() && !nextHop.startsWith("sip:")) {
            throw values.get("interworking.ims-next-hop").error("needs a sip: URI, e.g. sip:scscf.ims.example.net:5060");
        }
        if (!enabled) {
            return new InterworkingConfig(false, null);
        }
        return new InterworkingConfig(true,
                StaticSettings.of(domain, users, nextHop.isEmpty() ? Optional.empty() : Optional.of(nextHop)));
    }
}
