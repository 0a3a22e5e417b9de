package org.webims.sip.container.uas;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webims.sip.container.SipContainer;
import org.webims.sip.container.apps.ReliableRingingServlet;
import org.webims.sip.container.apps.Sipp;
import org.webims.sip.container.apps.TestApplications;
import org.webims.sip.stack.ListenAddress;
import org.webims.sip.stack.SipStackSettings;
import org.webims.sip.stack.SipTransport;

/** RFC 3262 through the servlet API: sendReliably, the caller's PRACK to doPrack, then the answer. */
class ReliableProvisionalTest {
    private SipContainer container;
    private int port;

    @BeforeEach
    void deploy(@TempDir Path dir) throws Exception {
        port = Sipp.freePort();
        container = new SipContainer(new SipStackSettings("rel100-test",
                List.of(new ListenAddress(SipTransport.UDP, "127.0.0.1", port)), 65536));
        container.start();
        container.deploy(TestApplications.folder(dir, "rel", TestApplications.sipXml("rel", ReliableRingingServlet.class)));
    }

    @AfterEach
    void stop() {
        container.close();
    }

    @Test
    void reliable183IsPrackedThenTheCallIsAnswered() throws Exception {
        try (Sipp caller = Sipp.start("uac-100rel.xml", Sipp.freePort(), "127.0.0.1:" + port, "-m", "1")) {
            assertEquals(0, caller.await(40), "caller side:\n" + caller.log());
        }
        for (int i = 0; i < 100 && container.sipSessionCount() > 0; i++) {
            Thread.sleep(100);
        }
        assertEquals(0, container.sipSessionCount(), "SIP sessions left after the call");
    }
}
