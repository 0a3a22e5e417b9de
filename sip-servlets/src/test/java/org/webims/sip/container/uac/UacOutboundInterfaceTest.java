package org.webims.sip.container.uac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webims.sip.container.SipContainer;
import org.webims.sip.container.apps.InterfaceChoosingUacServlet;
import org.webims.sip.container.apps.Sipp;
import org.webims.sip.container.apps.TestApplications;
import org.webims.sip.stack.ListenAddress;
import org.webims.sip.stack.SipStackSettings;
import org.webims.sip.stack.SipTransport;

/**
 * JSR 289 {@code SipSession.setOutboundInterface} for an application's own requests: with the
 * container on UDP and TCP (two ports), an INVITE to a target naming no transport leaves from the
 * chosen TCP interface, so it reaches SIPp's built-in callee listening on TCP only, and the whole
 * call (ACK, BYE) follows.
 */
class UacOutboundInterfaceTest {
    private SipContainer container;
    private int udpPort;
    private int tcpPort;
    @TempDir
    Path dir;

    @BeforeEach
    void startContainer() throws Exception {
        udpPort = Sipp.freePort();
        tcpPort = Sipp.freePort();
        container = new SipContainer(new SipStackSettings("uac-interface-test", List.of(
                new ListenAddress(SipTransport.UDP, "127.0.0.1", udpPort),
                new ListenAddress(SipTransport.TCP, "127.0.0.1", tcpPort)), 65536));
        container.start();
        InterfaceChoosingUacServlet.EVENTS.clear();
    }

    @AfterEach
    void stop() {
        container.close();
    }

    @Test
    void inviteLeavesFromTheChosenTcpInterfaceWhenTheTargetNamesNoTransport() throws Exception {
        int calleePort = Sipp.freePort();
        container.deploy(TestApplications.folder(dir, "uac", TestApplications.sipXml("uac",
                InterfaceChoosingUacServlet.class, "uac.target", "sip:callee@127.0.0.1:" + calleePort,
                "uac.interfacePort", Integer.toString(tcpPort))));
        try (Sipp callee = Sipp.start("uas", calleePort, null, "-t", "t1", "-m", "1");
             Sipp trigger = Sipp.start("uac-message-expects-200.xml", Sipp.freePort(), "127.0.0.1:" + udpPort,
                     "-m", "1")) {
            assertEquals(0, trigger.await(40), "trigger:\n" + trigger.log());
            assertEquals(0, callee.await(40), "callee on TCP:\n" + callee.log());
        }
        List<String> events = List.copyOf(InterfaceChoosingUacServlet.EVENTS);
        assertEquals(2, events.size(), events.toString());
        assertTrue(events.get(0).startsWith("Via: SIP/2.0/TCP 127.0.0.1:" + tcpPort + ";"), events.toString());
        assertEquals("bye 200", events.get(1), events.toString());
    }
}
