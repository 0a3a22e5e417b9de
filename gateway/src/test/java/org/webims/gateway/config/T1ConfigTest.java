package org.webims.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webims.sip.stack.timer.TimerT1;

/** The sip.t1-millis key (RFC 3261 §17.1.1.1's T1) as the gateway reads it into the stack's settings. */
class T1ConfigTest {

    private static GatewaySettings load(Map<String, String> env, String... args) throws ConfigException {
        return GatewaySettings.from(new GatewayConfigLoader(env).load(List.of(args)));
    }

    @Test
    void defaultIsTheRfcs500Milliseconds() throws Exception {
        assertEquals(TimerT1.DEFAULT, load(Map.of()).sip().t1());
        assertEquals(500, load(Map.of()).sip().t1().millis());
    }

    @Test
    void flagAndEnvironmentReachTheStackSettings() throws Exception {
        assertEquals(TimerT1.ofMillis(100), load(Map.of(), "--sip.t1-millis=100").sip().t1());
        assertEquals(TimerT1.ofMillis(2000), load(Map.of("WEBIMS_SIP_T1_MILLIS", "2000")).sip().t1());
    }

    @Test
    void valueOutsideTheBoundsIsRejectedWithFileAndLine(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("bad.conf");
        Files.writeString(conf, "# a LAN\nsip.t1-millis = 5\n");
        ConfigException e = assertThrows(ConfigException.class, () -> load(Map.of(), "--config", conf.toString()));
        assertEquals(conf + ":2: sip.t1-millis: '5' is outside 50..10000", e.getMessage());
        e = assertThrows(ConfigException.class, () -> load(Map.of(), "--sip.t1-millis=60000"));
        assertEquals("command line --sip.t1-millis: sip.t1-millis: '60000' is outside 50..10000", e.getMessage());
    }

    @Test
    void nonNumericValueIsRejected() {
        ConfigException e = assertThrows(ConfigException.class, () -> load(Map.of(), "--sip.t1-millis=500ms"));
        assertEquals("command line --sip.t1-millis: sip.t1-millis: '500ms' is not a whole number", e.getMessage());
    }
}
