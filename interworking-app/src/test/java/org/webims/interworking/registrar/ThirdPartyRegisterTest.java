package org.webims.interworking.registrar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webims.interworking.InterworkingTestSupport;
import org.webims.interworking.peers.ImsPeer;
import org.webims.interworking.peers.ParallelClose;

/**
 * The S-CSCF's third-party REGISTER over UDP (TS 24.229 §5.7.1.1) from a JAIN-SIP agent on
 * 127.0.0.1: accepted when the configured S-CSCF is that address, 403 when it is another.
 */
class ThirdPartyRegisterTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    private ImsPeer ims;
    private InterworkingTestSupport support;

    @AfterEach
    void stop() throws Exception {
        ParallelClose.all(java.util.Arrays.asList(support, ims)); // neither waits for the other's stack to stop
    }

    private Response thirdPartyRegister(String configuredScscf) throws Exception {
        ims = new ImsPeer();
        support = InterworkingTestSupport.start(dir, Optional.of(configuredScscf.replace("PORT", Integer.toString(ims.port()))),
                Duration.ofMinutes(5));
        ims.send(Request.REGISTER, "sip:127.0.0.1:" + support.udpPort(), "sip:scscf.ims.test", "sip:+4930111@ims.test",
                List.of("Contact: <sip:127.0.0.1:" + ims.port() + ">", "Expires: 600",
                        "P-Charging-Vector: icid-value=reg0001;orig-ioi=ims.test",
                        "P-Charging-Function-Addresses: ccf=192.0.2.10"), null);
        return ims.nextResponse(Request.REGISTER, 200, WAIT);
    }

    @Test
    void thirdPartyRegisterFromTheConfiguredScscfIsAcceptedWithItsContact() throws Exception {
        Response ok = thirdPartyRegister("sip:127.0.0.1:PORT;transport=udp");
        assertEquals(200, ok.getStatusCode());
        String contact = ok.getHeader("Contact").toString();
        // the peer's own Contact comes first: the one the S-CSCF registered, with the request's Expires
        assertTrue(contact.contains("@127.0.0.1:" + ims.port() + ">") && contact.contains("expires=600"), contact);
    }

    @Test
    void thirdPartyRegisterFromAnotherAddressThanTheScscfIsForbidden() throws Exception {
        // 192.0.2.1 (TEST-NET-1, RFC 5737) is only compared with the source, never sent to
        Response refused = thirdPartyRegister("sip:192.0.2.1:5060;transport=udp");
        assertEquals(403, refused.getStatusCode());
        assertTrue(refused.getReasonPhrase().contains("S-CSCF"), refused.getReasonPhrase());
    }

    @Test
    void thirdPartyRegisterWithNoScscfConfiguredIsForbidden() throws Exception {
        ims = new ImsPeer();
        support = InterworkingTestSupport.start(dir, Optional.empty(), Duration.ofMinutes(5));
        ims.send(Request.REGISTER, "sip:127.0.0.1:" + support.udpPort(), "sip:scscf.ims.test", "sip:+4930111@ims.test",
                List.of("Contact: <sip:127.0.0.1:" + ims.port() + ">", "Expires: 600"), null);
        assertEquals(403, ims.nextResponse(Request.REGISTER, 200, WAIT).getStatusCode());
    }
}
