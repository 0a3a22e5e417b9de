package org.webims.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webims.webrtc.iceservers.IceServers;

/** The webrtc.* keys: STUN and TURN servers for web clients and their TURN credentials (decision 0072). */
class IceServersConfigTest {

    private static IceServers load(Map<String, String> env, String... args) throws ConfigException {
        return GatewaySettings.from(new GatewayConfigLoader(env).load(List.of(args))).iceServers();
    }

    private static String refused(String... args) {
        return assertThrows(ConfigException.class, () -> load(Map.of(), args)).getMessage();
    }

    @Test
    void byDefaultBrowsersAreGivenNoServers() throws Exception {
        assertEquals("[]", load(Map.of()).json(null));
    }

    @Test
    void stunAndTurnWithASharedSecretGiveEphemeralCredentials() throws Exception {
        IceServers servers = load(Map.of("WEBIMS_WEBRTC_TURN_SECRET", "shared"),
                "--webrtc.stun-urls=stun:stun.example.net", "--webrtc.turn-urls=turn:turn.example.net?transport=udp, turns:turn.example.net:443?transport=tcp",
                "--webrtc.turn-credential-lifetime-seconds=3600");
        assertEquals("[stun:stun.example.net:3478]", servers.stun().toString());
        assertEquals("[turn:turn.example.net:3478?transport=udp, turns:turn.example.net:443?transport=tcp]",
                servers.turn().toString());
        String json = servers.json("alice");
        long expiry = Long.parseLong(json.replaceAll(".*\"username\":\"(\\d+):alice\".*", "$1"));
        long now = System.currentTimeMillis() / 1000;
        assertTrue(expiry > now + 3500 && expiry <= now + 3600, "an hour from now: " + json);
    }

    @Test
    void staticCredentialsAreHandedOutAsGiven() throws Exception {
        String json = load(Map.of(), "--webrtc.turn-urls=turn:192.0.2.1", "--webrtc.turn-username=carrier",
                "--webrtc.turn-password=pw").json(null);
        assertEquals("[{\"urls\":[\"turn:192.0.2.1:3478\"],\"username\":\"carrier\",\"credential\":\"pw\"}]", json);
    }

    @Test
    void turnCredentialsOnAnHttpListenerBeyondLoopbackWithDigestWebUsersStopStartUp(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("exposed.conf");
        Files.writeString(conf, "http.listen = 0.0.0.0:8080\nwebrtc.turn-secret = s\nwebrtc.turn-urls = turn:turn.example.net\n");
        ConfigException e = assertThrows(ConfigException.class, () -> load(Map.of(), "--config", conf.toString()));
        assertTrue(e.getMessage().startsWith(conf + ":3: webrtc.turn-urls: GET /webrtc/ice-servers would hand TURN"
                + " credentials to anyone who reaches http.listen 0.0.0.0:8080"), e.getMessage());
        // the operator's word, or a loopback listener, or no TURN: start-up goes on
        load(Map.of(), "--config", conf.toString(), "--webrtc.turn-open-access=true");
        load(Map.of(), "--config", conf.toString(), "--http.listen=127.0.0.1:8080");
        load(Map.of(), "--http.listen=0.0.0.0:8080", "--webrtc.stun-urls=stun:stun.example.net");
    }

    @Test
    void aMalformedUrlStopsStartUpWithFileLineAndKey(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("ice.conf");
        Files.writeString(conf, "# our TURN\nwebrtc.turn-secret = s\nwebrtc.turn-urls = turn://turn.example.net\n");
        ConfigException e = assertThrows(ConfigException.class, () -> load(Map.of(), "--config", conf.toString()));
        assertEquals(conf + ":3: webrtc.turn-urls: 'turn://turn.example.net': write turn:host[:port], with no //, user@ or path",
                e.getMessage());
    }

    @Test
    void badCombinationsAreRefusedNamingTheKey() {
        assertEquals("command line --webrtc.stun-urls: webrtc.stun-urls: 'turn:t.example.net': webrtc.stun-urls takes stun: and stuns: URLs",
                refused("--webrtc.stun-urls=turn:t.example.net"));
        assertTrue(refused("--webrtc.turn-urls=turn:t.example.net").contains("webrtc.turn-urls: TURN needs credentials"));
        assertTrue(refused("--webrtc.turn-secret=s").contains("webrtc.turn-secret: TURN credentials are set but webrtc.turn-urls is empty"));
        assertTrue(refused("--webrtc.turn-urls=turn:t.example.net", "--webrtc.turn-secret=s", "--webrtc.turn-username=u",
                "--webrtc.turn-password=p").contains("not both"));
        assertTrue(refused("--webrtc.turn-urls=turn:t.example.net", "--webrtc.turn-username=u")
                .contains("webrtc.turn-password: webrtc.turn-username and webrtc.turn-password go together"));
        assertTrue(refused("--webrtc.turn-credential-lifetime-seconds=10").contains("'10' is outside 60..604800"));
        assertTrue(refused("--webrtc.turn-urls=turn:t.example.net?transport=sctp", "--webrtc.turn-secret=s")
                .contains("?transport=udp or ?transport=tcp"));
    }

    @Test
    void browsersAreAskedToRelayOnlyWhenTurnServersAreGiven() throws Exception {
        assertEquals("all", load(Map.of()).iceTransportPolicy());
        assertEquals("relay", load(Map.of(), "--webrtc.turn-urls=turn:t.example.net", "--webrtc.turn-secret=s",
                "--webrtc.ice-transport-policy=relay").iceTransportPolicy());
        assertEquals("command line --webrtc.ice-transport-policy: webrtc.ice-transport-policy: relay needs webrtc.turn-urls",
                refused("--webrtc.ice-transport-policy=relay"));
        assertTrue(refused("--webrtc.ice-transport-policy=none").contains("'none' is not all or relay"));
    }
}
