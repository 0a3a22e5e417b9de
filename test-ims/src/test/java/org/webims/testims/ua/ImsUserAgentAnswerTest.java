package org.webims.testims.ua;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sip.address.SipURI;
import javax.sip.message.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.webims.testims.lifecycle.ParallelClose;

/**
 * A UE that answers when the test says so (no auto-answer): the call the test gets from
 * {@link ImsUserAgent#awaitIncomingCall} is ready to be answered at once. Two UEs call each other
 * directly (the caller's outbound proxy is the callee), so no proxy's timing is involved. Two UEs
 * with qos preconditions (RFC 3312) run the whole precondition exchange between themselves.
 */
class ImsUserAgentAnswerTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final List<ImsUserAgent> started = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        ParallelClose.all(started);
    }

    private ImsUserAgent ue(String user, SipURI outboundProxy, ImsUaOptions options) throws Exception {
        ImsUserAgent ue = new ImsUserAgent(new ImsIdentity("sip:" + user + "@ims.test", user + "@ims.test",
                user + "-secret", "ims.test"), outboundProxy, options);
        started.add(ue);
        return ue;
    }

    @Test
    void callAnsweredAsSoonAsItArrivesRingsFirstAndAnswersWithSdp() throws Exception {
        // bob never sends an out-of-dialog request, so his outbound proxy is never used
        ImsUserAgent bob = ue("bob", unusedProxy(), ImsUaOptions.defaults().withAutoAnswer(false));
        SipURI bobDirect = bob.contactUri();
        bobDirect.setLrParam();
        ImsUserAgent alice = ue("alice", bobDirect, ImsUaOptions.defaults());

        ImsCall call = alice.call("sip:bob@ims.test");
        ImsCall atBob = bob.awaitIncomingCall(WAIT);
        assertNotNull(atBob, "bob's phone rang");
        assertNotNull(atBob.localSdp(), "the call is handed over with its SDP answer made");
        atBob.answer();

        Response ok = call.awaitFinalResponse(WAIT);
        assertEquals(200, ok.getStatusCode());
        // RFC 3261 §13.3.1: no provisional response after the final one; 100 may or may not come
        assertEquals(List.of(180, 200), call.inviteStatuses().stream().filter(s -> s != 100).toList());
        assertTrue(call.remoteSdp() != null && call.remoteSdp().contains("AMR-WB/16000"), String.valueOf(call.remoteSdp()));
        atBob.awaitAck(WAIT);
    }

    @Test
    void twoUesWithPreconditionsReserveBothSegmentsBeforeTheCalleeAlertsThenItAnswersWithoutSdp() throws Exception {
        ImsUserAgent bob = ue("bob", unusedProxy(), ImsUaOptions.defaults().withPreconditions(true));
        SipURI bobDirect = bob.contactUri();
        bobDirect.setLrParam();
        ImsUserAgent alice = ue("alice", bobDirect, ImsUaOptions.defaults().withPreconditions(true));

        ImsCall call = alice.call("sip:bob@ims.test");
        assertTrue(call.invite().toString().contains("precondition"), call.invite().toString());
        assertNotNull(bob.awaitIncomingCall(WAIT), "bob's phone got the call");
        Response ok = call.awaitFinalResponse(WAIT);
        assertEquals(200, ok.getStatusCode());
        // RFC 3312 §5.1: the answer and status in a reliable 183, alerting only once both segments are reserved
        assertEquals(List.of(183, 180, 200), call.inviteStatuses().stream().filter(s -> s != 100).toList());
        assertEquals(null, ok.getRawContent(), "the answer went in the 183 (RFC 3261 §13.3.1.4)");
        List<String> atBob = bob.received().stream().filter(m -> m instanceof javax.sip.message.Request)
                .map(m -> ((javax.sip.message.Request) m).getMethod()).toList();
        assertTrue(atBob.containsAll(List.of("INVITE", "PRACK", "UPDATE")) && atBob.indexOf("UPDATE") > atBob.indexOf("PRACK"),
                "alice PRACKed the 183, then told her segment by UPDATE: " + atBob);
        String update = new String(bob.receivedRequests("UPDATE").get(0).getRawContent(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(update.contains("a=curr:qos local sendrecv") && update.contains("a=curr:qos remote none"), update);
        assertTrue(call.remoteSdp().contains("a=curr:qos local sendrecv") && call.remoteSdp().contains("a=curr:qos remote sendrecv"),
                "bob's answer to the UPDATE: both reserved: " + call.remoteSdp());
    }

    private static SipURI unusedProxy() throws Exception {
        SipURI uri = new org.webims.testims.agent.SipMessageFactories().addresses().createSipURI(null, "127.0.0.1:9");
        uri.setLrParam();
        return uri;
    }
}
