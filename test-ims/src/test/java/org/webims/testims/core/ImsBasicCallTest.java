package org.webims.testims.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webims.testims.core.hss.HssProfileParser;
import org.webims.testims.net.FreePorts;
import org.webims.testims.sip.HeaderValues;
import org.webims.testims.ua.ImsCall;
import org.webims.testims.ua.ImsIdentity;
import org.webims.testims.ua.ImsUaOptions;
import org.webims.testims.ua.ImsUserAgent;
import org.webims.testims.lifecycle.ParallelClose;

/** Calls between two IMS UEs through the P-CSCF and S-CSCF, no iFC involved. */
class ImsBasicCallTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    @TempDir Path dir;
    private TestImsCore core;
    private ImsUserAgent alice;
    private ImsUserAgent bob;

    @BeforeEach
    void start() throws Exception {
        HssFile hss = new HssFile().subscriber("alice", "tel:+15550001").subscriber("bob", "tel:+15550002")
                .subscriber("carol", null);
        core = new TestImsCore(HssProfileParser.parse(hss.write(dir)), "127.0.0.1", FreePorts.tcpAndUdp(),
                FreePorts.tcpAndUdp(), Duration.ofSeconds(2));
    }

    @AfterEach
    void stop() throws Exception {
        ParallelClose.all(java.util.Arrays.asList(alice, bob, core));
    }

    private ImsUserAgent registered(String user, ImsUaOptions options) throws Exception {
        ImsUserAgent ue = new ImsUserAgent(new ImsIdentity("sip:" + user + "@ims.test", user + "@ims.test",
                user + "-secret", "ims.test"), core.pcscfUri(), options);
        assertEquals(200, ue.register(3600, WAIT).getStatusCode());
        return ue;
    }

    @Test
    void callConnectsThroughPcscfAndScscfWithRecordRoute() throws Exception {
        alice = registered("alice", ImsUaOptions.defaults());
        bob = registered("bob", ImsUaOptions.defaults());

        ImsCall call = alice.call("sip:bob@ims.test");
        Response answer = call.awaitFinalResponse(WAIT);
        ImsCall atBob = bob.awaitIncomingCall(WAIT);

        assertEquals(200, answer.getStatusCode());
        assertTrue(call.inviteStatuses().contains(180), call.inviteStatuses().toString());
        assertNotNull(atBob);
        atBob.awaitAck(WAIT);
        Request invite = atBob.invite();
        assertEquals("<sip:alice@ims.test>", HeaderValues.first(invite, "P-Asserted-Identity"));
        assertTrue(HeaderValues.first(invite, "P-Charging-Vector").startsWith("icid-value="));
        List<String> recordRoute = HeaderValues.all(invite, "Record-Route");
        String pcscf = core.pcscfUri().getHost() + ":" + core.pcscfUri().getPort();
        String scscf = core.scscfUri().getHost() + ":" + core.scscfUri().getPort();
        assertEquals(3, recordRoute.size(), recordRoute.toString());
        assertTrue(recordRoute.get(0).contains(pcscf) && recordRoute.get(1).contains(scscf)
                && recordRoute.get(2).contains(pcscf), recordRoute.toString());
        assertTrue(call.remoteSdp().contains("AMR-WB/16000"), call.remoteSdp());

        assertEquals(200, call.hangUp(WAIT).getStatusCode());
        atBob.awaitEnded(WAIT);
        Request bye = bob.receivedRequests(Request.BYE).get(0);
        assertEquals(0, HeaderValues.all(bye, "Route").size(), "every proxy took its own Route off");
    }

    @Test
    void calleeCanHangUpAndTelUriReachesTheSameUser() throws Exception {
        alice = registered("alice", ImsUaOptions.defaults());
        bob = registered("bob", ImsUaOptions.defaults());

        ImsCall call = alice.call("tel:+15550002");
        assertEquals(200, call.awaitFinalResponse(WAIT).getStatusCode());
        ImsCall atBob = bob.awaitIncomingCall(WAIT);
        atBob.awaitAck(WAIT);

        assertEquals(200, atBob.hangUp(WAIT).getStatusCode());
        call.awaitEnded(WAIT);
    }

    @Test
    void reliableRingingIsPrackedAndUpdateRenegotiates() throws Exception {
        ImsUaOptions reliable = ImsUaOptions.defaults().withReliableProvisional(true);
        alice = registered("alice", reliable);
        bob = registered("bob", reliable);

        ImsCall call = alice.call("sip:bob@ims.test");
        assertEquals(200, call.awaitFinalResponse(WAIT).getStatusCode());
        ImsCall atBob = bob.awaitIncomingCall(WAIT);
        atBob.awaitAck(WAIT);

        Response ringing = call.inviteResponses().stream().filter(r -> r.getStatusCode() == 180).findFirst()
                .orElseThrow();
        assertNotNull(ringing.getHeader("RSeq"), "180 sent reliably");
        assertEquals(1, bob.receivedRequests(Request.PRACK).size());
        Response updated = call.update(WAIT);
        assertEquals(200, updated.getStatusCode());
        assertTrue(call.remoteSdp().contains("AMR-WB"), call.remoteSdp());
        assertEquals(1, bob.receivedRequests(Request.UPDATE).size());
        call.hangUp(WAIT);
    }

    @Test
    void unknownCalleeGets404() throws Exception {
        alice = registered("alice", ImsUaOptions.defaults());

        assertEquals(404, alice.call("sip:nobody@ims.test").awaitFinalResponse(WAIT).getStatusCode());
    }

    @Test
    void unregisteredCalleeGets480() throws Exception {
        alice = registered("alice", ImsUaOptions.defaults());

        assertEquals(480, alice.call("sip:carol@ims.test").awaitFinalResponse(WAIT).getStatusCode());
    }

    @Test
    void unregisteredCallerIsRefusedByThePcscf() throws Exception {
        bob = registered("bob", ImsUaOptions.defaults());
        alice = new ImsUserAgent(new ImsIdentity("sip:alice@ims.test", "alice@ims.test", "alice-secret",
                "ims.test"), core.pcscfUri(), ImsUaOptions.defaults());

        assertEquals(403, alice.call("sip:bob@ims.test").awaitFinalResponse(WAIT).getStatusCode());
        assertEquals(0, bob.receivedRequests(Request.INVITE).size());
    }
}
