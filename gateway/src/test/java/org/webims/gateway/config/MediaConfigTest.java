package org.webims.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webims.media.node.MediaInterface;
import org.webims.media.node.MediaNodeSettings;
import org.webims.media.transport.PortRange;

/** The media.* keys as the gateway reads them into the media node's settings. */
class MediaConfigTest {

    private static MediaNodeSettings load(String... args) throws ConfigException {
        return GatewaySettings.from(new GatewayConfigLoader(Map.of()).load(List.of(args))).media();
    }

    private static String errorOf(Path dir, String content) throws Exception {
        Path conf = dir.resolve("media.conf");
        Files.writeString(conf, content);
        ConfigException e = assertThrows(ConfigException.class, () -> load("--config", conf.toString()));
        return e.getMessage().substring(conf.toString().length());
    }

    @Test
    void defaultsBindLoopbackWithTheDocumentedRange() throws Exception {
        MediaNodeSettings media = load();
        MediaInterface loopback = new MediaInterface(InetAddress.getByName("127.0.0.1"), null);
        assertEquals(loopback, media.web(), "the web side binds media.bind-address");
        assertEquals(loopback, media.ims(), "and so does the IMS side");
        assertEquals(new PortRange(40000, 49999), media.ports());
        assertEquals(Runtime.getRuntime().availableProcessors(), media.ioThreads());
        assertEquals(Duration.ofSeconds(3), media.engine().flowTimeout());
        assertEquals(1000, media.engine().maxPipelines());
        assertEquals(Duration.ofMillis(300), media.engine().keyframeCoalescingInterval());
    }

    @Test
    void theWebConsentTimeoutIsRfc7675sThirtySecondsByDefaultAndNoMoreThanThat(@TempDir Path dir) throws Exception {
        assertEquals(Duration.ofSeconds(30), GatewaySettings.from(new GatewayConfigLoader(Map.of()).load(List.of()))
                .webConsentTimeout());
        assertEquals(Duration.ofSeconds(4), GatewaySettings.from(new GatewayConfigLoader(Map.of())
                .load(List.of("--media.web.consent-timeout-seconds=4"))).webConsentTimeout());
        // past 30 s we would keep sending to a peer whose consent RFC 7675 §5.1 says has expired
        assertEquals(":2: media.web.consent-timeout-seconds: '31' is outside 1..30",
                errorOf(dir, "# a minute\nmedia.web.consent-timeout-seconds = 31\n"));
        assertEquals(":1: media.web.consent-timeout-seconds: '0' is outside 1..30",
                errorOf(dir, "media.web.consent-timeout-seconds = 0\n"));
        assertEquals(":1: media.web.consent-timeout-seconds: '30s' is not a whole number",
                errorOf(dir, "media.web.consent-timeout-seconds = 30s\n"));
    }

    @Test
    void theKeyframeCoalescingIntervalIsASettingAndZeroPassesEveryRequest() throws Exception {
        assertEquals(Duration.ZERO, load("--media.keyframe-coalescing-millis=0").engine().keyframeCoalescingInterval());
        assertEquals(Duration.ofMillis(150),
                load("--media.keyframe-coalescing-millis=150").engine().keyframeCoalescingInterval());
    }

    @Test
    void publicAddressIsAdvertisedInsteadOfTheBindAddress() throws Exception {
        MediaNodeSettings media = load("--media.public-address=203.0.113.7", "--media.ports=20000-20099");
        assertEquals(InetAddress.getByName("203.0.113.7"), media.web().advertisedAddress());
        assertEquals(InetAddress.getByName("203.0.113.7"), media.ims().advertisedAddress());
        assertEquals(new PortRange(20000, 20099), media.ports());
    }

    @Test
    void eachSideBindsItsOwnAddressAndTheSharedPublicAddressStaysWithTheSharedBindAddress() throws Exception {
        MediaNodeSettings media = load("--media.bind-address=10.0.0.5", "--media.public-address=203.0.113.7",
                "--media.ims.bind-address=10.1.0.5");
        assertEquals(new MediaInterface(InetAddress.getByName("10.0.0.5"), InetAddress.getByName("203.0.113.7")),
                media.web(), "the web side keeps media.bind-address and the NAT's address for it");
        assertEquals(new MediaInterface(InetAddress.getByName("10.1.0.5"), null), media.ims(),
                "the core side advertises its own address, not what the NAT maps the other interface to");
    }

