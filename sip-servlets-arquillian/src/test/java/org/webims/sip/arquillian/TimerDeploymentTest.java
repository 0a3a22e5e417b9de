package org.webims.sip.arquillian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sip.RequestEvent;
import javax.sip.header.FromHeader;
import javax.sip.message.Request;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.webims.sip.container.SipContainer;
import testapps.timer.EchoLaterServlet;

/**
 * ServletTimers (JSR 289 §18) in an application declared by annotations only and deployed as a
 * JavaArchive: the timer's listener sends MESSAGEs, as a UAC through SipFactory, back to the
 * JAIN-SIP peer that asked for them. The class runs as a client with {@code @RunAsClient}, the
 * other way to say so besides {@code @Deployment(testable = false)}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TimerDeploymentTest {
    /** Three periods of the servlet's 50 ms timer: long enough for a tick that should not come. */
    private static final Duration QUIET = Duration.ofMillis(150);

    @ArquillianResource
    private SipEndpoint endpoint;
    @ArquillianResource
    private SipContainer container;
    private SipPeer bob;

    @Deployment
    static JavaArchive timerApp() {
        return ShrinkWrap.create(JavaArchive.class, "timer-app.jar").addPackage(EchoLaterServlet.class.getPackage());
    }

    @BeforeEach
    void startPeer() throws Exception {
        bob = new SipPeer("bob");
    }

    @AfterEach
    void stopPeer() {
        bob.close();
    }

    private void ask(String body) throws Exception {
        Request message = bob.request(Request.MESSAGE, endpoint.sipUri("timer"));
        bob.setBody(message, "text", "plain", body);
        assertEquals(200, bob.send(message).finalResponse().getStatusCode());
    }

    /** The next MESSAGE from the container, answered 200, as its body text. */
    private String nextMessage() throws Exception {
        RequestEvent event = bob.awaitRequest(Request.MESSAGE);
        bob.respond(event, 200);
        return new String(event.getRequest().getRawContent(), StandardCharsets.UTF_8);
    }

    @Test
    void oneShotTimerSendsMessageBackThroughSipFactory() throws Exception {
        ask("once");

        RequestEvent event = bob.awaitRequest(Request.MESSAGE);
        bob.respond(event, 200);

        assertEquals("fired", new String(event.getRequest().getRawContent(), StandardCharsets.UTF_8));
        assertEquals(bob.uri(), event.getRequest().getRequestURI().toString(), "sent to the asker's Contact");
        FromHeader from = (FromHeader) event.getRequest().getHeader(FromHeader.NAME);
        assertEquals("sip:timer-app@127.0.0.1", from.getAddress().getURI().toString());
        Sessions.awaitNone(container);
    }

    @Test
    void periodicTimerCancelledAfterThreeFiringsFiresNoMore() throws Exception {
        ask("ticks 3");

        List<String> received = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            received.add(nextMessage());
        }

        assertEquals(List.of("tick 1", "tick 2", "tick 3", "cancelled, timers left: 0"), received);
        assertNull(bob.pollRequest(QUIET), "a request after the timer was cancelled");
        Sessions.awaitNone(container);
    }
}
