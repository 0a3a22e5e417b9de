package org.webims.testims.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.webims.gateway.Gateway;
import org.webims.gateway.config.ConfigValues;
import org.webims.gateway.config.GatewayConfigLoader;
import org.webims.gateway.config.GatewaySettings;
import org.webims.testims.net.FreePorts;

/**
 * A gateway whose start fails at its last step with an unchecked exception closes everything it had
 * opened before (decision 0093): the SIP listeners, the Kurento server, the demo IMS network's
 * CSCFs, their threads. Before, only a checked failure did.
 */
class GatewayStartFailureTest {

    @Test
    void anUncheckedFailureAtTheLastStartStepFreesEveryPortOpenedBeforeIt() throws Exception {
        int sip = FreePorts.tcpAndUdp();
        int ws = FreePorts.tcpAndUdp();
        int kurento = FreePorts.tcpAndUdp();
        int scscf = FreePorts.tcpAndUdp();
        int pcscf = FreePorts.tcpAndUdp();
        int media = FreePorts.mediaRange(200);
        GatewaySettings good = GatewaySettings.from(new GatewayConfigLoader(Map.of()).load(List.of(
                "--sip.udp.listen=127.0.0.1:" + sip, "--sip.tcp.listen=127.0.0.1:" + sip,
                "--sip.ws.listen=127.0.0.1:" + ws, "--http.listen=127.0.0.1:" + FreePorts.tcpAndUdp(),
                "--kurento.listen=127.0.0.1:" + kurento, "--media.ports=" + media + "-" + (media + 199),
                "--demo.ims.scscf.listen=127.0.0.1:" + scscf, "--demo.ims.pcscf.listen=127.0.0.1:" + pcscf)));
        Set<String> threadsBefore = liveThreads();

        // the HTTP listener starts last; a port the config loader would refuse makes it throw unchecked
        // (InetSocketAddress: port out of range), a stand-in for any late RuntimeException
        GatewaySettings failsLate = withHttp(good, new ConfigValues.HostPort("127.0.0.1", 70_000));
        assertThrows(IllegalArgumentException.class, () -> Gateway.start(failsLate));

        for (int port : new int[] {sip, ws, kurento, scscf, pcscf}) {
            assertTrue(FreePorts.isFree(port), "port " + port + " was left bound");
        }
        Set<String> left = liveThreads();
        left.removeAll(threadsBefore);
        assertEquals(Set.of(), left.stream().filter(GatewayStartFailureTest::gatewayOwned).collect(Collectors.toSet()),
                "threads the failed start left running");
        // and the same settings, the HTTP port fixed, start: every port binds again
        try (Gateway again = Gateway.start(good)) {
            assertTrue(!FreePorts.isFree(sip) && !FreePorts.isFree(kurento), "the second start listens");
        }
    }

    /**
     * Threads a gateway starts and owns (SIP stacks and timers, media I/O, Kurento), not JVM- or JDK-wide
     * pools: Netty's GlobalEventExecutor is one per JVM and ends itself after a second idle.
     */
    private static boolean gatewayOwned(String name) {
        return !name.startsWith("ForkJoinPool") && !name.startsWith("globalEventExecutor") && !name.startsWith("HttpClient") && !name.equals("JNA Cleaner")
                && !name.equals("JavaCPP Deallocator") && !name.startsWith("Common-Cleaner")
                && !name.equals("process reaper") && !name.startsWith("Attach Listener");
    }

    private static Set<String> liveThreads() throws InterruptedException {
        Thread.sleep(200); // a stopped pool's threads finish their last task
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .collect(Collectors.toSet());
    }

    private static GatewaySettings withHttp(GatewaySettings s, ConfigValues.HostPort http) {
        return new GatewaySettings(s.sip(), http, s.shutdownGraceSeconds(), s.applications(), s.applicationRouter(),
                s.workerThreads(), s.maxPending(), s.sessionTimers(), s.media(), s.kurento(), s.interworking(),
                s.demoIms(), s.iceServers(), s.webConsentTimeout());
    }
}
