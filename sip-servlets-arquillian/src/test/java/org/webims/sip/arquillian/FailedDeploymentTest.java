package org.webims.sip.arquillian;

import org.webims.sip.container.apps.TestApplications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javax.sip.message.Request;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import testapps.uas.AnsweringServlet;

/**
 * A deployment whose sip.xml is wrong fails with Arquillian's DeploymentException saying file,
 * line and reason, and the container goes on serving the next deployment.
 */
@ExtendWith(ArquillianExtension.class)
class FailedDeploymentTest {
    /** main-servlet names a servlet the descriptor does not declare, on line 4. */
    static final String BAD_SIP_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <sip-app xmlns="http://www.jcp.org/xml/ns/sipservlet" xmlns:javaee="http://java.sun.com/xml/ns/javaee" version="1.1">
              <app-name>broken</app-name>
              <servlet-selection><main-servlet>ghost</main-servlet></servlet-selection>
              <servlet>
                <javaee:servlet-name>AnsweringServlet</javaee:servlet-name>
                <javaee:servlet-class>testapps.uas.AnsweringServlet</javaee:servlet-class>
              </servlet>
            </sip-app>
            """;

    @ArquillianResource
    private Deployer deployer;
    @ArquillianResource
    private SipEndpoint endpoint;

    @Deployment(name = "broken", managed = false, testable = false)
    static WebArchive broken() {
        return ShrinkWrap.create(WebArchive.class, "broken.war")
                .addClass(AnsweringServlet.class)
                .addAsWebInfResource(new StringAsset(BAD_SIP_XML), "sip.xml");
    }

    @Deployment(name = "next", managed = false, testable = false)
    static WebArchive next() {
        return ShrinkWrap.create(WebArchive.class, "next.war")
                .addClass(AnsweringServlet.class)
                .addAsWebInfResource(new StringAsset(TestApplications.sipXml("next", AnsweringServlet.class)), "sip.xml");
    }

    @Test
    @OperateOnDeployment("next")
    void badSipXmlFailsWithFileLineAndReasonAndTheNextDeploymentServes() throws Exception {
        DeploymentException failure = assertThrows(DeploymentException.class, () -> deployer.deploy("broken"));
        // file inside the archive, line, then the container's reason, which names the culprit
        assertTrue(failure.getMessage().startsWith("broken.war!/WEB-INF/sip.xml:4: "), failure.getMessage());
        assertTrue(failure.getMessage().contains("'ghost'"), failure.getMessage());

        deployer.deploy("next");
        try (SipPeer erin = new SipPeer("erin")) {
            Request message = erin.request(Request.MESSAGE, endpoint.sipUri("next"));
            assertEquals(200, erin.send(message).finalResponse().getStatusCode(), "answered by the next application");
        } finally {
            deployer.undeploy("next");
        }
    }
}
