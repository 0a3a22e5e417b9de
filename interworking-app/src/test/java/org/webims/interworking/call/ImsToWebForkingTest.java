package org.webims.interworking.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.sip.ClientTransaction;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webims.interworking.InterworkingTestSupport;
import org.webims.interworking.peers.BrowserWebRtc;
import org.webims.interworking.peers.ImsPeer;
import org.webims.interworking.peers.SipText;
import org.webims.interworking.peers.WebSocketSipPeer;
import org.webims.interworking.peers.ParallelClose;

/**
 * An IMS call to a web user registered from two tabs (two WebSocket connections, two RFC 5626
 * instances): both ring at once, the first 2xx wins and the other is cancelled with a Reason
 * (RFC 3326); when both fail the IMS caller gets the best response (RFC 3261 §16.7 step 6).
 */
class ImsToWebForkingTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String CALLER = "sip:+4930777@ims.test";
    private static final String SECOND_INSTANCE = "<urn:uuid:00000000-0000-4000-8000-00000000b0b2>";

    @TempDir
    Path dir;
    private ImsPeer ims;
    private InterworkingTestSupport support;
    private WebSocketSipPeer tabA;
    private WebSocketSipPeer tabB;
    private BrowserWebRtc browser;

    @BeforeEach
    void start() throws Exception {
        ims = new ImsPeer();
        support = InterworkingTestSupport.start(dir, Optional.of("sip:127.0.0.1:" + ims.port() + ";transport=udp"),
                Duration.ofMinutes(5));
        tabA = support.webPeer();
        support.registerAlice(tabA);
        tabB = support.webPeer();
        support.registerAlice(tabB, SECOND_INSTANCE);
        assertEquals(2, support.registrations().bindings("alice").size());
        browser = new BrowserWebRtc(support.mediaNode());
    }

    @AfterEach
    void stop() {
        for (AutoCloseable c : new AutoCloseable[] {browser, tabA, tabB}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // closing the rest matters more
            }
        }
        try {
            ParallelClose.all(java.util.Arrays.asList(support, ims)); // neither waits for the other's stack to stop
        } catch (Exception e) {
            // as above: nothing left to close
        }
    }

    private ClientTransaction callAlice() throws Exception {
        String sdp = Files.readString(Path.of("../media-engine/src/test/resources/sdp/mtsi-volte-offer.sdp"),
                        StandardCharsets.UTF_8)
                .replace("IN IP6 2001:db8:80:1::2a", "IN IP4 127.0.0.1").replaceAll("(?m)^a=(curr|des):.*\\n", "")
                .replace("\r\n", "\n").replace("\n", "\r\n");
        return ims.invite(InterworkingTestSupport.ALICE.impu(), CALLER, List.of(
                "Route: <sip:127.0.0.1:" + support.udpPort() + ";lr>",
                "Route: <sip:127.0.0.1:" + ims.port() + ";lr;odi=4f2a91c0d7e3b5a6>",
                "P-Asserted-Identity: <" + CALLER + ">"), sdp);
    }

    @Test
    void bothBindingsRingAndTheFirstToAnswerWinsTheOtherCancelledAsCompletedElsewhere() throws Exception {
        callAlice();
        SipText inviteA = tabA.next("INVITE", 0, WAIT);
        SipText inviteB = tabB.next("INVITE", 0, WAIT);
        assertNotEquals(inviteA.startLine(), inviteB.startLine(), "each binding's own contact");
        tabA.send(inviteA.reply(180, "Ringing", "tabA", null));
        assertEquals(180, ims.nextResponse(Request.INVITE, 180, WAIT).getStatusCode());

        tabB.send(inviteB.reply(200, "OK", "tabB", browser.answer(inviteB.body())));
        Response ok = ims.nextResponse(Request.INVITE, 200, WAIT);
        assertEquals(200, ok.getStatusCode());
        ims.ack(ok);
        assertFalse(tabB.next("ACK", 0, WAIT).isResponse());

        SipText cancel = tabA.next("CANCEL", 0, WAIT);
        assertEquals("SIP;cause=200;text=\"Call completed elsewhere\"", cancel.header("Reason"));
        tabA.send(cancel.reply(200, "OK", "tabA", null));
        tabA.send(inviteA.reply(487, "Request Terminated", "tabA", null));
        assertFalse(tabA.next("ACK", 0, WAIT).isResponse(), "the container ACKs the 487 (RFC 3261 §17.1.1.3)");

        ims.bye(ims.dialog());
        SipText bye = tabB.next("BYE", 0, WAIT);
        tabB.send(bye.reply(200, "OK", null, null));
        assertEquals(200, ims.nextResponse(Request.BYE, 200, WAIT).getStatusCode());
        assertEquals(0, tabA.waiting(), "the losing tab hears nothing more: " + tabA.waiting());
    }

    @Test
    void whenEveryBindingFailsTheImsCallerGetsTheBestResponse() throws Exception {
        callAlice();
        SipText inviteA = tabA.next("INVITE", 0, WAIT);
        SipText inviteB = tabB.next("INVITE", 0, WAIT);
        tabA.send(inviteA.reply(500, "Server Internal Error", "tabA", null));
        assertFalse(tabA.next("ACK", 0, WAIT).isResponse());
        tabB.send(inviteB.reply(486, "Busy Here", "tabB", null));
        // RFC 3261 §16.7 step 6: the lowest class wins, 4xx over 5xx, though the 5xx came first
        Response best = ims.nextResponse(Request.INVITE, 200, WAIT);
        assertEquals(486, best.getStatusCode());
    }

    @Test
    void aDeclineFromOneBindingEndsTheCallAndCancelsTheOther() throws Exception {
        callAlice();
        SipText inviteA = tabA.next("INVITE", 0, WAIT);
        SipText inviteB = tabB.next("INVITE", 0, WAIT);
        tabB.send(inviteB.reply(180, "Ringing", "tabB", null));
        tabA.send(inviteA.reply(603, "Decline", "tabA", null));
        assertEquals(603, ims.nextResponse(Request.INVITE, 200, WAIT).getStatusCode());
        SipText cancel = tabB.next("CANCEL", 0, WAIT);
        assertEquals("SIP;cause=603;text=\"Decline\"", cancel.header("Reason"));
        tabB.send(cancel.reply(200, "OK", "tabB", null));
        tabB.send(inviteB.reply(487, "Request Terminated", "tabB", null));
    }

    @Test
    void theImsCallerCancellingCancelsEveryBinding() throws Exception {
        ClientTransaction call = callAlice();
        SipText inviteA = tabA.next("INVITE", 0, WAIT);
        SipText inviteB = tabB.next("INVITE", 0, WAIT);
        tabA.send(inviteA.reply(180, "Ringing", "tabA", null));
        tabB.send(inviteB.reply(180, "Ringing", "tabB", null));
        ims.nextResponse(Request.INVITE, 180, WAIT);
        ims.cancel(call);
        assertEquals(487, ims.nextResponse(Request.INVITE, 300, WAIT).getStatusCode());
        for (WebSocketSipPeer tab : List.of(tabA, tabB)) {
            SipText cancel = tab.next("CANCEL", 0, WAIT);
            assertTrue(cancel.header("Reason") == null, "nothing completed elsewhere: " + cancel.header("Reason"));
        }
    }
}
