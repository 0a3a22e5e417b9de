package org.webims.testims.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.sip.message.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webims.testims.core.hss.HssProfileParser;
import org.webims.testims.net.FreePorts;
import org.webims.testims.sip.HeaderValues;
import org.webims.testims.ua.ImsIdentity;
import org.webims.testims.ua.ImsUaOptions;
import org.webims.testims.ua.ImsUserAgent;

class ImsRegistrationTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    @TempDir Path dir;
    private TestImsCore core;
    private ImsUserAgent ue;

    @AfterEach
    void stop() {
        if (ue != null) {
            ue.close();
        }
        if (core != null) {
            core.close();
        }
    }

    private void startCore(HssFile hss) throws Exception {
        core = new TestImsCore(HssProfileParser.parse(hss.write(dir)), "127.0.0.1", FreePorts.tcpAndUdp(),
                FreePorts.tcpAndUdp(), Duration.ofSeconds(2));
    }

    private ImsUserAgent ue(String user, String password) throws Exception {
        return new ImsUserAgent(new ImsIdentity("sip:" + user + "@ims.test", user + "@ims.test", password,
                "ims.test"), core.pcscfUri(), ImsUaOptions.defaults());
    }

    @Test
    void registersWithDigestAfterA401Challenge() throws Exception {
        startCore(new HssFile().subscriber("alice", "tel:+15550001"));
        ue = ue("alice", "alice-secret");

        Response r = ue.register(3600, WAIT);

        assertEquals(200, r.getStatusCode());
        List<Integer> statuses = ue.received().stream().filter(m -> m instanceof Response)
                .map(m -> ((Response) m).getStatusCode()).toList();
        assertEquals(List.of(401, 200), statuses);
        assertTrue(HeaderValues.first(r, "Service-Route").contains("orig@"), HeaderValues.all(r, "Service-Route").toString());
        List<String> associated = HeaderValues.all(r, "P-Associated-URI");
        assertTrue(associated.contains("<sip:alice@ims.test>") && associated.contains("<tel:+15550001>"),
                associated.toString());
        assertTrue(HeaderValues.first(r, "Path").contains("term@"), "the P-CSCF's Path is echoed");
    }

    @Test
    void refusesAWrongPasswordWith403() throws Exception {
        startCore(new HssFile().subscriber("alice", null));
        ue = ue("alice", "not-the-password");

        assertEquals(403, ue.register(3600, WAIT).getStatusCode());
    }

    @Test
    void refusesAnUnknownPublicIdentityWith403() throws Exception {
        startCore(new HssFile().subscriber("alice", null));
        ue = ue("mallory", "whatever");

        assertEquals(403, ue.register(3600, WAIT).getStatusCode());
    }
}
