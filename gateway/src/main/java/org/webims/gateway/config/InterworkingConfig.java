package org.webims.gateway.config;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.webims.ims.profile.CarrierProfile;
import org.webims.ims.profile.CarrierProfileReader;
import org.webims.ims.profile.ProfileException;
import org.webims.interworking.settings.StaticSettings;
import org.webims.interworking.settings.UsersFile;
import org.webims.interworking.settings.WebUser;

/**
 * Reads the {@code interworking.*} keys of conf/gateway.conf: whether the gateway deploys the
 * interworking application, and the settings it shares with it (domain, users file, IMS next
 * hop, carrier profile).
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
        CarrierProfile profile = carrierProfile(values);
        return new InterworkingConfig(true,
                StaticSettings.of(domain, users, nextHop.isEmpty() ? Optional.empty() : Optional.of(nextHop), profile));
    }

    /** The shipped plain VoLTE profile, embedded beside the default gateway.conf. */
    static final String SHIPPED_PROFILE = "profiles/volte-plain.xml";

    private static CarrierProfile carrierProfile(ConfigValues values) throws ConfigException {
        String key = "interworking.carrier-profile";
        String given = values.text(key).strip();
        try {
            if (!given.isEmpty()) {
                return new CarrierProfileReader().read(values.existingPath(key, given));
            }
            return readEmbedded();
        } catch (ProfileException e) {
            throw values.get(key).error(e.getMessage());
        }
    }

    /** Reads the embedded copy where it is: a file (build output) or an entry of the gateway jar. */
    private static CarrierProfile readEmbedded() throws ProfileException {
        java.net.URL url = InterworkingConfig.class.getResource(SHIPPED_PROFILE);
        if (url == null) {
            throw new IllegalStateException(SHIPPED_PROFILE + " is not embedded in the gateway");
        }
        try {
            URI uri = url.toURI();
            if (!"jar".equals(uri.getScheme())) {
                return new CarrierProfileReader().read(Path.of(uri));
            }
            String entry = uri.toString().substring(uri.toString().indexOf("!/") + 1);
            try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                return new CarrierProfileReader().read(jar.getPath(entry));
            }
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("embedded " + SHIPPED_PROFILE + " unreadable", e);
        }
    }
}
