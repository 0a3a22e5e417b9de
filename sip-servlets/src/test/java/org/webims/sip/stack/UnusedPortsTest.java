package org.webims.sip.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    /**
     * A test gateway's media range was one drawn port and the 99 after it, none of them handed out:
     * over 1,000 later draws 3 to 10 landed inside it (ten runs; a peer's port the gateway's media
     * could bind first). Ranges now lie where no draw goes, and two in a row do not overlap; many
     * ranges (a suite's gateways) do not run out.
     */
    @Test
    void noPortDrawnBeforeOrAfterFallsInAMediaRangeAndRangesInARowDoNotOverlap() {
        UnusedPorts ports = new UnusedPorts();
        Set<Integer> before = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            before.add(ports.next());
        }
        int first = ports.range(100);
        int second = ports.range(200);
        assertEquals(0, first % 2, "an even start, as RTP's allocator wants");
        assertEquals(0, second % 2, "an even start, as RTP's allocator wants");
        assertTrue(second >= first + 100 || second + 200 <= first, "two ranges apart: " + first + ", " + second);
        for (int p : before) {
            assertTrue(!inside(p, first, 100) && !inside(p, second, 200), "port " + p + " was handed out before");
        }
        for (int i = 0; i < 1000; i++) {
            int p = ports.next();
            assertTrue(!inside(p, first, 100) && !inside(p, second, 200), "port " + p + " lies in a range");
        }
        for (int i = 0; i < 500; i++) {
            assertTrue(ports.range(100) >= 10_000, "range " + i);
        }
    }

    @Test
    void aRangeOfNoPortsOrOfTooManyIsRefused() {
        UnusedPorts ports = new UnusedPorts();
        assertThrows(IllegalArgumentException.class, () -> ports.range(0));
        assertThrows(IllegalArgumentException.class, () -> ports.range(1001));
    }

    private static boolean inside(int port, int start, int count) {
        return port >= start && port < start + count;
    }
}
