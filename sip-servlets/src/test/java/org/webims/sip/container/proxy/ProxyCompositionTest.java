package org.webims.sip.container.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webims.sip.container.SipContainer;
import org.webims.sip.container.apps.ForwardingB2buaServlet;
import org.webims.sip.container.apps.ProxyServlet;
import org.webims.sip.container.apps.Sipp;
import org.webims.sip.container.apps.TestApplications;
import org.webims.sip.container.router.DefaultApplicationRouter;
import org.webims.sip.stack.ListenAddress;
import org.webims.sip.stack.SipStackSettings;
import org.webims.sip.stack.SipTransport;

/**
 * JSR 289 §15.4: a request an application proxies goes on through the application router.
 * caller -> proxy application (record-routing) -> B2BUA application -> callee, in one container.
 */
class ProxyCompositionTest {
    private SipContainer container;
    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        if (container != null) {
            container.close();
        }
    }

    @Test
    void proxiedBranchReachesTheNextApplicationTheRouterNames() throws Exception {
        int containerPort = Sipp.freePort();
        int calleePort = Sipp.freePort();
        container = new SipContainer(new SipStackSettings("proxy-composition-test", List.of(
                new ListenAddress(SipTransport.UDP, "127.0.0.1", containerPort)), 65536));
        container.start();
        Path dar = Files.writeString(dir.resolve("dar.properties"),
                "INVITE: (\"proxy\", \"DAR:From\", \"ORIGINATING\", \"\", \"NO_ROUTE\", \"0\"),"
                        + " (\"b2bua\", \"DAR:To\", \"TERMINATING\", \"\", \"NO_ROUTE\", \"1\")\n");
        DefaultApplicationRouter router = new DefaultApplicationRouter(
                Map.of(DefaultApplicationRouter.CONFIGURATION_PROPERTY, dar.toString())::get);
        router.init();
        container.setApplicationRouter(router);
        String callee = "sip:callee@127.0.0.1:" + calleePort;
        container.deploy(TestApplications.folder(dir, "proxy", TestApplications.sipXml("proxy", ProxyServlet.class,
                "proxy.targets", callee, "proxy.recordRoute", "true")));
        container.deploy(TestApplications.folder(dir, "b2bua", TestApplications.sipXml("b2bua",
                ForwardingB2buaServlet.class, "b2bua.target", callee)));
        ProxyServlet.EVENTS.clear();

        try (Sipp calleePeer = Sipp.start("uas", calleePort, null, "-m", "1");
             Sipp caller = Sipp.start("uac-proxied.xml", Sipp.freePort(), "127.0.0.1:" + containerPort, "-m", "1")) {
            assertEquals(0, caller.await(40), "caller side:\n" + caller.log());
            assertEquals(0, calleePeer.await(40), "callee side:\n" + calleePeer.log());
        }
        // the proxy saw the B2BUA's answer and the caller's in-dialog requests; the B2BUA bridged to the callee
        List<String> events = List.copyOf(ProxyServlet.EVENTS);
        assertTrue(events.containsAll(List.of("request INVITE initial", "response 200 INVITE", "request ACK",
                "request BYE", "response 200 BYE")), events.toString());
        for (int i = 0; i < 100 && container.sipSessionCount() > 0; i++) {
            Thread.sleep(100);
        }
        assertEquals(0, container.sipSessionCount(), "SIP sessions left after the call");
    }
}
