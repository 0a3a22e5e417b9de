package org.webims.sip.stack.timer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Properties;
import org.junit.jupiter.api.Test;

/** RFC 3261 §17.1.1.1's T1 as the container holds it and hands it to the stack's timer. */
class TimerT1Test {

    @Test
    void defaultIsTheRfcs500MillisecondsAnd64T1Is32Seconds() {
        assertEquals(500, TimerT1.DEFAULT.millis());
        assertTrue(TimerT1.DEFAULT.isDefault());
        assertEquals(32_000, TimerT1.DEFAULT.times(64));
        assertEquals(6_400, TimerT1.ofMillis(100).times(64));
    }

    @Test
    void valuesOutside50To10000MillisecondsAreRefusedSayingWhy() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TimerT1.ofMillis(49));
        assertEquals("SIP timer T1 must be 50..10000 ms (RFC 3261 §17.1.1.1: 500 by default): 49", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TimerT1.ofMillis(10_001));
        assertEquals(50, TimerT1.ofMillis(50).millis());
        assertEquals(10_000, TimerT1.ofMillis(10_000).millis());
    }

    @Test
    void travelsInTheStackPropertiesAndIsTheDefaultWhereNoneIsSet() {
        Properties p = new Properties();
        assertEquals(TimerT1.DEFAULT, TimerT1.readFrom(p));
        assertEquals(TimerT1.DEFAULT, TimerT1.readFrom(null));
        TimerT1.ofMillis(80).writeTo(p);
        assertEquals(TimerT1.ofMillis(80), TimerT1.readFrom(p));
    }
}
