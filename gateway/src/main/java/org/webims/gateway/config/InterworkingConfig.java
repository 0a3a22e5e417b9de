package org.webims.gateway.config;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
 * hop, carrier profile), and the {@code media.nodes*} keys: remote media nodes its calls use
 * instead of the gateway's own.
 *
 * @param enabled    whether the built-in application is deployed
 * @param settings   what it is told; null when not enabled
 * @param mediaNodes Kurento-protocol URIs of remote media nodes; empty: the in-process node
 * @param mediaNodesToken the token those nodes ask for; empty: none
 */
public record InterworkingConfig(boolean enabled, StaticSettings settings, List<URI> mediaNodes,
                                 String mediaNodesToken) {

    public InterworkingConfig {
        mediaNodes = List.copyOf(mediaNodes);
    }

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
        List<URI> nodes = mediaNodes(values);
        String token = values.text("media.nodes.token").strip();
        if (!enabled) {
            return new InterworkingConfig(false, null, nodes, token);
        }
        CarrierProfile profile = carrierProfile(values);
        return new InterworkingConfig(true,
                StaticSettings.of(domain, users, nextHop.isEmpty() ? Optional.empty() : Optional.of(nextHop), profile),
                nodes, token);
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
            } catch (java.nio.file.FileSystemAlreadyExistsException open) {
                return new CarrierProfileReader().read(FileSystems.getFileSystem(uri).getPath(entry)); // not ours to close
            }
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("embedded " + SHIPPED_PROFILE + " unreadable", e);
        }
    }

    /** {@code media.nodes}: comma-separated ws:// or wss:// URIs, each with a host and a port. */
    private static List<URI> mediaNodes(ConfigValues values) throws ConfigException {
        List<URI> nodes = new ArrayList<>();
        for (String item : values.text("media.nodes").split(",")) {
            String text = item.strip();
            if (text.isEmpty()) {
                continue;
            }
            URI uri;
            try {
                uri = new URI(text);
            } catch (URISyntaxException e) {
                throw values.get("media.nodes").error("'" + text + "' is not a URI: " + e.getReason());
            }
            if (!("ws".equals(uri.getScheme()) || "wss".equals(uri.getScheme())) || uri.getHost() == null
                    || uri.getPort() < 0) {
                throw values.get("media.nodes").error("'" + text
                        + "' needs ws:// or wss://, a host and a port, e.g. ws://10.0.0.5:8888/kurento");
            }
            if (nodes.contains(uri)) {
                throw values.get("media.nodes").error("'" + text + "' is listed twice");
            }
            nodes.add(uri);
        }
        return nodes;
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
