package org.webims.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webims.sip.sessiontimer.SessionTimerSettings;

/** The sip.session-timer.* keys (RFC 4028) as the gateway reads them into the container's settings. */
class SessionTimerConfigTest {

    private static GatewaySettings load(Map<String, String> env, String... args) throws ConfigException {
        return GatewaySettings.from(new GatewayConfigLoader(env).load(List.of(args)));
    }

    @Test
    void defaultsAreOnWith1800SecondsAndMinSe90() throws Exception {
        assertEquals(new SessionTimerSettings(true, 1800, 90), load(Map.of()).sessionTimers());
    }

    @Test
    void keysFromFileEnvironmentAndFlagsReachTheSettings(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("timers.conf");
        Files.writeString(conf, "sip.session-timer.expires = 600\nsip.session-timer.min-se = 120\n");
        GatewaySettings settings = load(Map.of("WEBIMS_SIP_SESSION_TIMER_MIN_SE", "300"),
                "--config", conf.toString(), "--sip.session-timer.enabled=false");
        assertEquals(new SessionTimerSettings(false, 600, 300), settings.sessionTimers());
    }

    @Test
    void minSeBelow90IsRejectedWithFileAndLine(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("bad.conf");
        Files.writeString(conf, "# timers\nsip.session-timer.min-se = 30\n");
        ConfigException e = assertThrows(ConfigException.class, () -> load(Map.of(), "--config", conf.toString()));
        assertEquals(conf + ":2: sip.session-timer.min-se: '30' is outside 90..86400", e.getMessage());
    }

    @Test
    void sessionExpiresBelowMinSeIsRejectedWithFileAndLine(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("bad.conf");
        Files.writeString(conf, "sip.session-timer.min-se = 120\nsip.session-timer.expires = 100\n");
        ConfigException e = assertThrows(ConfigException.class, () -> load(Map.of(), "--config", conf.toString()));
        assertEquals(conf + ":2: sip.session-timer.expires: '100' is outside 120..86400", e.getMessage());
    }

    @Test
    void enabledMustBeTrueOrFalse(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("bad.conf");
        Files.writeString(conf, "sip.session-timer.enabled = sometimes\n");
        ConfigException e = assertThrows(ConfigException.class, () -> load(Map.of(), "--config", conf.toString()));
        assertEquals(conf + ":1: sip.session-timer.enabled: 'sometimes' is not true or false", e.getMessage());
    }

    @Test
    void nonNumericExpiresIsRejected() {
        ConfigException e = assertThrows(ConfigException.class, () -> load(Map.of(), "--sip.session-timer.expires=30m"));
        assertEquals("command line --sip.session-timer.expires: sip.session-timer.expires: '30m' is not a whole number", e.getMessage());
    }
}
