package org.webims.testims.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sip.message.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webims.testims.agent.SipTestAgent;
import org.webims.testims.agent.WebSocketSipClient;
import org.webims.testims.net.FreePorts;
import org.webims.testims.process.GatewayProcess;

/** {@code bin/gateway} as an operator runs it: configuration errors, serving, and SIGTERM. */
class GatewayProcessTest {

    @Test
    void badValueInConfigFileExitsWith2NamingFileLineAndKey(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("carrier.conf");
        Files.writeString(conf, "# my overrides\n\nsip.udp.listen = 127.0.0.1:99999\n");
        try (GatewayProcess gateway = GatewayProcess.start(List.of("--config", conf.toString()))) {
            assertTrue(gateway.waitFor(Duration.ofSeconds(60)), "exits by itself");
            String out = gateway.output();
            assertEquals(2, gateway.exitValue(), out);
            assertTrue(out.contains(conf + ":3: sip.udp.listen: "), "names file, line and key: " + out);
            assertTrue(out.contains("99999"), "says what is wrong: " + out);
        }
    }

    @Test
    void unknownKeyInConfigFileIsRejected(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("typo.conf");
        Files.writeString(conf, "sip.udp.lisen = 127.0.0.1:5070\n");
        try (GatewayProcess gateway = GatewayProcess.start(List.of("--config", conf.toString()))) {
            assertTrue(gateway.waitFor(Duration.ofSeconds(60)));
            assertEquals(2, gateway.exitValue());
            assertTrue(gateway.output().contains(conf + ":1: sip.udp.lisen: unknown setting"), gateway.output());
        }
    }

    @Test
    void badFlagValueIsNamed() throws Exception {
        try (GatewayProcess gateway = GatewayProcess.start(List.of("--sip.max-message-bytes=lots"))) {
            assertTrue(gateway.waitFor(Duration.ofSeconds(60)));
            assertEquals(2, gateway.exitValue());
            assertTrue(gateway.output().contains("command line --sip.max-message-bytes: sip.max-message-bytes: 'lots' is not a whole number"),
                    gateway.output());
        }
    }

    @Test
    void shippedJvmOptionsReachTheJvm() throws Exception {
        // conf/jvm.options: G1 and a fixed 2 GiB heap (decision 0031). A bad gateway flag ends the
        // run at once, after the JVM has printed the flags it was started with.
        try (GatewayProcess gateway = GatewayProcess.start(List.of("--sip.max-message-bytes=lots"),
                Map.of("WEBIMS_JAVA_OPTS", "-XX:+PrintCommandLineFlags"))) {
            assertTrue(gateway.waitFor(Duration.ofSeconds(60)));
            String out = gateway.output();
            assertEquals(2, gateway.exitValue(), out);
            assertTrue(out.contains("-XX:+UseG1GC"), out);
            assertTrue(out.contains("-XX:MaxHeapSize=2147483648"), out);
            assertTrue(out.contains("-XX:InitialHeapSize=2147483648"), out);
            assertTrue(out.contains("-XX:+UseTransparentHugePages"), out); // decision 0043
        }
    }

    @Test
    void jvmOptionsComeFromTheNamedFileAndJavaOptsWin(@TempDir Path dir) throws Exception {
        Path options = dir.resolve("jvm.options");
        Files.writeString(options, "# a carrier's sizing\n-Xmx1g   # heap\n\n-XX:+PrintCommandLineFlags\n");
        try (GatewayProcess gateway = GatewayProcess.start(List.of("--sip.max-message-bytes=lots"),
                Map.of("WEBIMS_JVM_OPTIONS", options.toString(), "WEBIMS_JAVA_OPTS", "-Xmx768m"))) {
            assertTrue(gateway.waitFor(Duration.ofSeconds(60)));
            String out = gateway.output();
            assertEquals(2, gateway.exitValue(), out);
            assertTrue(out.contains("-XX:MaxHeapSize=805306368"), "WEBIMS_JAVA_OPTS comes last and wins: " + out);
            assertFalse(out.contains("-XX:MaxHeapSize=2147483648"), "the shipped file is not read: " + out);
        }
    }

    @Test
    void jvmOptionsLineThatIsNoOptionExitsWith2NamingFileAndLine(@TempDir Path dir) throws Exception {
        Path options = dir.resolve("jvm.options");
        Files.writeString(options, "-Xmx1g\nXms1g\n");
        try (GatewayProcess gateway = GatewayProcess.start(List.of(), Map.of("WEBIMS_JVM_OPTIONS", options.toString()))) {
            assertTrue(gateway.waitFor(Duration.ofSeconds(60)), "exits by itself");
            String out = gateway.output();
            assertEquals(2, gateway.exitValue(), out);
            assertTrue(out.contains(options + ":2: not a JVM option"), "names file and line: " + out);
            assertTrue(out.contains("'Xms1g'"), "says what is wrong: " + out);
        }
    }

