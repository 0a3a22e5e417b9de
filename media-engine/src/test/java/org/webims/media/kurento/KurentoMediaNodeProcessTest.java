package org.webims.media.kurento;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.kurento.client.KurentoClient;
import org.kurento.client.MediaPipeline;
import org.kurento.client.RtpEndpoint;
import org.webims.media.node.MediaInterface;
import org.webims.media.node.MediaNodeMain;
import org.webims.media.node.MediaNodeOptions;
import org.webims.media.transport.PortRange;

/** A media node as a separate process ({@link MediaNodeMain}), driven over the Kurento protocol. */
class KurentoMediaNodeProcessTest {

    @Test
    void badFlagsExitWithCode2AndSayWhatIsWrong() throws Exception {
        Process p = launch("--ports", "9000");
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the process ended");
        assertEquals(2, p.exitValue());
        assertTrue(err.contains("--ports must be MIN-MAX"), err);

        Process unknown = launch("--colour", "blue");
        String unknownErr = new String(unknown.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(unknown.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, unknown.exitValue());
        assertTrue(unknownErr.contains("unknown flag --colour") && unknownErr.contains("usage:"), unknownErr);
    }

    @Test
    void optionsRefuseNamesRangesAndMissingValues() {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> MediaNodeOptions.parse("--bind", "localhost")).getMessage().contains("--bind"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> MediaNodeOptions.parse("--kurento-listen", "127.0.0.1:70000")).getMessage().contains("70000"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> MediaNodeOptions.parse("--ports", "5000-4000")).getMessage().contains("--ports"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> MediaNodeOptions.parse("--token")).getMessage().contains("--token needs a value"));
        MediaNodeOptions ok = MediaNodeOptions.parse("--kurento-listen", "127.0.0.1:0", "--ports", "20000-20099",
                "--token", "s3cret");
        assertEquals(new PortRange(20000, 20099), ok.node().ports());
        assertEquals("s3cret", ok.kurento().token());
        assertEquals(0, ok.kurento().port());
    }

    @Test
    void sideFlagsBindEachSideOnItsOwnAddressAndTheSharedPublicAddressStaysWithTheSharedBind() throws Exception {
        MediaNodeOptions same = MediaNodeOptions.parse("--bind", "10.0.0.5", "--public", "203.0.113.7");
        MediaInterface nat = new MediaInterface(InetAddress.getByName("10.0.0.5"), InetAddress.getByName("203.0.113.7"));
        assertEquals(nat, same.node().web(), "without side flags both sides are as before");
        assertEquals(nat, same.node().ims());

        MediaNodeOptions split = MediaNodeOptions.parse("--bind", "10.0.0.5", "--public", "203.0.113.7",
                "--ims-bind", "10.1.0.5");
        assertEquals(nat, split.node().web());
        assertEquals(new MediaInterface(InetAddress.getByName("10.1.0.5"), null), split.node().ims(),
                "the NAT maps the other interface: the core side advertises its own address");

        MediaNodeOptions own = MediaNodeOptions.parse("--web-bind", "192.0.2.10", "--web-public", "203.0.113.7",
                "--ims-bind", "10.1.0.5", "--ims-public", "198.51.100.9");
        assertEquals(new MediaInterface(InetAddress.getByName("192.0.2.10"), InetAddress.getByName("203.0.113.7")),
                own.node().web());
        assertEquals(new MediaInterface(InetAddress.getByName("10.1.0.5"), InetAddress.getByName("198.51.100.9")),
                own.node().ims());
        assertEquals("--ims-bind: 'core.example.net' is not an IP address", assertThrows(IllegalArgumentException.class,
                () -> MediaNodeOptions.parse("--ims-bind", "core.example.net")).getMessage());
        assertEquals("--web-public needs a value", assertThrows(IllegalArgumentException.class,
                () -> MediaNodeOptions.parse("--web-public")).getMessage());
    }

    @Test
    void webBindTakesAListOfInterfacesEachWithItsOwnPublicAddress() throws Exception {
        MediaNodeOptions two = MediaNodeOptions.parse("--web-bind", "10.0.0.5=203.0.113.7,10.0.1.5", "--ims-bind",
                "10.1.0.5");
        assertEquals(List.of(new MediaInterface(InetAddress.getByName("10.0.0.5"), InetAddress.getByName("203.0.113.7")),
                new MediaInterface(InetAddress.getByName("10.0.1.5"), null)), two.node().webInterfaces());
        assertEquals(two.node().webInterfaces().get(0), two.node().web(), "the first is the c= line's");
        assertEquals("--web-bind: entry '10.0.1.5=nat.example.net': 'nat.example.net' is not an IP address",
                assertThrows(IllegalArgumentException.class,
                        () -> MediaNodeOptions.parse("--web-bind", "10.0.0.5,10.0.1.5=nat.example.net")).getMessage());
        assertEquals("--web-public: 'nat.example.net' is not an IP address", assertThrows(IllegalArgumentException.class,
                () -> MediaNodeOptions.parse("--web-bind", "10.0.0.5", "--web-public", "nat.example.net")).getMessage());
    }

    @Test
    void nodeProcessServesKurentoClientsAndStopsOnSigterm() throws Exception {
        PortRange ports = KurentoNodeFixture.freeRange(20);
        Process p = launch("--kurento-listen", "127.0.0.1:0", "--ports", ports.min() + "-" + ports.max(),
                "--bind", "127.0.0.1", "--token", "node-token");
        try {
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        lines.add(line);
                    }
                } catch (java.io.IOException e) {
                    // the process went away
                }
            }, "media-node-stdout");
            reader.setDaemon(true);
            reader.start();
            String uri = null;
            List<String> seen = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (uri == null && System.nanoTime() < deadline && (p.isAlive() || !lines.isEmpty())) {
                String line = lines.poll(1, TimeUnit.SECONDS);
                if (line != null) {
                    seen.add(line);
                    if (line.startsWith("media node listening on ")) {
                        uri = line.substring("media node listening on ".length());
                    }
                }
            }
            assertNotNull(uri, "the node printed where it listens: " + seen);

            KurentoClient client = KurentoClient.create(uri + "?token=node-token");
            try {
                MediaPipeline pipeline = client.createMediaPipeline();
                RtpEndpoint endpoint = new RtpEndpoint.Builder(pipeline).build();
                String offer = endpoint.generateOffer();
                assertTrue(offer.contains("c=IN IP4 127.0.0.1"), offer);
                int audioPort = Integer.parseInt(offer.replaceAll("(?s).*?m=audio (\\d+) .*", "$1"));
                assertTrue(audioPort >= ports.min() && audioPort <= ports.max(), "port from --ports: " + audioPort);
            } finally {
                client.destroy();
            }
            p.destroy(); // SIGTERM: the shutdown hook closes the node
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the node stopped on SIGTERM");
        } finally {
            p.destroyForcibly();
        }
    }

    private static Process launch(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), MediaNodeMain.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).start();
    }
}
