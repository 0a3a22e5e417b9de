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

/** The interworking.carrier-profile key: the carrier profile the interworking application gets. */
class CarrierProfileConfigTest {

    private static GatewaySettings load(String... args) throws ConfigException {
        return GatewaySettings.from(new GatewayConfigLoader(Map.of()).load(List.of(args)));
    }

    @Test
    void defaultIsTheShippedPlainVolteProfile() throws Exception {
        var profile = load().interworking().settings().carrierProfile();
        assertEquals("volte-plain", profile.name());
        assertEquals("ims.example.com", profile.domain());
    }

    @Test
    void aGivenFileIsReadInstead() throws Exception {
        var profile = load("--interworking.carrier-profile=../conf/profiles/volte-strict.xml")
                .interworking().settings().carrierProfile();
        assertEquals("volte-strict", profile.name());
    }

    @Test
    void aBadProfileStopsTheGatewayWithTheProfilesFileAndLine(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.xml");
        Files.writeString(bad, Files.readString(Path.of("../conf/profiles/volte-plain.xml"))
                .replace("<s-cscf>sip:scscf.ims.example.com:5060;lr</s-cscf>", "<s-cscf>mailto:scscf</s-cscf>"));
        Path conf = dir.resolve("gw.conf");
        Files.writeString(conf, "interworking.carrier-profile = " + bad + "\n");
        ConfigException e = assertThrows(ConfigException.class, () -> load("--config", conf.toString()));
        assertTrue(e.getMessage().startsWith(conf + ":1: interworking.carrier-profile: " + bad + ":9:"), e.getMessage());
        assertTrue(e.getMessage().contains("is not a SIP URI"), e.getMessage());
    }

    @Test
    void aMissingFileIsNamed(@TempDir Path dir) {
        ConfigException e = assertThrows(ConfigException.class,
                () -> load("--interworking.carrier-profile=" + dir.resolve("none.xml")));
        assertTrue(e.getMessage().contains("none.xml' does not exist"), e.getMessage());
    }
}
