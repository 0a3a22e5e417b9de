package org.webims.testims.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.sip.header.AcceptHeader;
import javax.sip.header.AllowHeader;
import javax.sip.header.SupportedHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.webims.gateway.Gateway;
import org.webims.gateway.config.GatewayConfigLoader;
import org.webims.gateway.config.GatewaySettings;
import org.webims.testims.agent.SipTestAgent;
import org.webims.testims.agent.WebSocketSipClient;
import org.webims.testims.net.FreePorts;
import org.webims.testims.process.GatewayProcess;

/** The gateway, started in this JVM on free loopback ports, answers OPTIONS from real SIP peers. */
class GatewayAnswersOptionsTest {
    private static Gateway gateway;
    private static int sipPort;
    private static int wsPort;

    @BeforeAll
    static void startGateway() throws Exception {
        sipPort = FreePorts.tcpAndUdp();
        wsPort = FreePorts.tcpAndUdp();
        int httpPort = FreePorts.tcpAndUdp();
        GatewaySettings settings = GatewaySettings.from(new GatewayConfigLoader(Map.of()).load(List.of(
                "--sip.udp.listen=127.0.0.1:" + sipPort,
                "--sip.tcp.listen=127.0.0.1:" + sipPort,
                "--sip.ws.listen=127.0.0.1:" + wsPort,
                "--kurento.listen=off", "--demo.ims=off", "--http.listen=127.0.0.1:" + httpPort)));
        gateway = Gateway.start(settings);
    }

    @AfterAll
    static void stopGateway() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @ParameterizedTest(name = "over {0}")
    @ValueSource(strings = {"UDP", "TCP", "WS"})
    void optionsGets200WithAllowAcceptSupported(String transport) throws Exception {
        Response response = sendOptions(transport);
        {

            assertEquals(200, response.getStatusCode(), response.toString());
            List<String> allowed = new ArrayList<>();
            for (Iterator<?> it = response.getHeaders(AllowHeader.NAME); it.hasNext(); ) {
                allowed.add(((AllowHeader) it.next()).getMethod());
            }
            assertTrue(allowed.contains("INVITE") && allowed.contains("OPTIONS") && allowed.contains("BYE"),
                    "Allow lists the dialog methods: " + allowed);
            AcceptHeader accept = (AcceptHeader) response.getHeader(AcceptHeader.NAME);
            assertNotNull(accept, "Accept present");
            assertEquals("application/sdp", accept.getContentType() + "/" + accept.getContentSubType());
            List<String> supported = new ArrayList<>();
            for (Iterator<?> it = response.getHeaders(SupportedHeader.NAME); it.hasNext(); ) {
                supported.add(((SupportedHeader) it.next()).getOptionTag());
            }
            assertTrue(supported.contains("100rel") && supported.contains("timer"), "Supported: " + supported);
        }
    }

    private static Response sendOptions(String transport) throws Exception {
        if (transport.equals("WS")) {
            try (WebSocketSipClient client = new WebSocketSipClient("127.0.0.1", wsPort, Duration.ofSeconds(5))) {
                assertEquals("sip", client.subprotocol(), "RFC 7118 subprotocol negotiated");
                return client.send(client.newRequest(Request.OPTIONS, "127.0.0.1", wsPort), Duration.ofSeconds(10));
            }
        }
        try (SipTestAgent agent = new SipTestAgent(transport, FreePorts.tcpAndUdp())) {
            return agent.send(agent.newRequest(Request.OPTIONS, "127.0.0.1", sipPort), Duration.ofSeconds(10));
        }
    }

    @Test
    void unknownMethodGets501WithAllow() throws Exception {
        try (SipTestAgent agent = new SipTestAgent("UDP", FreePorts.tcpAndUdp())) {
            Response response = agent.send(agent.newRequest("FOOBAR", "127.0.0.1", sipPort), Duration.ofSeconds(10));
            assertEquals(501, response.getStatusCode());
            assertNotNull(response.getHeader(AllowHeader.NAME), "501 carries Allow");
        }
    }

    @ParameterizedTest(name = "over {0}")
    @ValueSource(strings = {"u1", "t1"})
    void sippOptionsScenarioPasses(String sippTransport, @TempDir Path dir) throws Exception {
        Path log = dir.resolve("sipp.log");
        Path scenario = GatewayProcess.projectRoot().resolve("test-ims/src/test/resources/sipp/options.xml");
        Process sipp = new ProcessBuilder("sipp", "-sf", scenario.toString(), "-m", "1",
                "-t", sippTransport, "-i", "127.0.0.1", "-p", Integer.toString(FreePorts.tcpAndUdp()),
                "-timeout", "15s", "-nostdin", "127.0.0.1:" + sipPort)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        // SIPp is the client here: it binds its port before it sends, so nothing waits for it to listen;
        // its log says why it failed (a port taken: "Unable to bind main socket")
        boolean finished = sipp.waitFor(30, TimeUnit.SECONDS);
        if (!finished) {
            sipp.destroyForcibly();
        }
        assertTrue(finished, () -> "sipp finished:\n" + readLog(log));
        assertEquals(0, sipp.exitValue(), () -> "sipp exit code 0 means every call succeeded:\n" + readLog(log));
    }

    private static String readLog(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
