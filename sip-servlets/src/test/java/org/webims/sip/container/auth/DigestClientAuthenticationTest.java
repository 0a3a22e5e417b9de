package org.webims.sip.container.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webims.sip.container.ContainerCapabilities;
import org.webims.sip.container.SipContainer;
import org.webims.sip.container.apps.Sipp;
import org.webims.sip.container.apps.TestApplications;
import org.webims.sip.container.apps.UpstreamRegisteringServlet;
import org.webims.sip.stack.ListenAddress;
import org.webims.sip.stack.SipStackSettings;
import org.webims.sip.stack.SipTransport;

/**
 * UAC Digest authentication (JSR 289 {@code addAuthHeader}, RFC 3261 §22.2): a servlet's REGISTER
 * challenged by a SIPp registrar is retried with an Authorization header, which SIPp itself
 * verifies against the password it knows (qop=auth, the opaque echoed, the CSeq one higher).
 */
class DigestClientAuthenticationTest {
    private SipContainer container;
    private int containerPort;
    private int registrarPort;
    @TempDir
    Path dir;

    @BeforeEach
    void start() throws Exception {
        containerPort = Sipp.freePort();
        registrarPort = Sipp.freePort();
        container = new SipContainer(new SipStackSettings("digest-uac-test",
                List.of(new ListenAddress(SipTransport.UDP, "127.0.0.1", containerPort)), 65536),
                ContainerCapabilities.defaults(), 4, 10_000);
        container.start();
    }

    @AfterEach
    void stop() {
        container.close();
    }

    private void deployWithPassword(String password) throws Exception {
        container.deploy(TestApplications.folder(dir, "registering", TestApplications.sipXml("registering",
                UpstreamRegisteringServlet.class, "registrar", "sip:127.0.0.1:" + registrarPort, "password", password)));
    }

    private void run(String callerScenario) throws Exception {
        try (Sipp registrar = Sipp.start("uas-digest-registrar.xml", registrarPort, null, "-m", "1");
             Sipp caller = Sipp.start(callerScenario, Sipp.freePort(), "127.0.0.1:" + containerPort, "-m", "1")) {
            int callerExit = caller.await(40);
            int registrarExit = registrar.await(40);
            String logs = "caller side:\n" + caller.log() + "\nregistrar side:\n" + registrar.log();
            assertEquals(0, callerExit, logs);
            assertEquals(0, registrarExit, logs);
        }
    }

    @Test
    void answersARegistrarsDigestChallengeWithCredentialsItAccepts() throws Exception {
        deployWithPassword("s3cret");
        run("uac-message-expects-200.xml");
    }

    @Test
    void aWrongPasswordGivesAnAnswerTheRegistrarRefuses() throws Exception {
        deployWithPassword("not-the-password");
        run("uac-message-expects-403.xml");
    }
}
