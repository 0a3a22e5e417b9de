package org.webims.sip.container.b2bua;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webims.sip.container.SipContainer;
import org.webims.sip.container.apps.ForwardingB2buaServlet;
import org.webims.sip.container.apps.Sipp;
import org.webims.sip.container.apps.TestApplications;
import org.webims.sip.stack.ListenAddress;
import org.webims.sip.stack.SipStackSettings;
import org.webims.sip.stack.SipTransport;

/**
 * A B2BUA servlet deployed in the container between two SIPp peers: caller -> container ->
 * callee. Each call flow must complete on both peers, and leave no session behind.
 */
class B2buaCallFlowsTest {
    private SipContainer container;
    private int containerPort;
    private int calleePort;

    @BeforeEach
    void deployB2bua(@TempDir Path dir) throws Exception {
        containerPort = Sipp.freePort();
        calleePort = Sipp.freePort();
        container = new SipContainer(new SipStackSettings("b2bua-test", List.of(
                new ListenAddress(SipTransport.UDP, "127.0.0.1", containerPort),
                new ListenAddress(SipTransport.TCP, "127.0.0.1", containerPort)), 65536));
        container.start();
        container.deploy(TestApplications.folder(dir, "b2bua", TestApplications.sipXml("b2bua",
                ForwardingB2buaServlet.class, "b2bua.target", "sip:callee@127.0.0.1:" + calleePort)));
    }

    @AfterEach
    void stop() {
        container.close();
    }

    private void runCall(String calleeScenario, String callerScenario) throws Exception {
        try (Sipp callee = Sipp.start(calleeScenario, calleePort, null, "-m", "1");
             Sipp caller = Sipp.start(callerScenario, Sipp.freePort(), "127.0.0.1:" + containerPort, "-m", "1")) {
            int callerExit = caller.await(40);
            int calleeExit = callee.await(40);
            assertEquals(0, callerExit, "caller side:\n" + caller.log());
            assertEquals(0, calleeExit, "callee side:\n" + callee.log());
        }
        awaitNoSessions();
    }

    /** Sessions end by themselves once both dialogs are over (JSR 289 invalidate-when-ready). */
    private void awaitNoSessions() throws InterruptedException {
        for (int i = 0; i < 100 && container.sipSessionCount() > 0; i++) {
            Thread.sleep(100);
        }
        assertEquals(0, container.sipSessionCount(), "SIP sessions left after the call");
        assertEquals(0, container.applicationSessionCount(), "application sessions left after the call");
    }

    @Test
    void relaysInviteRingingAnswerAckAndCallerBye() throws Exception {
        runCall("uas", "uac");
    }

    @Test
    void relaysReInviteWithItsSdpAnswer() throws Exception {
        runCall("uas-reinvite.xml", "uac-reinvite.xml");
    }

    @Test
    void cancelBeforeAnswerReachesCalleeAndCallerGets487() throws Exception {
        runCall("uas-rings-until-cancelled.xml", "uac-cancel.xml");
    }

    @Test
    void calleeByeReachesCaller() throws Exception {
        runCall("uas-hangs-up.xml", "uac-callee-hangs-up.xml");
    }

    @Test
    void tenCallsInARow() throws Exception {
        try (Sipp callee = Sipp.start("uas", calleePort, null, "-m", "10");
             Sipp caller = Sipp.start("uac", Sipp.freePort(), "127.0.0.1:" + containerPort, "-m", "10", "-r", "5")) {
            assertEquals(0, caller.await(60), "caller side:\n" + caller.log());
            assertEquals(0, callee.await(60), "callee side:\n" + callee.log());
        }
        awaitNoSessions();
    }
}
