package org.webims.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The media.nodes keys: remote media nodes for the interworking application's calls. */
class MediaNodesConfigTest {

    private static InterworkingConfig load(String... args) throws ConfigException {
        return GatewaySettings.from(new GatewayConfigLoader(Map.of()).load(List.of(args))).interworking();
    }

    @Test
    void noNodesByDefaultSoCallsUseTheGatewaysOwnNode() throws Exception {
        InterworkingConfig config = load();
        assertTrue(config.mediaNodes().isEmpty());
        assertEquals("", config.mediaNodesToken());
    }

    @Test
    void readsNodesInOrderWithTheirToken() throws Exception {
        InterworkingConfig config = load("--media.nodes=ws://127.0.0.1:8888/kurento, wss://10.0.0.6:8433/kurento",
                "--media.nodes.token=s3cret");
        assertEquals(List.of(URI.create("ws://127.0.0.1:8888/kurento"), URI.create("wss://10.0.0.6:8433/kurento")),
                config.mediaNodes());
        assertEquals("s3cret", config.mediaNodesToken());
    }

    @Test
    void rejectsANodeWithoutWebSocketSchemeOrPortNamingFileAndLine(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("nodes.conf");
        Files.writeString(conf, "# nodes\nmedia.nodes = http://127.0.0.1:8888/kurento\n");
        ConfigException e = assertThrows(ConfigException.class, () -> load("--config", conf.toString()));
        assertEquals(conf + ":2: media.nodes: 'http://127.0.0.1:8888/kurento' needs ws:// or wss://, a host and a port,"
                + " e.g. ws://10.0.0.5:8888/kurento", e.getMessage());
        ConfigException noPort = assertThrows(ConfigException.class, () -> load("--media.nodes=ws://127.0.0.1/kurento"));
        assertTrue(noPort.getMessage().contains("needs ws:// or wss://"), noPort.getMessage());
    }
}