    @Test
    void runsOnTheNewestJdkFoundWithItsVersionsOptions(@TempDir Path dir) throws Exception {
        // Two JDKs in a directory searched as /usr/lib/jvm is: the newer one runs the gateway,
        // the first line names it and why, and the options file's lines for its version apply.
        Path jdks = fakeJdks(dir);
        Path options = versionedOptions(dir);
        String out = runWithBadFlag(Map.of("WEBIMS_JDK_DIRS", jdks.toString(), "JAVA_HOME", "", "WEBIMS_JAVA", "",
                "WEBIMS_JVM_OPTIONS", options.toString()));
        assertTrue(out.contains("webims: Java 99.0.2 at " + jdks.resolve("jdk-b/bin/java") + ", the newest JDK found"), out);
        assertTrue(out.contains("launched by jdk-b"), "the chosen java is the one run: " + out);
        assertTrue(out.contains("-XX:MaxHeapSize=734003200"), "the 99- line applies: " + out);
        assertFalse(out.contains("-XX:MaxHeapSize=629145600"), "the 98 line does not: " + out);
    }

    @Test
    void javaHomeWinsOverANewerJdk(@TempDir Path dir) throws Exception {
        Path jdks = fakeJdks(dir);
        Path options = versionedOptions(dir);
        String out = runWithBadFlag(Map.of("WEBIMS_JDK_DIRS", jdks.toString(), "JAVA_HOME", jdks.resolve("jdk-a").toString(),
                "WEBIMS_JAVA", "", "WEBIMS_JVM_OPTIONS", options.toString()));
        assertTrue(out.contains("webims: Java 98.0.1 at " + jdks.resolve("jdk-a/bin/java") + ", from JAVA_HOME"), out);
        assertTrue(out.contains("launched by jdk-a"), out);
        assertTrue(out.contains("-XX:MaxHeapSize=629145600"), "the 98 line applies: " + out);
    }

    @Test
    void webimsJavaWinsOverJavaHome(@TempDir Path dir) throws Exception {
        Path jdks = fakeJdks(dir);
        String out = runWithBadFlag(Map.of("WEBIMS_JDK_DIRS", jdks.toString(), "JAVA_HOME", jdks.resolve("jdk-b").toString(),
                "WEBIMS_JAVA", jdks.resolve("jdk-a/bin/java").toString(), "WEBIMS_JVM_OPTIONS", versionedOptions(dir).toString()));
        assertTrue(out.contains("webims: Java 98.0.1 at " + jdks.resolve("jdk-a/bin/java") + ", from WEBIMS_JAVA"), out);
        assertTrue(out.contains("launched by jdk-a"), out);
    }

    @Test
    void javaOlderThan17ExitsWith2(@TempDir Path dir) throws Exception {
        Path jdks = fakeJdks(dir);
        try (GatewayProcess gateway = GatewayProcess.start(List.of(), Map.of("JAVA_HOME", jdks.resolve("jdk-old").toString(),
                "WEBIMS_JAVA", ""))) {
            assertTrue(gateway.waitFor(Duration.ofSeconds(60)), "exits by itself");
            String out = gateway.output();
            assertEquals(2, gateway.exitValue(), out);
            assertTrue(out.contains("is Java 11.0.2 (from JAVA_HOME); the gateway needs 17 or newer"), out);
            assertFalse(out.contains("launched by"), "nothing is run: " + out);
        }
    }

    /**
     * JDK homes as bin/java-select reads them (a {@code release} file, {@code bin/java}), whose
     * java names itself on stderr and runs this test's JVM: versions 98.0.1, 99.0.2 and 11.0.2.
     */
    private static Path fakeJdks(Path dir) throws Exception {
        Path jdks = dir.resolve("jvm");
        String realJava = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (String[] jdk : List.of(new String[] {"jdk-a", "98.0.1"}, new String[] {"jdk-b", "99.0.2"},
                new String[] {"jdk-old", "11.0.2"})) {
            Path bin = Files.createDirectories(jdks.resolve(jdk[0]).resolve("bin"));
            Files.writeString(jdks.resolve(jdk[0]).resolve("release"), "JAVA_VERSION=\"" + jdk[1] + "\"\n");
            Path java = bin.resolve("java");
            Files.writeString(java, "#!/bin/sh\necho 'launched by " + jdk[0] + "' >&2\nexec '" + realJava + "' \"$@\"\n");
            assertTrue(java.toFile().setExecutable(true));
        }
        return jdks;
    }

    /** An options file with lines for Java 98 only and for 99 and later (the fake versions above). */
    private static Path versionedOptions(Path dir) throws Exception {
        Path options = dir.resolve("versioned.options");
        Files.writeString(options, "-XX:+PrintCommandLineFlags\n98:-Xmx600m\n99-: -Xmx700m   # 99 and later\n");
        return options;
    }

