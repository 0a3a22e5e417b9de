package org.webims.gateway.config;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.webims.ims.profile.CarrierProfile;
import org.webims.ims.profile.CarrierProfileReader;
import org.webims.ims.profile.ProfileException;
import org.webims.ims.profile.WebAuthentication;
import org.webims.interworking.settings.StaticSettings;
import org.webims.interworking.settings.UsersFile;
import org.webims.interworking.settings.WebUser;

/**
 * Reads the {@code interworking.*} keys of conf/gateway.conf: whether the gateway deploys the
 * interworking application, and the settings it shares with it (domain, users file, IMS next
 * hop, carrier profile), and the {@code media.nodes*} keys: remote media nodes its calls use
 * instead of the gateway's own.
 *
 * <p>A carrier profile named by {@code interworking.carrier-profile} (a deployed profile) drives
 * the web side too: the domain, the S-CSCF as IMS next hop, web authentication (digest realm and
 * nonce lifetime, or bearer tokens) and the WebSocket origins. A gateway key that is set wins over
 * the profile (a local override); an empty one takes the profile's. With no profile named, the
 * embedded shipped profile gives only the IMS policies, and the web side is the gateway's: domain
 * {@value #DEFAULT_DOMAIN}, digest in that realm with {@value #DEFAULT_NONCE_SECONDS} s nonces,
 * origins from {@code sip.ws.allowed-origins}.
 *
 * @param enabled    whether the built-in application is deployed
 * @param settings   what it is told; null when not enabled
 * @param mediaNodes Kurento-protocol URIs of remote media nodes; empty: the in-process node
 * @param mediaNodesToken the token those nodes ask for; empty: none
 * @param profileOrigins the WebSocket origins a deployed profile allows (RFC 6455 §10.2); empty:
 *                   no profile deployed, or it allows every origin
 */
public record InterworkingConfig(boolean enabled, StaticSettings settings, List<URI> mediaNodes,
                                 String mediaNodesToken, List<String> profileOrigins) {

    /** The web users' domain when neither interworking.domain nor a deployed profile names one. */
    static final String DEFAULT_DOMAIN = "webims.test";
    /** RFC 7616 §3.3 leaves the nonce lifetime to the server: five minutes without a deployed profile. */
    static final int DEFAULT_NONCE_SECONDS = 300;

    public InterworkingConfig {
        mediaNodes = List.copyOf(mediaNodes);
        profileOrigins = List.copyOf(profileOrigins);
    }

    /** The demo users file built into the gateway (conf/demo-users), used while demo.ims is on. */
    static final String DEMO_USERS_RESOURCE = "demo-users";

    static InterworkingConfig from(ConfigValues values, DemoImsConfig demo) throws ConfigException {
        boolean enabled = values.bool("interworking.enabled");
        boolean deployed = !values.text("interworking.carrier-profile").isBlank();
        CarrierProfile profile = enabled ? carrierProfile(values) : null;
        String domain = values.text("interworking.domain").strip();
        if (!domain.isEmpty() && !domain.matches("[A-Za-z0-9.-]+")) {
            throw values.get("interworking.domain").error("needs a domain name, e.g. ims.example.net");
        }
        if (domain.isEmpty()) {
            domain = deployed && profile != null ? profile.domain() : DEFAULT_DOMAIN;
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
        if (nextHop.isEmpty() && deployed && profile != null) {
            nextHop = profile.network().scscf(); // TS 24.229 §5.7.3: the AS originates toward the S-CSCF
        }
        if (!nextHop.isEmpty() && !nextHop.startsWith("sip:")) {
            throw values.get("interworking.ims-next-hop").error("needs a sip: URI, e.g. sip:scscf.ims.example.net:5060");
        }
        List<URI> nodes = mediaNodes(values);
        String token = values.text("media.nodes.token").strip();
        if (!enabled) {
            return new InterworkingConfig(false, null, nodes, token, List.of());
        }
        StaticSettings settings = StaticSettings.of(domain, users,
                nextHop.isEmpty() ? Optional.empty() : Optional.of(nextHop), profile);
        if (!deployed) {
            settings = settings.withWebAuthentication(new WebAuthentication.Digest(domain,
                    Duration.ofSeconds(DEFAULT_NONCE_SECONDS)));
        }
        return new InterworkingConfig(true, settings, nodes, token,
                deployed ? profile.webAccess().allowedOrigins() : List.of());
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
