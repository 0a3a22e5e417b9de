package org.webims.sip.sessiontimer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webims.sip.container.ContainerCapabilities;
import org.webims.sip.container.SipContainer;
import org.webims.sip.container.apps.SessionTimerServlet;
import org.webims.sip.container.apps.Sipp;
import org.webims.sip.container.apps.TestApplications;
import org.webims.sip.stack.ListenAddress;
import org.webims.sip.stack.SipStackSettings;
import org.webims.sip.stack.SipTransport;

/**
 * RFC 4028 on the UAS side: a SIPp caller calls {@link SessionTimerServlet}, which answers and
 * never deals with timers itself; the container negotiates, refreshes and expires the session.
 * Intervals are seconds here (Min-SE 2 s, the container's own Session-Expires 4 s).
 */
class SessionTimerUasTest {
    private static final SessionTimerSettings TIMERS = new SessionTimerSettings(true, 4, 2);

    private SipContainer container;
    private int port;

    @BeforeEach
    void deploy(@TempDir Path dir) throws Exception {
        SessionTimerServlet.reset();
        port = Sipp.freePort();
        container = new SipContainer(new SipStackSettings("timer-uas-test",
                List.of(new ListenAddress(SipTransport.UDP, "127.0.0.1", port)), 65536),
                ContainerCapabilities.defaults(), 4, 10_000, TIMERS);
        container.start();
        container.deploy(TestApplications.folder(dir, "timers", sipXmlWithListener()));
    }

    /** The servlet, declared as the application's listener too (JSR 289 §2.1.1 listener discovery). */
    private static String sipXmlWithListener() {
        return TestApplications.withListener(TestApplications.sipXml("timers", SessionTimerServlet.class),
                SessionTimerServlet.class);
    }

    @AfterEach
    void stop() {
        container.close();
    }

    private void call(String scenario) throws Exception {
        try (Sipp caller = Sipp.start(scenario, Sipp.freePort(), "127.0.0.1:" + port, "-m", "1")) {
            assertEquals(0, caller.await(40), "caller side:\n" + caller.log());
        }
        awaitCallOver();
    }

    /** Once the call is over no SIP session and no session timer may be left. */
    private void awaitCallOver() throws InterruptedException {
        for (int i = 0; i < 100 && (container.sipSessionCount() > 0 || container.sessionTimerCount() > 0); i++) {
            Thread.sleep(100);
        }
        assertEquals(0, container.sipSessionCount(), "SIP sessions left after the call");
        assertEquals(0, container.sessionTimerCount(), "session timers left after the call");
    }

    /** What the servlet saw, in order. */
    private static List<String> seen() {
        return List.copyOf(SessionTimerServlet.SEEN);
    }

    @Test
    void repeatedAckReachesTheServletOnce() throws Exception {
        call("uac-acks-twice.xml");
        assertEquals(List.of("INVITE", "ACK", "BYE"), seen());
    }

    @Test
    void rejectsShortSessionExpiresWith422AndMinSe() throws Exception {
        call("uac-timer-too-short.xml");
        assertEquals(List.of(), seen(), "the servlet must not see a request the container rejected");
    }

    @Test
    void addsSessionExpiresAndRequireTimerToAnswer() throws Exception {
        call("uac-timer-answered.xml");
        assertEquals(List.of("INVITE", "ACK", "BYE"), seen());
    }

    @Test
    void refreshesWithUpdateWhenPeerAllowsUpdate() throws Exception {
        call("uac-refreshed-by-update.xml");
    }

    @Test
    void refreshesWithReInviteCarryingLastSdpOtherwise() throws Exception {
        call("uac-refreshed-by-reinvite.xml");
    }

    @Test
    void containerRefreshesAreNotDeliveredToServlets() throws Exception {
        call("uac-refreshed-by-reinvite.xml");
        call("uac-refreshed-by-update.xml");
        // the container's re-INVITE, its 200 and ACK, and two UPDATEs and their 200s went by: none reached the servlet
        assertEquals(List.of("INVITE", "ACK", "BYE", "INVITE", "ACK", "BYE"), seen());
    }

    @Test
    void sendsByeWithReasonWhenPeerStopsRefreshing() throws Exception {
        call("uac-stops-refreshing.xml");
        assertEquals(List.of("INVITE", "ACK"), seen(), "the expiry BYE's 200 is the container's");
    }

    @Test
    void notifiesSessionExpiryListener() throws Exception {
        call("uac-stops-refreshing.xml");
        String[] expired = SessionTimerServlet.EXPIRED.poll(10, TimeUnit.SECONDS);
        assertNotNull(expired, "sessionTimerExpired was not called");
        assertTrue(expired[1].startsWith("sip-app-"), "listener ran on " + expired[1] + ", not an application thread");
        assertNull(SessionTimerServlet.EXPIRED.poll(500, TimeUnit.MILLISECONDS), "one call per expired dialog");
    }

    @Test
    void peerRefreshRestartsTimer() throws Exception {
        call("uac-refreshes-session.xml");
        assertEquals(List.of("INVITE", "ACK", "UPDATE", "BYE"), seen(),
                "the peer's refresh reaches the servlet as usual");
        assertTrue(SessionTimerServlet.EXPIRED.isEmpty(), "the refreshed session must not expire");
    }
}
