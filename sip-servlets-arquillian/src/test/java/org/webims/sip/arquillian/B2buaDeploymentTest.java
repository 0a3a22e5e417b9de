package org.webims.sip.arquillian;

import org.webims.sip.container.apps.Sipp;

import org.webims.sip.container.apps.TestApplications;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.webims.sip.container.SipContainer;
import testapps.b2bua.RelayB2buaServlet;

/**
 * A B2BUA servlet deployed as a WebArchive between two SIPp peers, caller -> container -> callee,
 * playing sip-servlets' call flows: each must complete on both peers and leave no session.
 */
@ExtendWith(ArquillianExtension.class)
class B2buaDeploymentTest {
    /** Chosen before the deployment is built: the B2BUA's sip.xml names the callee. */
    private static final int CALLEE_PORT = LoopbackPorts.freeUdpAndTcp();

    @ArquillianResource
    private SipEndpoint endpoint;
    @ArquillianResource
    private SipContainer container;

    @Deployment(testable = false)
    static WebArchive b2bua() {
        return ShrinkWrap.create(WebArchive.class, "b2bua.war")
                .addClass(RelayB2buaServlet.class)
                .addAsWebInfResource(new StringAsset(TestApplications.sipXml("b2bua", RelayB2buaServlet.class,
                        "relay.target", "sip:callee@127.0.0.1:" + CALLEE_PORT)), "sip.xml");
    }

    private void call(String calleeScenario, String callerScenario) throws Exception {
        try (Sipp callee = Sipp.start(calleeScenario, CALLEE_PORT, null, "-m", "1");
             Sipp caller = Sipp.start(callerScenario, LoopbackPorts.freeUdpAndTcp(), endpoint.hostPort(), "-m", "1")) {
            int callerExit = caller.await(40);
            int calleeExit = callee.await(40);
            assertEquals(0, callerExit, "caller side:\n" + caller.log());
            assertEquals(0, calleeExit, "callee side:\n" + callee.log());
        }
        Sessions.awaitNone(container);
    }

    @Test
    void relaysCallAndCallerBye() throws Exception {
        call("uas", "uac");
    }

    @Test
    void relaysReInviteWithItsSdpAnswer() throws Exception {
        call("uas-reinvite.xml", "uac-reinvite.xml");
    }

    @Test
    void cancelBeforeAnswerReachesCalleeAndCallerGets487() throws Exception {
        call("uas-rings-until-cancelled.xml", "uac-cancel.xml");
    }

    @Test
    void calleeByeReachesCaller() throws Exception {
        call("uas-hangs-up.xml", "uac-callee-hangs-up.xml");
    }
}