    @Test
    void eachSideTakesItsOwnPublicAddress() throws Exception {
        MediaNodeSettings media = load("--media.web.bind-address=192.0.2.10", "--media.web.public-address=203.0.113.7",
                "--media.ims.bind-address=10.1.0.5", "--media.ims.public-address=198.51.100.9");
        assertEquals(new MediaInterface(InetAddress.getByName("192.0.2.10"), InetAddress.getByName("203.0.113.7")),
                media.web());
        assertEquals(new MediaInterface(InetAddress.getByName("10.1.0.5"), InetAddress.getByName("198.51.100.9")),
                media.ims());
    }

    @Test
    void theWebSideTakesAListOfInterfacesEachWithItsOwnPublicAddress() throws Exception {
        MediaNodeSettings media = load("--media.web.bind-address=10.0.0.5=203.0.113.7, 10.0.1.5",
                "--media.ims.bind-address=10.1.0.5");
        assertEquals(List.of(new MediaInterface(InetAddress.getByName("10.0.0.5"), InetAddress.getByName("203.0.113.7")),
                new MediaInterface(InetAddress.getByName("10.0.1.5"), null)), media.webInterfaces());
        assertEquals(media.webInterfaces().get(0), media.web(), "the first is the c= line's");
        assertEquals(List.of(new MediaInterface(InetAddress.getByName("10.0.0.5"), InetAddress.getByName("198.51.100.9")),
                new MediaInterface(InetAddress.getByName("10.0.1.5"), null)),
                load("--media.web.bind-address=10.0.0.5,10.0.1.5", "--media.web.public-address=198.51.100.9")
                        .webInterfaces(), "media.web.public-address is the first entry's");
        assertEquals(1, load().webInterfaces().size(), "the default is one web address");
    }

    @Test
    void rejectsABadWebInterfaceEntryNamingFileLineKeyAndEntry(@TempDir Path dir) throws Exception {
        assertEquals(":2: media.web.bind-address: entry '10.0.1.5=nat.example.net': 'nat.example.net' is not an IP address",
                errorOf(dir, "# two web interfaces\nmedia.web.bind-address = 10.0.0.5, 10.0.1.5=nat.example.net\n"));
        assertEquals(":1: media.web.bind-address: entry '10.0.0.5': 10.0.0.5 is listed twice",
                errorOf(dir, "media.web.bind-address = 10.0.0.5,10.0.0.5\n"));
    }

    @Test
    void rejectsAHostNameForASidesBindAddressNamingFileAndLine(@TempDir Path dir) throws Exception {
        assertEquals(":3: media.ims.bind-address: 'core.example.net' is not an IP address",
                errorOf(dir, "media.web.bind-address = 127.0.0.1\n# the core's interface\n"
                        + "media.ims.bind-address = core.example.net\n"));
    }

    @Test
    void rejectsABadWebPublicAddressNamingFileAndLine(@TempDir Path dir) throws Exception {
        assertEquals(":1: media.web.public-address: 'nat.example.net' is not an IP address",
                errorOf(dir, "media.web.public-address = nat.example.net\n"));
    }

    @Test
    void rejectsARangeBackwards(@TempDir Path dir) throws Exception {
        assertEquals(":1: media.ports: '5000-4000' must lie within 1024..65535, low end first",
                errorOf(dir, "media.ports = 5000-4000\n"));
    }

    @Test
    void rejectsATooSmallRange(@TempDir Path dir) throws Exception {
        assertEquals(":1: media.ports: needs at least 4 ports (two RTP/RTCP pairs)",
                errorOf(dir, "media.ports = 40000-40001\n"));
    }

    @Test
    void rejectsAHostNameWhereAnAddressIsNeeded(@TempDir Path dir) throws Exception {
        assertEquals(":2: media.bind-address: 'media.example.com' is not an IP address",
                errorOf(dir, "# media\nmedia.bind-address = media.example.com\n"));
    }
}
