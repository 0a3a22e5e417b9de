package org.webims.sip.arquillian;

import org.webims.sip.container.apps.TestApplications;

import static org.junit.jupiter.api.Assertions.assertEquals;

import javax.sip.header.ExtensionHeader;
import javax.sip.message.Response;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.webims.sip.container.SipContainer;
import testapps.b2bua.RelayB2buaServlet;
import testapps.uas.AnsweringServlet;

/**
 * Two applications composed on one call by the default application router (JSR 289 §15,
 * Appendix C), in the container arquillian.xml configures with dar/composition.dar: the INVITE
 * goes to composer-a (ORIGINATING), a B2BUA adding X-App-Path, whose INVITE goes on to
 * answerer-b (TERMINATING), a UAS answering with X-App-Path extended by its own mark.
 */
@ExtendWith(ArquillianExtension.class)
class ApplicationCompositionTest {
    private static final String PATH_HEADER = "X-App-Path";

    @ArquillianResource
    private SipEndpoint endpoint;
    @ArquillianResource
    private SipContainer container;
    private SipPeer carol;

    @Deployment(name = "composer-a", testable = false)
    @TargetsContainer("sip-dar")
    static WebArchive composerA() {
        return ShrinkWrap.create(WebArchive.class, "composer-a.war")
                .addClass(RelayB2buaServlet.class)
                .addAsWebInfResource(new StringAsset(TestApplications.sipXml("composer-a", RelayB2buaServlet.class,
                        "path.header", PATH_HEADER, "path.mark", "composer-a")), "sip.xml");
    }

    @Deployment(name = "answerer-b", testable = false)
    @TargetsContainer("sip-dar")
    static WebArchive answererB() {
        return ShrinkWrap.create(WebArchive.class, "answerer-b.war")
                .addClass(AnsweringServlet.class)
                .addAsWebInfResource(new StringAsset(TestApplications.sipXml("answerer-b", AnsweringServlet.class,
                        "path.header", PATH_HEADER, "path.mark", "answerer-b", "ring-only.user", "no-answer")), "sip.xml");
    }

    @BeforeEach
    void startPeer() throws Exception {
        carol = new SipPeer("carol");
    }

    @AfterEach
    void stopPeer() {
        carol.close();
    }

    @Test
    void inviteGoesThroughOriginatingThenTerminatingApplication() throws Exception {
        SipPeer.Call call = carol.invite(endpoint.sipUri("dave"));

        Response answer = call.invite().finalResponse();

        assertEquals(200, answer.getStatusCode());
        assertEquals("composer-a, answerer-b", ((ExtensionHeader) answer.getHeader(PATH_HEADER)).getValue());
        call.ack();
        assertEquals(200, call.bye().finalResponse().getStatusCode());
        Sessions.awaitNone(container);
    }

    @Test
    void cancelCrossesBothApplicationsAndCallerGets487() throws Exception {
        SipPeer.Call call = carol.invite(endpoint.sipUri("no-answer"));
        Response ringing;
        do {
            ringing = call.invite().next();
        } while (ringing.getStatusCode() == 100);
        assertEquals(180, ringing.getStatusCode(), "answerer-b's ringing, relayed by composer-a");

        assertEquals(200, call.cancel().finalResponse().getStatusCode());

        assertEquals(487, call.invite().finalResponse().getStatusCode());
        Sessions.awaitNone(container);
    }
}
