package org.webims.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webims.sip.stack.ListenAddress;
import org.webims.sip.stack.SipTransport;

class GatewayConfigLoaderTest {

    private static GatewaySettings load(Map<String, String> env, String... args) throws ConfigException {
        return GatewaySettings.from(new GatewayConfigLoader(env).load(List.of(args)));
    }

    @Test
    void embeddedDefaultsListenOnLoopbackStandardPorts() throws Exception {
        GatewaySettings settings = load(Map.of());
        assertEquals(List.of(
                new ListenAddress(SipTransport.UDP, "127.0.0.1", 5060),
                new ListenAddress(SipTransport.TCP, "127.0.0.1", 5060),
                new ListenAddress(SipTransport.WS, "127.0.0.1", 5062)), settings.sip().listenAddresses());
        assertEquals("127.0.0.1:8080", settings.http().toString());
    }

    @Test
    void fileThenEnvironmentThenFlagsWin(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("x.conf");
        Files.writeString(conf, "sip.udp.listen = 127.0.0.1:6000\nsip.tcp.listen = 127.0.0.1:6001\nhttp.listen = 127.0.0.1:6002\n");
        GatewaySettings settings = load(
                Map.of("WEBIMS_SIP_TCP_LISTEN", "127.0.0.1:7001", "WEBIMS_HTTP_LISTEN", "127.0.0.1:7002"),
                "--config", conf.toString(), "--http.listen=127.0.0.1:8002");
        assertEquals(6000, settings.sip().listenAddresses().get(0).port(), "file");
        assertEquals(7001, settings.sip().listenAddresses().get(1).port(), "environment over file");
        assertEquals(8002, settings.http().port(), "flag over environment");
    }

    @Test
    void configFileFromEnvironmentVariable(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("env.conf");
        Files.writeString(conf, "sip.ws.listen = off\n");
        GatewaySettings settings = load(Map.of("WEBIMS_CONFIG", conf.toString()));
        assertTrue(settings.sip().listenAddresses().stream().noneMatch(a -> a.transport() == SipTransport.WS));
    }

    @Test
    void badPortNamesFileLineAndKey(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("bad.conf");
        Files.writeString(conf, "# comment\nhttp.listen = 127.0.0.1:8080\nsip.tcp.listen = 127.0.0.1:0\n");
        ConfigException e = assertThrows(ConfigException.class, () -> load(Map.of(), "--config", conf.toString()));
        assertEquals(conf + ":3: sip.tcp.listen: '127.0.0.1:0': port 0 is outside 1..65535", e.getMessage());
    }

    @Test
    void malformedLineIsRejected(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("bad.conf");
        Files.writeString(conf, "\n\nthis line has no equals sign\n");
        ConfigException e = assertThrows(ConfigException.class, () -> load(Map.of(), "--config", conf.toString()));
        assertTrue(e.getMessage().startsWith(conf + ":3: expected 'key = value'"), e.getMessage());
    }

    @Test
    void keyGivenTwiceIsRejected(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("twice.conf");
        Files.writeString(conf, "http.listen = off\nhttp.listen = 127.0.0.1:1\n");
        ConfigException e = assertThrows(ConfigException.class, () -> load(Map.of(), "--config", conf.toString()));
        assertEquals(conf + ":2: http.listen: given twice (first at " + conf + ":1)", e.getMessage());
    }

    @Test
    void badEnvironmentValueNamesTheVariable() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> load(Map.of("WEBIMS_SHUTDOWN_GRACE_SECONDS", "-1")));
        assertEquals("environment WEBIMS_SHUTDOWN_GRACE_SECONDS: shutdown.grace-seconds: '-1' is outside 0..300", e.getMessage());
    }

    @Test
    void ipv6NeedsBrackets() throws Exception {
        assertEquals("::1", load(Map.of(), "--sip.udp.listen=[::1]:5060").sip().listenAddresses().get(0).host());
        ConfigException e = assertThrows(ConfigException.class, () -> load(Map.of(), "--sip.udp.listen=::1:5060"));
        assertTrue(e.getMessage().contains("brackets"), e.getMessage());
    }

    @Test
    void everySipListenerOffIsRefused() {
        ConfigException e = assertThrows(ConfigException.class, () -> load(Map.of(),
                "--sip.udp.listen=off", "--sip.tcp.listen=off", "--sip.ws.listen=off"));
        assertTrue(e.getMessage().contains("every SIP listener is off"), e.getMessage());
    }

    @Test
    void httpCanBeTurnedOff() throws Exception {
        assertNull(load(Map.of(), "--http.listen=off").http());
    }

    @Test
    void missingConfigFileIsNamed() {
        ConfigException e = assertThrows(ConfigException.class, () -> load(Map.of(), "--config", "/nonexistent/x.conf"));
        assertEquals("/nonexistent/x.conf: no such configuration file", e.getMessage());
    }

    @Test
    void strayArgumentIsRejected() {
        ConfigException e = assertThrows(ConfigException.class, () -> load(Map.of(), "start"));
        assertTrue(e.getMessage().contains("'start' is not --config FILE or --key=value"), e.getMessage());
    }
}
