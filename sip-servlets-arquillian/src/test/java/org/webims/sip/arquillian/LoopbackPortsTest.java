package org.webims.sip.arquillian;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.webims.sip.container.apps.Sipp;

class LoopbackPortsTest {
    /**
     * The adapter picks the container's port and the test's peers' ports, and a test here also
     * starts SIPp peers on ports of Sipp's: drawn before anyone binds them, none may come twice,
     * whichever helper drew it. From the kernel alone, 1,000 draws repeat about 70 ports here.
     */
    @Test
    void aPortIsNeverHandedOutTwiceByThisOrSippsHelper() {
        Set<Integer> seen = new HashSet<>();
        int repeats = 0;
        for (int i = 0; i < 500; i++) {
            repeats += seen.add(LoopbackPorts.freeUdpAndTcp()) ? 0 : 1;
            repeats += seen.add(Sipp.freePort()) ? 0 : 1;
        }
        assertEquals(0, repeats, "ports handed out twice");
    }
}
