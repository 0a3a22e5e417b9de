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
 * JSR 289 §12 with forking downstream: the callee leg of a B2BUA is answered from two forks (a
 * SIPp callee standing in for a forking proxy), the second answer lands in a derived session
 * (§6.2.3.2) and the servlet relays it with {@code createResponseToOriginalRequest} on the
 * session {@code getLinkedSession} gives for it. The SIPp caller must get two 2xx with two To tags
 * and end each dialog on its own; the callee checks that each ACK and BYE reached its own fork.
 */
class B2buaForkedAnswersTest {
    private SipContainer container;
    private int containerPort;
    private int calleePort;

    @TempDir
    Path dir;

    @BeforeEach
    void startContainer() throws Exception {
        containerPort = Sipp.freePort();
        calleePort = Sipp.freePort();
        container = new SipContainer(new SipStackSettings("b2bua-forks-test", List.of(
                new ListenAddress(SipTransport.UDP, "127.0.0.1", containerPort),
                new ListenAddress(SipTransport.TCP, "127.0.0.1", containerPort)), 65536));
        container.start();
    }

    @AfterEach
    void stop() {
        container.close();
    }

    @Test
    void secondForkAnswerReachesTheCallerAsASecondDialogEndedOnItsOwn() throws Exception {
        callAnsweredByTwoForks("linked");
    }

    /** The caller on TCP: both 2xx and the caller's ACKs and BYEs share its one connection (RFC 3261 §18.2.2). */
    @Test
    void secondForkAnswerReachesATcpCallerOverItsConnection() throws Exception {
        callAnsweredByTwoForks("linked", "-t", "t1");
    }

    /** The same, the servlet naming the callee leg's derived session: the container finds the caller leg's. */
    @Test
    void furtherAnswerCreatedOnTheCalleeLegsDerivedSessionGoesInTheCallerLegsNewDialog() throws Exception {
        callAnsweredByTwoForks("callee-leg");
    }

    /**
     * The servlet names the caller leg's original session, already answered: the container makes
     * a derived session for the further 2xx (JSR 289 §12: a different To tag, a different session),
     * which the servlet links to the fork's session itself. A 486 there is refused first (the
     * request has its 2xx); were it not, the servlet would not relay the 2xx and the caller would fail.
     */
    @Test
    void furtherAnswerCreatedOnTheAnsweredOriginalSessionGetsADerivedSessionOfItsOwn() throws Exception {
        callAnsweredByTwoForks("original");
    }

    /**
     * The second fork answers the instant the first fork's ACK is in and never retransmits: its one
     * 2xx reaches the container while the INVITE's client transaction still lingers after the
     * first 2xx, and must be relayed all the same, not taken for a retransmission of the first.
     */
    @Test
    void secondForkAnswerSentOnceWhileTheInviteTransactionLingersReachesTheCaller() throws Exception {
        callAnsweredByForks("uas-forks-second-answer-once.xml", "linked");
    }

    private static String[] withCount(String... options) {
        String[] all = java.util.Arrays.copyOf(options, options.length + 2);
        all[options.length] = "-m";
        all[options.length + 1] = "1";
        return all;
    }

    private void callAnsweredByTwoForks(String furtherAnswerOn, String... callerTransport) throws Exception {
        callAnsweredByForks("uas-forks-two-answers.xml", furtherAnswerOn, callerTransport);
    }

    private void callAnsweredByForks(String calleeScenario, String furtherAnswerOn, String... callerTransport)
            throws Exception {
        container.deploy(TestApplications.folder(dir, "b2bua", TestApplications.sipXml("b2bua",
                ForwardingB2buaServlet.class, "b2bua.target", "sip:callee@127.0.0.1:" + calleePort,
                "b2bua.furtherAnswerOn", furtherAnswerOn)));
        try (Sipp callee = Sipp.start(calleeScenario, calleePort, null, "-m", "1");
             Sipp caller = Sipp.start("uac-answered-by-two-forks.xml", Sipp.freePort(),
                     "127.0.0.1:" + containerPort, withCount(callerTransport))) {
            assertEquals(0, caller.await(40), "caller (two dialogs, each ACKed and hung up):\n" + caller.log());
            assertEquals(0, callee.await(40), "callee (the forks):\n" + callee.log());
        }
        for (int i = 0; i < 100 && container.sipSessionCount() > 0; i++) {
            Thread.sleep(100);
        }
        assertEquals(0, container.sipSessionCount(), "SIP sessions left after both dialogs ended");
        assertEquals(0, container.applicationSessionCount(), "application sessions left");
    }
}
