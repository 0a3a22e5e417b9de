package org.webims.sip.container.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static java.util.Map.entry;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
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
 * A proxy servlet deployed in the container between SIPp peers: caller -> container -> one or two
 * callees. Every peer's scenario must complete (SIPp fails on any unexpected or missing message),
 * the servlet must have been shown what JSR 289 §10.2.4 says, and no session may be left behind.
 * The callees are listening on ports of their own before the proxy is told them (decision 0082).
 */
class ProxyCallFlowsTest {
    private SipContainer container;
    private int containerPort;
    @TempDir
    Path dir;

    @BeforeEach
    void startContainer() throws Exception {
        containerPort = Sipp.freePort();
        container = new SipContainer(new SipStackSettings("proxy-test", List.of(
                new ListenAddress(SipTransport.UDP, "127.0.0.1", containerPort),
                new ListenAddress(SipTransport.TCP, "127.0.0.1", containerPort)), 65536));
        container.start();
        ProxyServlet.EVENTS.clear();
    }

    @AfterEach
    void stop() {
        container.close();
    }

    /** Deploys the record-routing proxy servlet forwarding to the callees on {@code ports}, in order. */
    private void deployProxy(boolean parallel, int... ports) throws Exception {
        deployProxy(List.of("proxy.parallel", Boolean.toString(parallel)), ports);
    }

    private void deployProxy(List<String> extraParams, int... ports) throws Exception {
        deployProxyTo(IntStream.of(ports).mapToObj(p -> "sip:callee@127.0.0.1:" + p).toList(), extraParams);
    }

    /** Deploys the record-routing proxy servlet forwarding to {@code targets} as written, in order. */
    private void deployProxyTo(List<String> targets, List<String> extraParams) throws Exception {
        List<String> params = new ArrayList<>(List.of("proxy.targets", String.join(",", targets), "proxy.recordRoute", "true"));
        params.addAll(extraParams);
        container.deploy(TestApplications.folder(dir, "proxy", TestApplications.sipXml("proxy", ProxyServlet.class,
                params.toArray(String[]::new))));
    }

    private Sipp caller(String scenario) {
        return Sipp.startOnFreePort(scenario, "127.0.0.1:" + containerPort, "-m", "1");
    }

    private static Sipp callee(String scenario, String... extra) {
        List<String> args = new ArrayList<>(List.of("-m", "1"));
        args.addAll(List.of(extra));
        return Sipp.startOnFreePort(scenario, null, args.toArray(String[]::new));
    }

    /**
     * Waits for every peer, then names each that failed, with its log: a caller that timed out
     * waiting may have a callee's failure behind it.
     */
    @SafeVarargs
    private static void assertCompleted(Map.Entry<String, Sipp>... peers) throws InterruptedException {
        StringBuilder failed = new StringBuilder();
        for (Map.Entry<String, Sipp> peer : peers) {
            int exit = peer.getValue().await(40);
            if (exit != 0) {
                failed.append(peer.getKey()).append(" side, exit ").append(exit).append(":\n")
                        .append(peer.getValue().log()).append('\n');
            }
        }
        assertEquals("", failed.toString(), "every peer's scenario completes");
    }

    /** Sessions end by themselves once the proxied transaction and dialog are over (invalidate-when-ready). */
    private void assertNoSessionsLeft() throws InterruptedException {
        for (int i = 0; i < 100 && (container.sipSessionCount() > 0 || container.applicationSessionCount() > 0); i++) {
            Thread.sleep(100);
        }
        assertEquals(0, container.sipSessionCount(), "SIP sessions left after the call");
        assertEquals(0, container.applicationSessionCount(), "application sessions left after the call");
    }

    private static List<String> events() {
        return List.copyOf(ProxyServlet.EVENTS);
    }

    private static void assertBefore(List<String> events, String first, String then) {
        int a = events.indexOf(first);
        int b = events.indexOf(then);
        assertTrue(a >= 0 && b > a, "expected '" + first + "' before '" + then + "' in " + events);
    }

    @Test
    void recordRoutedCallPassesInviteRingingAnswerAckAndByeThroughTheProxy() throws Exception {
        try (Sipp callee = callee("uas-proxied.xml")) {
            deployProxy(true, callee.port());
            try (Sipp caller = caller("uac-proxied.xml")) {
                assertCompleted(entry("caller", caller), entry("callee", callee));
            }
        }
        assertEquals(List.of("request INVITE initial", "response 180 INVITE", "response 200 INVITE", "request ACK",
                "request BYE", "response 200 BYE"), events());
        assertNoSessionsLeft();
    }

    @Test
    void parallelForkForwardsTheAnswerWhenTheOtherBranchIsBusy() throws Exception {
        try (Sipp busy = callee("uas-busy.xml"); Sipp answering = callee("uas-proxied.xml")) {
            deployProxy(true, busy.port(), answering.port());
            try (Sipp caller = caller("uac-proxied.xml")) {
                assertCompleted(entry("caller", caller), entry("busy callee", busy), entry("answering callee", answering));
            }
        }
        List<String> events = events();
        assertBefore(events, "branch 486", "response 200 INVITE");
        assertFalse(events.contains("response 486 INVITE"), "the 486 is not the best response: " + events);
        assertNoSessionsLeft();
    }

    @Test
    void parallelForkChallengedByTwoRealmsForwardsBothChallengesInOne401() throws Exception {
        try (Sipp alpha = callee("uas-challenges.xml", "-s", "alpha");
             Sipp beta = callee("uas-challenges.xml", "-s", "beta")) {
            deployProxy(true, alpha.port(), beta.port());
            try (Sipp caller = caller("uac-challenged-by-two-realms.xml")) {
                assertCompleted(entry("caller", caller), entry("alpha callee", alpha), entry("beta callee", beta));
            }
        }
        assertNoSessionsLeft();
    }

