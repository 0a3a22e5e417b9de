package org.webims.sip.container.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webims.sip.container.SipContainer;
import org.webims.sip.container.apps.ProxyServlet;
import org.webims.sip.container.apps.Sipp;
import org.webims.sip.container.apps.TestApplications;
import org.webims.sip.stack.ListenAddress;
import org.webims.sip.stack.SipStackSettings;
import org.webims.sip.stack.SipTransport;

/**
 * Which interface a proxy forwards on (JSR 289 §10.2 {@code Proxy.setOutboundInterface}) and how it
 * record-routes when the way out differs from the way in (RFC 5658 §4 double record-routing): a
 * SIPp caller on UDP, the container listening on UDP and TCP, a SIPp callee on TCP. The callee's
 * answer echoes the Via and Record-Route it received, and the proxy servlet records them.
 */
class ProxyInterfacesTest {
    private SipContainer container;
    private int udpPort;
    private int tcpPort;
    @TempDir
    Path dir;

    @BeforeEach
    void clear() {
        ProxyServlet.EVENTS.clear();
        ProxyServlet.ANSWER_HEADERS.clear();
    }

    @AfterEach
    void stop() {
        if (container != null) {
            container.close();
        }
    }

    private void startContainer(boolean samePort) throws Exception {
        udpPort = Sipp.freePort();
        tcpPort = samePort ? udpPort : Sipp.freePort();
        container = new SipContainer(new SipStackSettings("proxy-interfaces-test", List.of(
                new ListenAddress(SipTransport.UDP, "127.0.0.1", udpPort),
                new ListenAddress(SipTransport.TCP, "127.0.0.1", tcpPort)), 65536));
        container.start();
    }

    private void deployProxy(String target, String... extra) throws Exception {
        List<String> params = new ArrayList<>(List.of("proxy.targets", target, "proxy.recordRoute", "true"));
        params.addAll(List.of(extra));
        container.deploy(TestApplications.folder(dir, "proxy", TestApplications.sipXml("proxy", ProxyServlet.class,
                params.toArray(String[]::new))));
    }

    private Sipp caller(String scenario) {
        return Sipp.start(scenario, Sipp.freePort(), "127.0.0.1:" + udpPort, "-m", "1");
    }

    private static void assertCompleted(String role, Sipp peer) throws InterruptedException {
        assertEquals(0, peer.await(40), role + " side:\n" + peer.log());
    }

    private static List<String> answerHeaders(String name) {
        return ProxyServlet.ANSWER_HEADERS.stream().filter(h -> h.startsWith(name + ": "))
                .map(h -> h.substring(name.length() + 2)).toList();
    }

    private void assertNoSessionsLeft() throws InterruptedException {
        for (int i = 0; i < 100 && (container.sipSessionCount() > 0 || container.applicationSessionCount() > 0); i++) {
            Thread.sleep(100);
        }
        assertEquals(0, container.sipSessionCount(), "SIP sessions left after the call");
        assertEquals(0, container.applicationSessionCount(), "application sessions left after the call");
    }

    /** Runs the UDP caller / TCP callee call in which the callee hangs up, through the proxy. */
    private void callUdpToTcp(int calleePort) throws Exception {
        try (Sipp callee = Sipp.start("uas-double-record-routed-hangs-up.xml", calleePort, null, "-t", "t1", "-m", "1");
             Sipp caller = caller("uac-double-record-routed.xml")) {
            int callerExit = caller.await(40);
            int calleeExit = callee.await(40);
            assertEquals(List.of(0, 0), List.of(callerExit, calleeExit),
                    "caller side:\n" + caller.log() + "\ncallee side:\n" + callee.log());
        }
    }

