package org.webims.testims.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.webims.testims.core.HssFile.ifc;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import javax.sip.header.CallIdHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webims.testims.agent.SipTestAgent;
import org.webims.testims.as.RoutingB2buaAs;
import org.webims.testims.core.hss.HssProfileParser;
import org.webims.testims.net.FreePorts;
import org.webims.testims.sip.HeaderValues;
import org.webims.testims.ua.ImsCall;
import org.webims.testims.ua.ImsIdentity;
import org.webims.testims.ua.ImsUaOptions;
import org.webims.testims.ua.ImsUserAgent;
import org.webims.testims.lifecycle.ParallelClose;

/** The S-CSCF's ISC side: third-party REGISTER, iFC evaluation, the ODI, default handling. */
class ImsIscRoutingTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    @TempDir Path dir;
    private final List<AutoCloseable> started = new ArrayList<>();
    private TestImsCore core;

    @AfterEach
    void stop() throws Exception {
        ParallelClose.all(started);
    }

    private RoutingB2buaAs as() throws Exception {
        RoutingB2buaAs as = new RoutingB2buaAs();
        started.add(as);
        return as;
    }

    private void startCore(HssFile hss) throws Exception {
        core = new TestImsCore(HssProfileParser.parse(hss.write(dir)), "127.0.0.1", FreePorts.tcpAndUdp(),
                FreePorts.tcpAndUdp(), Duration.ofSeconds(2));
        started.add(core);
    }

    private ImsUserAgent registered(String user) throws Exception {
        ImsUserAgent ue = new ImsUserAgent(new ImsIdentity("sip:" + user + "@ims.test", user + "@ims.test",
                user + "-secret", "ims.test"), core.pcscfUri(), ImsUaOptions.defaults());
        started.add(ue);
        assertEquals(200, ue.register(3600, WAIT).getStatusCode());
        return ue;
    }

    /** Waits for something another thread does; fails the test when it never happens. */
    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never happened: " + what);
            }
            Thread.sleep(20);
        }
    }

    private static String callId(Request r) {
        return ((CallIdHeader) r.getHeader(CallIdHeader.NAME)).getCallId();
    }

    /** Places alice's call to {@code target}, expects it answered, and hangs up. */
    private static ImsCall connectedCall(ImsUserAgent caller, ImsUserAgent callee, String target) throws Exception {
        ImsCall call = caller.call(target);
        assertEquals(200, call.awaitFinalResponse(WAIT).getStatusCode(), call.inviteStatuses().toString());
        ImsCall atCallee = callee.awaitIncomingCall(WAIT);
        assertNotNull(atCallee);
        atCallee.awaitAck(WAIT);
        assertEquals(200, call.hangUp(WAIT).getStatusCode());
        atCallee.awaitEnded(WAIT);
        return atCallee;
    }

    @Test
    void thirdPartyRegisterReachesTheAsWithAnIcid() throws Exception {
        RoutingB2buaAs as = as();
        startCore(new HssFile().subscriber("alice", "tel:+15550001",
                ifc(0, "REGISTER", null, as.uri(), "SESSION_CONTINUED")));
        registered("alice");

        await("third-party REGISTER at the AS", () -> !as.received(Request.REGISTER).isEmpty());
        Request register = as.received(Request.REGISTER).get(0);
        assertEquals(as.uri(), register.getRequestURI().toString());
        assertEquals("<sip:alice@ims.test>", HeaderValues.first(register, "To"));
        assertTrue(HeaderValues.first(register, "From").contains("scscf@"), HeaderValues.first(register, "From"));
        assertTrue(HeaderValues.first(register, "P-Charging-Vector").matches("icid-value=[0-9a-f]+;.*"),
                HeaderValues.first(register, "P-Charging-Vector"));
        assertEquals("3600", HeaderValues.first(register, "Expires"));
    }

    @Test
    void originatingIfcSendsTheInviteToTheAsWhichReturnsItWithTheOdi() throws Exception {
        RoutingB2buaAs as = as();
        startCore(new HssFile()
                .subscriber("alice", null, ifc(1, "INVITE", "originating", as.uri(), "SESSION_TERMINATED"))
                .subscriber("bob", null));
        ImsUserAgent alice = registered("alice");
        ImsUserAgent bob = registered("bob");

        ImsCall atBob = connectedCall(alice, bob, "sip:bob@ims.test");

        Request atAs = as.received(Request.INVITE).get(0);
        List<String> routes = HeaderValues.all(atAs, "Route");
        assertEquals(2, routes.size(), routes.toString());
        assertTrue(routes.get(0).equals("<" + as.uri() + ";lr>"), routes.toString());
        String scscf = core.scscfUri().getHost() + ":" + core.scscfUri().getPort();
        assertTrue(routes.get(1).matches("<sip:" + scscf + ";lr;odi=[0-9a-f]+>"), routes.toString());
        assertEquals(List.of(routes.get(1)), HeaderValues.all(as.sentInvites().get(0), "Route"),
                "the AS sent it back with the S-CSCF's ODI route");
        assertEquals("<sip:alice@ims.test>", HeaderValues.first(atAs, "P-Asserted-Identity"));
        assertEquals(callId(as.sentInvites().get(0)), callId(atBob.invite()), "bob got the AS's second leg");
        assertEquals(1, bob.receivedRequests(Request.INVITE).size());
        assertEquals(0, core.scscf().originalDialogIdentifiers().pendingCount(), "the ODI was used once");
    }

    @Test
    void originatingIfcsAreVisitedInPriorityOrder() throws Exception {
        RoutingB2buaAs first = as();
        RoutingB2buaAs second = as();
        startCore(new HssFile()
                .subscriber("alice", null, ifc(20, "INVITE", "originating", second.uri(), "SESSION_TERMINATED"),
                        ifc(10, "INVITE", "originating", first.uri(), "SESSION_TERMINATED"))
                .subscriber("bob", null));
        ImsUserAgent alice = registered("alice");
        ImsUserAgent bob = registered("bob");

        ImsCall atBob = connectedCall(alice, bob, "sip:bob@ims.test");

        assertEquals(1, first.received(Request.INVITE).size());
        assertEquals(1, second.received(Request.INVITE).size());
        assertEquals(callId(first.sentInvites().get(0)), callId(second.received(Request.INVITE).get(0)),
                "priority 10 first, then 20");
        assertEquals(callId(second.sentInvites().get(0)), callId(atBob.invite()));
    }

    @Test
    void terminatingIfcInvolvesTheCalleesAs() throws Exception {
        RoutingB2buaAs as = as();
        startCore(new HssFile().subscriber("alice", null)
                .subscriber("bob", "tel:+15550002",
                        ifc(1, "INVITE", "terminating-registered", as.uri(), "SESSION_TERMINATED"),
                        ifc(2, "INVITE", "originating", "sip:127.0.0.1:9", "SESSION_TERMINATED")));
        ImsUserAgent alice = registered("alice");
        ImsUserAgent bob = registered("bob");

        ImsCall atBob = connectedCall(alice, bob, "tel:+15550002");

        Request atAs = as.received(Request.INVITE).get(0);
        List<String> routes = HeaderValues.all(atAs, "Route");
        assertEquals(2, routes.size(), routes.toString());
        assertTrue(routes.get(1).contains(";odi="), routes.toString());
        assertEquals(callId(as.sentInvites().get(0)), callId(atBob.invite()));
    }

    @Test
    void terminatingUnregisteredIfcRunsAndTheCallThenGets480() throws Exception {
        RoutingB2buaAs as = as();
        startCore(new HssFile().subscriber("alice", null)
                .subscriber("carol", null,
                        ifc(1, "INVITE", "terminating-unregistered", as.uri(), "SESSION_TERMINATED")));
        ImsUserAgent alice = registered("alice");

        Response r = alice.call("sip:carol@ims.test").awaitFinalResponse(WAIT);

        assertEquals(480, r.getStatusCode());
        assertEquals(1, as.received(Request.INVITE).size());
    }

    @Test
    void silentAsWithSessionTerminatedFailsTheCallWith408() throws Exception {
        String silentAs = "sip:127.0.0.1:" + FreePorts.tcpAndUdp(); // nothing listens there
        startCore(new HssFile()
                .subscriber("alice", null, ifc(1, "INVITE", "originating", silentAs, "SESSION_TERMINATED"))
                .subscriber("bob", null));
        ImsUserAgent alice = registered("alice");
        ImsUserAgent bob = registered("bob");

        Response r = alice.call("sip:bob@ims.test").awaitFinalResponse(WAIT);

        assertEquals(408, r.getStatusCode()); // TS 24.229 §5.4.3.2
        assertEquals(0, bob.receivedRequests(Request.INVITE).size());
    }

    @Test
    void silentAsWithSessionContinuedLetsTheCallProceed() throws Exception {
        String silentAs = "sip:127.0.0.1:" + FreePorts.tcpAndUdp();
        startCore(new HssFile()
                .subscriber("alice", null, ifc(1, "INVITE", "originating", silentAs, "SESSION_CONTINUED"))
                .subscriber("bob", null));
        ImsUserAgent alice = registered("alice");
        ImsUserAgent bob = registered("bob");

        connectedCall(alice, bob, "sip:bob@ims.test");
    }

    @Test
    void unknownOriginalDialogIdentifierIsRefusedWith400() throws Exception {
        startCore(new HssFile().subscriber("bob", null));
        try (SipTestAgent agent = new SipTestAgent("UDP", FreePorts.tcpAndUdp())) {
            Request invite = agent.newRequest(Request.INVITE, core.scscfUri().getHost(), core.scscfUri().getPort());
            var a = agent.factories().addresses();
            var route = core.scscfUri();
            route.setParameter("odi", "0123456789abcdef");
            invite.addHeader(agent.factories().headers().createRouteHeader(a.createAddress(route)));

            Response r = agent.send(invite, WAIT);

            assertEquals(400, r.getStatusCode());
            assertNotEquals(null, r.getReasonPhrase());
        }
    }
}
