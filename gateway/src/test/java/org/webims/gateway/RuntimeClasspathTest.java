package org.webims.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The gateway's runtime classpath brings every module together without clashing copies. */
class RuntimeClasspathTest {

    private static List<URL> copiesOf(String resource) throws IOException {
        return Collections.list(RuntimeClasspathTest.class.getClassLoader().getResources(resource));
    }

    @Test
    void onlyOneJainSipImplementationDespiteIce4j() throws IOException {
        // ice4j pulls org.jitsi:jain-sip-ri-ossonly, which repackages gov.nist.*; the parent POM excludes it.
        List<URL> copies = copiesOf("gov/nist/javax/sip/SipStackImpl.class");
        assertEquals(1, copies.size(), "copies of the JAIN-SIP stack: " + copies);
        assertEquals(1, copiesOf("javax/sip/SipFactory.class").size(), "copies of the JAIN-SIP API");
    }

    @Test
    void dtlsAndIceLiteAreOnTheClasspathAndIce4jIsNot() throws ClassNotFoundException, IOException {
        Class.forName("org.bouncycastle.tls.DTLSServerProtocol");
        Class.forName("org.webims.webrtc.ice.IceLiteAgent");
        // decision 0008: ice4j is only the tests' independent STUN peer
        assertEquals(0, copiesOf("org/ice4j/ice/Agent.class").size());
    }
}
