package org.webims.sip.sessiontimer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webims.sip.container.ContainerCapabilities;
import org.webims.sip.container.SipContainer;
import org.webims.sip.container.apps.ForwardingB2buaServlet;
import org.webims.sip.container.apps.Sipp;
import org.webims.sip.container.apps.TestApplications;
import org.webims.sip.stack.ListenAddress;
import org.webims.sip.stack.SipStackSettings;
import org.webims.sip.stack.SipTransport;

/**
 * RFC 4028 on the UAC side: the B2BUA servlet's INVITE to the callee is the application's own
 * request (B2buaHelper), so the container asks for a timer in it, retries a 422 by itself, and
 * refreshes the callee's leg where the callee makes it the refresher. Container: Session-Expires
 * 4 s, Min-SE 2 s.
 */
class SessionTimerUacTest {
    private static final SessionTimerSettings TIMERS = new SessionTimerSettings(true, 4, 2);

    private SipContainer container;
    private int containerPort;
    private int calleePort;

    @BeforeEach
    void deployB2bua(@TempDir Path dir) throws Exception {
        containerPort = Sipp.freePort();
        calleePort = Sipp.freePort();
        container = new SipContainer(new SipStackSettings("timer-uac-test",
                List.of(new ListenAddress(SipTransport.UDP, "127.0.0.1", containerPort)), 65536),
                ContainerCapabilities.defaults(), 4, 10_000, TIMERS);
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
        for (int i = 0; i < 100 && (container.sipSessionCount() > 0 || container.sessionTimerCount() > 0); i++) {
            Thread.sleep(100);
        }
        assertEquals(0, container.sipSessionCount(), "SIP sessions left after the call");
        assertEquals(0, container.sessionTimerCount(), "session timers left after the call");
    }

    /** The caller would fail on the 422 had the B2BUA relayed it; the callee checks the retry. */
    @Test
    void retriesOnce422WithPeersMinSe() throws Exception {
        runCall("uas-422-then-answers.xml", "uac");
    }

    /** A second 422 is the application's to handle: the B2BUA relays it to the caller. */
    @Test
    void secondSessionIntervalTooSmallReachesTheApplication() throws Exception {
        runCall("uas-422-twice.xml", "uac-gets-422.xml");
    }

    /** The callee names the container's leg refresher: an UPDATE comes at half the interval, unseen by the B2BUA. */
    @Test
    void refreshesAsUacWhenTheCalleeMakesItTheRefresher() throws Exception {
        runCall("uas-timer-refreshed-by-update.xml", "uac-hangs-up-after-3s.xml");
    }
}
