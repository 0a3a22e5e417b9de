package org.webims.sip.arquillian;

import org.webims.sip.container.apps.TestApplications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sip.message.Request;
import org.jboss.arquillian.container.spi.ConfigurationException;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.container.LifecycleException;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import testapps.uas.AnsweringServlet;

/** The adapter driven directly, as Arquillian drives it: configuration, start, deploy, undeploy, stop. */
class EmbeddedSipContainerTest {
    private final EmbeddedSipContainerConfiguration configuration = new EmbeddedSipContainerConfiguration();
    private final EmbeddedSipContainer adapter = new EmbeddedSipContainer();

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        adapter.stop();
    }

    private void start() throws LifecycleException {
        adapter.setup(configuration);
        adapter.start();
    }

    private static WebArchive uas(String name) {
        return ShrinkWrap.create(WebArchive.class, name + ".war")
                .addClass(AnsweringServlet.class)
                .addAsWebInfResource(new StringAsset(TestApplications.sipXml(name, AnsweringServlet.class)), "sip.xml");
    }

    private int messageStatus(String user) throws Exception {
        try (SipPeer peer = new SipPeer("tester")) {
            Request message = peer.request(Request.MESSAGE, adapter.endpoint().sipUri(user));
            return peer.send(message).finalResponse().getStatusCode();
        }
    }

    @Test
    void listensOnTheConfiguredPort() throws Exception {
        int port = LoopbackPorts.freeUdpAndTcp();
        configuration.setSipPort(port);

        start();

        assertEquals(new SipEndpoint("127.0.0.1", port), adapter.endpoint());
        assertEquals(404, messageStatus("nobody"), "the container answers there, with no application yet");
    }

    @Test
    void choosesAFreePortWhenNoneIsConfigured() throws Exception {
        start();

        assertNotEquals(0, adapter.endpoint().port());
        assertEquals(404, messageStatus("nobody"));
    }

    @Test
    void deploysAnArchiveExplodedAndUndeployDeletesIt() throws Exception {
        start();
        WebArchive archive = uas("uas");

        adapter.deploy(archive);
        Path folder = adapter.deploymentFolder("uas.war");
        assertTrue(Files.isRegularFile(folder.resolve("WEB-INF/sip.xml")), "exported exploded to " + folder);
        assertTrue(Files.isRegularFile(folder.resolve("WEB-INF/classes/testapps/uas/AnsweringServlet.class")));
        assertEquals(200, messageStatus("uas"), "answered by the deployed servlet");

        adapter.undeploy(archive);
        assertFalse(Files.exists(folder), "folder deleted on undeploy");
        assertEquals(404, messageStatus("uas"), "no application after undeploy");
    }

    @Test
    void badDescriptorFailsWithArquilliansExceptionNamingTheFileInTheArchive() throws Exception {
        start();
        WebArchive broken = ShrinkWrap.create(WebArchive.class, "broken.war")
                .addAsWebInfResource(new StringAsset(FailedDeploymentTest.BAD_SIP_XML), "sip.xml");

        DeploymentException e = assertThrows(DeploymentException.class, () -> adapter.deploy(broken));

        assertTrue(e.getMessage().startsWith("broken.war!/WEB-INF/sip.xml:4: "), e.getMessage());
        var cause = assertInstanceOf(org.webims.sip.container.deploy.DeploymentException.class, e.getCause());
        assertEquals(4, cause.line());
        assertEquals(null, adapter.deploymentFolder("broken.war"), "nothing left deployed");
        adapter.deploy(uas("after"));
        assertEquals(200, messageStatus("after"), "the container serves the next deployment");
    }

    @Test
    void archiveWithNoSipApplicationFailsNamingTheArchive() throws Exception {
        start();

        DeploymentException e = assertThrows(DeploymentException.class,
                () -> adapter.deploy(ShrinkWrap.create(WebArchive.class, "empty.war").addAsWebInfResource(
                        new StringAsset("<web-app/>"), "web.xml")));

        assertTrue(e.getMessage().startsWith("empty.war: not a SIP application"), e.getMessage());
    }

    @Test
    void secondArchiveOfTheSameNameIsRefused() throws Exception {
        start();
        adapter.deploy(uas("twice"));

        DeploymentException e = assertThrows(DeploymentException.class, () -> adapter.deploy(uas("twice")));

        assertEquals("twice.war: an archive of that name is already deployed", e.getMessage());
    }

    @Test
    void stopReleasesThePortAndDeletesEveryDeploymentFolder() throws Exception {
        start();
        adapter.deploy(uas("left"));
        Path folder = adapter.deploymentFolder("left.war");
        int port = adapter.endpoint().port();

        adapter.stop();

        assertFalse(Files.exists(folder.getParent().getParent()), "the adapter's temporary folder is gone");
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(loopback, port));
             ServerSocket tcp = new ServerSocket()) {
            tcp.bind(new InetSocketAddress(loopback, port));
        }
    }

    @Test
    void busyConfiguredPortFailsStartNamingIt() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            configuration.setSipPort(taken.getLocalPort());

            LifecycleException e = assertThrows(LifecycleException.class, this::start);

            assertTrue(e.getMessage().startsWith("cannot start the embedded SIP container on 127.0.0.1:"
                    + taken.getLocalPort()), e.getMessage());
        }
    }

    @Test
    void malformedDarFileFailsStartWithFileAndLine() throws Exception {
        Path dar = dir.resolve("bad.dar");
        Files.writeString(dar, "# one comment line\nINVITE: (\"app\", \"\", \"SIDEWAYS\", \"\", \"NO_ROUTE\", \"0\")\n");
        configuration.setDarFile(dar.toString());

        LifecycleException e = assertThrows(LifecycleException.class, this::start);

        assertTrue(e.getMessage().startsWith("darFile " + dar + ":2: "), e.getMessage());
    }

    @Test
    void missingDarFileIsAConfigurationError() {
        configuration.setDarFile(dir.resolve("absent.dar").toString());

        ConfigurationException e = assertThrows(ConfigurationException.class, this::start);

        assertEquals("darFile " + dir.resolve("absent.dar") + ": no such file", e.getMessage());
    }
}
