package org.webims.sip.container.uac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webims.sip.container.SipContainer;
import org.webims.sip.container.apps.ForkedAnswersServlet;
import org.webims.sip.container.apps.Sipp;
import org.webims.sip.container.apps.TestApplications;
import org.webims.sip.stack.ListenAddress;
import org.webims.sip.stack.SipStackSettings;
import org.webims.sip.stack.SipTransport;

/**
 * JSR 289 §6.2.3.2 derived sessions: an application's INVITE answered by two forks (a SIPp callee
 * standing in for a forking proxy, sending two 2xx with different To tags) gives the application
 * two SIP sessions in one application session. Each is acknowledged and hung up on its own
 * dialog (the callee checks tag and Request-URI of each ACK and BYE); ending one leaves the other up.
 */
class ForkedAnswersTest {
    private SipContainer container;
    private int containerPort;
    @TempDir
    Path dir;

    @BeforeEach
    void startContainer() throws Exception {
        containerPort = Sipp.freePort();
        container = new SipContainer(new SipStackSettings("forked-answers-test", List.of(
                new ListenAddress(SipTransport.UDP, "127.0.0.1", containerPort)), 65536));
        container.start();
        ForkedAnswersServlet.EVENTS.clear();
    }

    @AfterEach
    void stop() {
        container.close();
    }

    @Test
    void twoAnswersFromForksGetTwoSessionsEachAckedAndEndedOnItsOwn() throws Exception {
        List<String> events = callAnsweredByTwoForks("uas-forks-two-answers.xml", false);
        assertTwoSessionsEndedOneAfterTheOther(events);
    }

    @Test
    void answerFromASecondForkAfterTheFirstDialogMovedOnStillGetsItsOwnSession() throws Exception {
        List<String> events = callAnsweredByTwoForks("uas-forks-second-answer-after-info.xml", true);
        String[] first = events.get(0).split(" ");
        assertEquals("info 200 " + first[1], events.get(1), "the INFO went in the first dialog: " + events);
        assertTwoSessionsEndedOneAfterTheOther(events.stream().filter(e -> !e.startsWith("info ")).toList());
    }

    private List<String> callAnsweredByTwoForks(String calleeScenario, boolean infoFirst) throws Exception {
        int calleePort = Sipp.freePort();
        container.deploy(TestApplications.folder(dir, "forked", TestApplications.sipXml("forked",
                ForkedAnswersServlet.class, "fork.target", "sip:forked@127.0.0.1:" + calleePort,
                "fork.infoFirst", Boolean.toString(infoFirst))));
        try (Sipp callee = Sipp.start(calleeScenario, calleePort, null, "-m", "1");
             Sipp trigger = Sipp.start("uac-message-expects-200.xml", Sipp.freePort(), "127.0.0.1:" + containerPort,
                     "-m", "1")) {
            assertEquals(0, trigger.await(40), "trigger:\n" + trigger.log());
            assertEquals(0, callee.await(40), "callee (the forks):\n" + callee.log());
        }
        for (int i = 0; i < 100 && (container.sipSessionCount() > 0 || container.applicationSessionCount() > 0); i++) {
            Thread.sleep(100);
        }
        assertEquals(0, container.sipSessionCount(), "SIP sessions left after both dialogs ended");
        assertEquals(0, container.applicationSessionCount(), "application sessions left");
        return List.copyOf(ForkedAnswersServlet.EVENTS);
    }

    /** Two 2xx in two sessions of one application session, the second (derived) ended first, the first still up then. */
    private static void assertTwoSessionsEndedOneAfterTheOther(List<String> events) {
        assertEquals(5, events.size(), events.toString());
        String[] first = events.get(0).split(" ");
        String[] second = events.get(1).split(" ");
        assertEquals("2xx", first[0], events.toString());
        assertEquals("2xx", second[0], events.toString());
        assertNotEquals(first[1], second[1], "one session per dialog: " + events);
        assertEquals(first[2], second[2], "both in the INVITE's application session: " + events);
        assertNotEquals(first[3], second[3], "the two forks' To tags: " + events);
        assertEquals(List.of("bye 200 " + second[1], "other " + first[1] + " CONFIRMED", "bye 200 " + first[1]),
                events.subList(2, 5), "ending the derived session left the first one up: " + events);
    }
}
