package org.webims.testims.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.webims.sip.stack.UnusedPorts;

class FreePortsTest {
    /**
     * Tests here draw a gateway's, a core's and user agents' ports before any of them binds: none
     * may come twice in the JVM, from this helper or another drawing from the shared set. From the
     * kernel alone, 1,000 draws repeat about 70 ports here.
     */
    @Test
    void aPortIsNeverHandedOutTwiceInTheJvm() {
        Set<Integer> seen = new HashSet<>();
        int repeats = 0;
        for (int i = 0; i < 500; i++) {
            repeats += seen.add(FreePorts.tcpAndUdp()) ? 0 : 1;
            repeats += seen.add(UnusedPorts.shared().next()) ? 0 : 1;
        }
        assertEquals(0, repeats, "ports handed out twice");
    }

    @Test
    void aPortHeldOverUdpIsNotFree() throws Exception {
        int port = FreePorts.tcpAndUdp();
        assertTrue(FreePorts.isFree(port));
        try (DatagramSocket held = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
            assertFalse(FreePorts.isFree(port));
        }
    }
}
