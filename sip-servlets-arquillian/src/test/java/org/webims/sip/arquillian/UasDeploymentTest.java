package org.webims.sip.arquillian;

import org.webims.sip.container.apps.TestApplications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.sip.header.ContentTypeHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.jboss.arquillian.container.test.api.Deployment;
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
import testapps.uas.AnsweringServlet;

/** A UAS servlet deployed as a WebArchive with WEB-INF/sip.xml, driven by a JAIN-SIP user agent. */
@ExtendWith(ArquillianExtension.class)
class UasDeploymentTest {
    @ArquillianResource
    private SipEndpoint endpoint;
    @ArquillianResource
    private SipContainer container;
    private SipPeer alice;

    @Deployment(testable = false)
    static WebArchive uas() {
        return ShrinkWrap.create(WebArchive.class, "uas.war")
                .addClass(AnsweringServlet.class)
                .addAsWebInfResource(new StringAsset(TestApplications.sipXml("uas", AnsweringServlet.class)), "sip.xml");
    }

    @BeforeEach
    void startPeer() throws Exception {
        alice = new SipPeer("alice");
    }

    @AfterEach
    void stopPeer() {
        alice.close();
    }

    @Test
    void answersOptionsWith200() throws Exception {
        Response response = alice.send(alice.request(Request.OPTIONS, endpoint.sipUri("uas"))).finalResponse();

        assertEquals(200, response.getStatusCode());
        Sessions.awaitNone(container);
    }

    @Test
    void answersMessageWith200() throws Exception {
        Request message = alice.request(Request.MESSAGE, endpoint.sipUri("uas"));
        alice.setBody(message, "text", "plain", "hello");

        Response response = alice.send(message).finalResponse();

        assertEquals(200, response.getStatusCode());
        Sessions.awaitNone(container);
    }

    @Test
    void answersInviteWithRingingThenSdpAndEndsTheCallOnBye() throws Exception {
        SipPeer.Call call = alice.invite(endpoint.sipUri("uas"));

        Response answer = call.invite().finalResponse();
        assertEquals(List.of(180, 200), call.invite().statuses().stream().filter(s -> s != 100).toList());
        ContentTypeHeader type = (ContentTypeHeader) answer.getHeader(ContentTypeHeader.NAME);
        assertEquals("application/sdp", type.getContentType() + "/" + type.getContentSubType());
        String sdp = new String(answer.getRawContent(), StandardCharsets.US_ASCII);
        assertTrue(sdp.contains("m=audio 49170 RTP/AVP 0"), sdp);
        call.ack();

        assertEquals(1, container.sipSessionCount(), "the call's session while it lasts");
        assertEquals(200, call.bye().finalResponse().getStatusCode());
        Sessions.awaitNone(container);
    }
}