    @Test
    void outboundInterfaceOnTheTcpSocketSendsTheBranchFromItAndRecordRoutesBothInterfaces() throws Exception {
        startContainer(false);
        int calleePort = Sipp.freePort();
        // the target names no transport: the chosen interface's (TCP) is used (RFC 3263 §4.1)
        deployProxy("sip:callee@127.0.0.1:" + calleePort, "proxy.outboundInterface", "127.0.0.1:" + tcpPort);
        callUdpToTcp(calleePort);

        List<String> vias = answerHeaders("Via");
        assertTrue(vias.get(0).startsWith("SIP/2.0/TCP 127.0.0.1:" + tcpPort + ";"), "our Via names the interface: " + vias);
        List<String> rr = answerHeaders("Record-Route");
        assertEquals(2, rr.size(), "one Record-Route per interface: " + rr);
        assertTrue(rr.get(0).startsWith("<sip:127.0.0.1:" + tcpPort + ";") && rr.get(0).contains("transport=tcp")
                && rr.get(0).contains("r2=on"), "the callee-facing entry on top: " + rr);
        assertTrue(rr.get(1).startsWith("<sip:127.0.0.1:" + udpPort + ";") && !rr.get(1).contains("transport=")
                && rr.get(1).contains("r2=on"), "the caller-facing entry below: " + rr);
        // both in-dialog requests went through the proxy's session: ACK from the caller, BYE from the callee
        assertTrue(ProxyServlet.EVENTS.containsAll(List.of("request ACK", "request BYE", "response 200 BYE")),
                ProxyServlet.EVENTS.toString());
        assertNoSessionsLeft();
    }

    @Test
    void targetOnTcpWhileTheCallerIsOnUdpGetsTwoRecordRoutesDifferingInTransport() throws Exception {
        startContainer(true);
        int calleePort = Sipp.freePort();
        deployProxy("sip:callee@127.0.0.1:" + calleePort + ";transport=tcp");
        callUdpToTcp(calleePort);

        List<String> rr = answerHeaders("Record-Route");
        assertEquals(2, rr.size(), rr.toString());
        assertTrue(rr.get(0).contains("transport=tcp") && rr.get(0).contains("r2=on"), rr.toString());
        assertTrue(!rr.get(1).contains("transport=") && rr.get(1).contains("r2=on"), rr.toString());
        assertNoSessionsLeft();
    }

    @Test
    void sameInterfaceBothWaysRecordRoutesOnceWithoutR2() throws Exception {
        startContainer(false);
        int calleePort = Sipp.freePort();
        deployProxy("sip:callee@127.0.0.1:" + calleePort);
        try (Sipp callee = Sipp.start("uas-proxied.xml", calleePort, null, "-m", "1");
             Sipp caller = caller("uac-proxied.xml")) {
            assertCompleted("caller", caller);
            assertCompleted("callee", callee);
        }
        List<String> rr = answerHeaders("Record-Route");
        assertEquals(1, rr.size(), rr.toString());
        assertTrue(rr.get(0).startsWith("<sip:127.0.0.1:" + udpPort + ";"), rr.toString());
        assertFalse(rr.get(0).contains("r2="), rr.toString());
        assertTrue(answerHeaders("Via").get(0).startsWith("SIP/2.0/UDP 127.0.0.1:" + udpPort + ";"), answerHeaders("Via").toString());
        assertNoSessionsLeft();
    }

    @Test
    void outboundInterfaceTheContainerDoesNotListenOnIsRefusedWithIllegalArgument() throws Exception {
        startContainer(false);
        int calleePort = Sipp.freePort();
        int unusedPort = Sipp.freePort();
        deployProxy("sip:callee@127.0.0.1:" + calleePort, "proxy.foreignInterfaces",
                "192.0.2.1:5060,127.0.0.1:" + unusedPort + ",127.0.0.1:" + udpPort);
        try (Sipp callee = Sipp.start("uas-proxied.xml", calleePort, null, "-m", "1");
             Sipp caller = caller("uac-proxied.xml")) {
            assertCompleted("caller", caller);
            assertCompleted("callee", callee);
        }
        List<String> events = List.copyOf(ProxyServlet.EVENTS);
        assertEquals(List.of("setOutboundInterface 192.0.2.1:5060: IllegalArgumentException",
                "setOutboundInterface 127.0.0.1:" + unusedPort + ": IllegalArgumentException",
                "setOutboundInterface 127.0.0.1:" + udpPort + ": allowed"), events.subList(1, 4));
        assertNoSessionsLeft();
    }
}
