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

/**
 * A UE that answers when the test says so (no auto-answer): the call the test gets from
 * {@link ImsUserAgent#awaitIncomingCall} is ready to be answered at once. Two UEs call each other
 * directly (the caller's outbound proxy is the callee), so no proxy's timing is involved.
 */
class ImsUserAgentAnswerTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final List<ImsUserAgent> started = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(ImsUserAgent::close);
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

    private static SipURI unusedProxy() throws Exception {
        SipURI uri = new org.webims.testims.agent.SipMessageFactories().addresses().createSipURI(null, "127.0.0.1:9");
        uri.setLrParam();
        return uri;
    }
}