    /** Runs bin/gateway with a bad flag, so that the JVM starts and exits with 2 at once; its output. */
    private static String runWithBadFlag(Map<String, String> environment) throws Exception {
        try (GatewayProcess gateway = GatewayProcess.start(List.of("--sip.max-message-bytes=lots"), environment)) {
            assertTrue(gateway.waitFor(Duration.ofSeconds(60)), "exits by itself");
            String out = gateway.output();
            assertEquals(2, gateway.exitValue(), out);
            assertTrue(out.contains("'lots' is not a whole number"), "the gateway itself ran: " + out);
            return out;
        }
    }

    @Test
    void servesOptionsOverUdpAndTcpThenStopsCleanlyOnSigterm() throws Exception {
        int sipPort = FreePorts.tcpAndUdp();
        int wsPort = FreePorts.tcpAndUdp();
        int httpPort = FreePorts.tcpAndUdp();
        int scscfPort = FreePorts.tcpAndUdp();
        int pcscfPort = FreePorts.tcpAndUdp();
        try (GatewayProcess gateway = GatewayProcess.start(List.of(
                "--sip.udp.listen=127.0.0.1:" + sipPort, "--sip.tcp.listen=127.0.0.1:" + sipPort,
                "--sip.ws.listen=127.0.0.1:" + wsPort, "--kurento.listen=off", "--http.listen=127.0.0.1:" + httpPort,
                "--demo.ims.scscf.listen=127.0.0.1:" + scscfPort, "--demo.ims.pcscf.listen=127.0.0.1:" + pcscfPort))) {
            gateway.awaitHealthy(httpPort, Duration.ofSeconds(90));
            for (String transport : List.of("UDP", "TCP")) {
                try (SipTestAgent agent = new SipTestAgent(transport, FreePorts.tcpAndUdp())) {
                    Response response = agent.send(agent.newRequest("OPTIONS", "127.0.0.1", sipPort), Duration.ofSeconds(10));
                    assertEquals(200, response.getStatusCode(), transport);
                }
            }

            gateway.terminate();
            assertTrue(gateway.waitFor(Duration.ofSeconds(10)), "stops within 10 s of SIGTERM");
            assertEquals(0, gateway.exitValue(), gateway.output());
            assertTrue(gateway.output().contains("stopped"), gateway.output());
            for (int port : List.of(sipPort, wsPort, httpPort, scscfPort, pcscfPort)) {
                assertTrue(FreePorts.isFree(port), "port " + port + " closed after stop");
            }
        }
    }

    @Test
    void defaultConfigurationListensOnStandardLoopbackPorts() throws Exception {
        try (GatewayProcess gateway = GatewayProcess.start(List.of())) {
            gateway.awaitHealthy(8080, Duration.ofSeconds(90));
            for (String transport : List.of("UDP", "TCP")) {
                try (SipTestAgent agent = new SipTestAgent(transport, FreePorts.tcpAndUdp())) {
                    Response response = agent.send(agent.newRequest("OPTIONS", "127.0.0.1", 5060), Duration.ofSeconds(10));
                    assertEquals(200, response.getStatusCode(), transport);
                }
            }
            try (WebSocketSipClient client = new WebSocketSipClient("127.0.0.1", 5062, Duration.ofSeconds(5))) {
                assertEquals(200, client.send(client.newRequest("OPTIONS", "127.0.0.1", 5062), Duration.ofSeconds(10)).getStatusCode());
            }
            assertTrue(kurentoPing("ws://127.0.0.1:8888/kurento").contains("\"pong\""), "Kurento protocol on 8888");
            gateway.terminate();
            assertTrue(gateway.waitFor(Duration.ofSeconds(10)));
            assertEquals(0, gateway.exitValue(), gateway.output());
        }
    }

    /** Sends a Kurento {@code ping} over the JDK's WebSocket client and returns the reply. */
    private static String kurentoPing(String uri) throws Exception {
        java.util.concurrent.CompletableFuture<String> reply = new java.util.concurrent.CompletableFuture<>();
        java.net.http.WebSocket ws = java.net.http.HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(java.net.URI.create(uri), new java.net.http.WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public java.util.concurrent.CompletionStage<?> onText(java.net.http.WebSocket socket,
                                                                         CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            reply.complete(text.toString());
                        }
                        socket.request(1);
                        return null;
                    }
                }).get(10, java.util.concurrent.TimeUnit.SECONDS);
        ws.sendText("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"interval\":240000}}", true);
        try {
            return reply.get(10, java.util.concurrent.TimeUnit.SECONDS);
        } finally {
            ws.sendClose(java.net.http.WebSocket.NORMAL_CLOSURE, "done");
        }
    }
}
