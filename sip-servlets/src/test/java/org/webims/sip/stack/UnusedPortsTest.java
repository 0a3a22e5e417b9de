package org.webims.sip.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UnusedPortsTest {
    /**
     * A test draws its peers' ports before they bind them, so a port must not come back while its
     * peer may still be starting. Drawn from the kernel alone, 1,000 draws repeat about 70 ports
     * here (bind(0) picks among about 7,000); none may repeat.
     */
    @Test
    void aPortIsHandedOutOnlyOnceEvenWhileNobodyHasBoundIt() {
        UnusedPorts ports = new UnusedPorts();
        Set<Integer> seen = new HashSet<>();
        int repeats = 0;
        for (int i = 0; i < 1000; i++) {
            if (!seen.add(ports.next())) {
                repeats++;
            }
        }
        assertEquals(0, repeats, "ports handed out twice");
    }
}