    @Test
    void parallelForkCancelsTheRingingBranchWhenTheOtherAnswers() throws Exception {
        // the ringing callee's scenario ends only after a CANCEL, a 487 and its ACK
        try (Sipp ringing = callee("uas-forked-rings-until-cancelled.xml"); Sipp answering = callee("uas-proxied.xml")) {
            deployProxy(true, ringing.port(), answering.port());
            try (Sipp caller = caller("uac-proxied-two-ringing.xml")) {
                assertCompleted(entry("caller", caller), entry("answering callee", answering), entry("ringing callee", ringing));
            }
        }
        assertTrue(events().contains("response 200 INVITE"), events().toString());
        assertNoSessionsLeft();
    }

    @Test
    void sequentialSearchTriesTheNextTargetAfterA404() throws Exception {
        try (Sipp notFound = callee("uas-not-found.xml"); Sipp answering = callee("uas-proxied.xml")) {
            deployProxy(false, notFound.port(), answering.port());
            try (Sipp caller = caller("uac-proxied.xml")) {
                assertCompleted(entry("caller", caller), entry("first callee (404)", notFound), entry("second callee", answering));
            }
        }
        // the second target rang only after the first one's 404: one at a time
        assertBefore(events(), "branch 404", "response 180 INVITE");
        assertBefore(events(), "response 180 INVITE", "response 200 INVITE");
        assertNoSessionsLeft();
    }

    @Test
    void callerCancelWhileBothRingCancelsBothBranchesAndCallerGets487() throws Exception {
        try (Sipp first = callee("uas-forked-rings-until-cancelled.xml");
             Sipp second = callee("uas-forked-rings-until-cancelled.xml")) {
            deployProxy(true, first.port(), second.port());
            try (Sipp caller = caller("uac-cancel-two-ringing.xml")) {
                assertCompleted(entry("caller", caller), entry("first callee", first), entry("second callee", second));
            }
        }
        List<String> events = events();
        assertTrue(events.contains("request CANCEL"), "doCancel: " + events);
        assertTrue(events.contains("response 487 INVITE"), "best response 487: " + events);
        assertNoSessionsLeft();
    }

    @Test
    void redirectIsFollowedToTheContactItNames() throws Exception {
        try (Sipp answering = callee("uas-proxied.xml");
             Sipp redirecting = callee("uas-redirects.xml", "-key", "redirect", "sip:callee@127.0.0.1:" + answering.port())) {
            deployProxy(true, redirecting.port());
            try (Sipp caller = caller("uac-proxied.xml")) {
                assertCompleted(entry("caller", caller), entry("redirecting callee", redirecting),
                        entry("callee redirected to", answering));
            }
        }
        // JSR 289 §10.2.4: the 302 was an intermediate response, the recursed branch still out
        assertBefore(events(), "branch 302", "response 200 INVITE");
        assertNoSessionsLeft();
    }

    @Test
    void aCalleeNamedTwiceGetsOneBranchAndOneInvite() throws Exception {
        // RFC 3261 §16.5: once as written twice, and once with a parameter §19.1.4 ignores when only one URI has it;
        // the callee's scenario fails on a second INVITE
        try (Sipp callee = callee("uas-proxied.xml")) {
            String uri = "sip:callee@127.0.0.1:" + callee.port();
            deployProxyTo(List.of(uri, uri, uri + ";ob"), List.of("proxy.reportBranches", "true"));
            try (Sipp caller = caller("uac-proxied.xml")) {
                assertCompleted(entry("caller", caller), entry("callee", callee));
            }
        }
        List<String> events = events();
        assertTrue(events.contains("branches 1"), "one branch for the one target: " + events);
        assertBefore(events, "response 180 INVITE", "response 200 INVITE");
        assertNoSessionsLeft();
    }

    @Test
    void redirectNamingATargetAlreadyTriedRecursesOnlyToTheNewOne() throws Exception {
        // the 302 names its own sender (tried, with ";ob" added) and the answering callee
        try (Sipp answering = callee("uas-proxied.xml");
             Sipp redirecting = callee("uas-redirects-to-itself-and-another.xml", "-key", "redirect",
                     "sip:callee@127.0.0.1:" + answering.port())) {
            deployProxy(List.of("proxy.reportBranches", "true"), redirecting.port());
            try (Sipp caller = caller("uac-proxied.xml")) {
                assertCompleted(entry("caller", caller), entry("redirecting callee", redirecting),
                        entry("callee redirected to", answering));
            }
        }
        List<String> events = events();
        assertTrue(events.contains("recursed 302: 1"), "one new branch, to the answering callee: " + events);
        assertBefore(events, "branch 302", "response 200 INVITE");
        assertNoSessionsLeft();
    }

    @Test
    void branchRingingPastTheProxyTimeoutIsCancelledAndCallerGets408() throws Exception {
        try (Sipp ringing = callee("uas-forked-rings-until-cancelled.xml")) {
            deployProxy(List.of("proxy.timeout", "1"), ringing.port());
            try (Sipp caller = caller("uac-times-out.xml")) {
                assertCompleted(entry("caller", caller), entry("ringing callee", ringing));
            }
        }
        assertTrue(events().contains("response 408 INVITE"), events().toString());
        assertNoSessionsLeft();
    }

    @Test
    void inviteWithMaxForwardsZeroIsAnswered483() throws Exception {
        deployProxy(true, Sipp.freePort());
        try (Sipp caller = caller("uac-max-forwards-exhausted.xml")) {
            assertCompleted(entry("caller", caller));
        }
        assertNoSessionsLeft();
    }
}
