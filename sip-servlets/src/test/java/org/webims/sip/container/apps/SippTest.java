package org.webims.sip.container.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** The harness's SIPp peer: started means listening, and a taken port is said at once. */
class SippTest {
    private static InetSocketAddress loopback(int port) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    /** What a test sends to a peer right after starting it arrives, and its port is no one else's to take. */
    @Test
    void startReturnsOnceSippHoldsItsPort() throws Exception {
        int port = Sipp.freePort();
        try (Sipp uas = Sipp.start("uas", port, null, "-m", "1")) {
            assertThrows(BindException.class, () -> new DatagramSocket(loopback(port)).close());
            assertEquals(port, uas.port());
        }
    }

    /** A port another socket took before SIPp bound it fails the start with SIPp's reason, not a call 30 s later. */
    @Test
    void startOnATakenPortFailsAtOnceWithSippsReason() throws Exception {
        int port = Sipp.freePort();
        try (DatagramSocket taker = new DatagramSocket(loopback(port))) {
            Sipp.PortTakenException e = assertThrows(Sipp.PortTakenException.class,
                    () -> Sipp.start("uas", port, null, "-m", "1").close());
            assertTrue(e.getMessage().contains("Unable to bind main socket"), e.getMessage());
        }
    }

    @Test
    void startOnFreePortListensOnThePortItReports() throws Exception {
        try (Sipp uas = Sipp.startOnFreePort("uas", null, "-m", "1")) {
            assertThrows(BindException.class, () -> new DatagramSocket(loopback(uas.port())).close());
        }
    }
}
