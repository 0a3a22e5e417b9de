package org.webims.sip.container.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webims.sip.container.SipContainer;
import org.webims.sip.container.apps.ProxyRulesServlet;
import org.webims.sip.container.apps.Sipp;
import org.webims.sip.container.apps.TestApplications;
import org.webims.sip.stack.ListenAddress;
import org.webims.sip.stack.SipStackSettings;
import org.webims.sip.stack.SipTransport;

/** JSR 289 §10.2: an application either proxies a request or is a user agent for it, never both. */
class ProxyUsageRulesTest {
    private SipContainer container;
    private int containerPort;
    @TempDir
    Path dir;

    @BeforeEach
    void startContainer() throws Exception {
        containerPort = Sipp.freePort();
        container = new SipContainer(new SipStackSettings("proxy-rules-test", List.of(
                new ListenAddress(SipTransport.UDP, "127.0.0.1", containerPort)), 65536));
        container.start();
        ProxyRulesServlet.EVENTS.clear();
    }

    @AfterEach
    void stop() {
        container.close();
    }

    private void deploy(String... params) throws Exception {
        container.deploy(TestApplications.folder(dir, "rules",
                TestApplications.sipXml("rules", ProxyRulesServlet.class, params)));
    }

    @Test
    void getProxyAfterAFinalResponseThrowsIllegalState() throws Exception {
        deploy("rules.answerFirst", "true");
        try (Sipp caller = Sipp.start("uac-busy.xml", Sipp.freePort(), "127.0.0.1:" + containerPort, "-m", "1")) {
            assertEquals(0, caller.await(40), "caller side:\n" + caller.log());
        }
        assertEquals(List.of("getProxy: IllegalStateException"), List.copyOf(ProxyRulesServlet.EVENTS));
    }

    @Test
    void proxiedRequestRefusesAFinalResponseABridgeAndALateRecordRouteChange() throws Exception {
        int calleePort = Sipp.freePort();
        deploy("rules.target", "sip:callee@127.0.0.1:" + calleePort);
        try (Sipp callee = Sipp.start("uas-proxied.xml", calleePort, null, "-m", "1");
             Sipp caller = Sipp.start("uac-proxied.xml", Sipp.freePort(), "127.0.0.1:" + containerPort, "-m", "1")) {
            assertEquals(0, caller.await(40), "caller side:\n" + caller.log());
            assertEquals(0, callee.await(40), "callee side:\n" + callee.log());
        }
        assertEquals(List.of("createResponse 486: IllegalStateException", "getB2buaHelper: IllegalStateException",
                "setRecordRoute: IllegalStateException"), List.copyOf(ProxyRulesServlet.EVENTS));
    }
}
