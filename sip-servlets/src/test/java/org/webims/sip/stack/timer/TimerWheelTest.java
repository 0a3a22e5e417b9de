package org.webims.sip.stack.timer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.nist.javax.sip.stack.SIPStackTimerTask;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The wheel on a clock the test moves by hand: ticks of 10 ns, 8 buckets. */
class TimerWheelTest {
    private static final long TICK = 10;
    private final TimerWheel wheel = new TimerWheel(8, TICK, 0);
    private final List<TimerEntry> due = new ArrayList<>();

    @Test
    void anEntryIsDueOnlyOnceItsWholeDelayHasPassed() {
        TimerEntry entry = entry();
        wheel.add(entry, 3, 25); // due at 28: within tick 2, so collected once tick 2 has ended (30)
        wheel.collectDue(wheel.tickAt(29), due);
        assertTrue(due.isEmpty(), "collected before its deadline");
        wheel.collectDue(wheel.tickAt(30), due);
        assertEquals(List.of(entry), due);
        assertEquals(0, wheel.size());
    }

    @Test
    void entriesFurtherThanOneTurnAwayWaitForTheirTurn() {
        TimerEntry far = entry();
        wheel.add(far, 0, 8 * TICK * 2 + 5); // two turns and a bit: tick 17, bucket 1
        wheel.collectDue(1, due);
        wheel.collectDue(9, due);
        assertTrue(due.isEmpty(), "collected a turn early");
        wheel.collectDue(17, due);
        assertEquals(List.of(far), due);
    }

    @Test
    void aStallLongerThanATurnCollectsEverythingDueAndNothingElse() {
        TimerEntry soon = entry();
        TimerEntry later = entry();
        TimerEntry notYet = entry();
        wheel.add(soon, 0, 15);
        wheel.add(later, 0, 75);
        wheel.add(notYet, 0, 8 * TICK * 3);
        wheel.collectDue(20, due); // 20 ticks in one go: more than the 8 buckets
        assertEquals(2, due.size());
        assertTrue(due.containsAll(List.of(soon, later)));
        assertEquals(1, wheel.size());
    }

    @Test
    void aRemovedEntryIsNeverCollectedAndRemovingTwiceSaysSo() {
        TimerEntry a = entry();
        TimerEntry b = entry();
        TimerEntry c = entry();
        wheel.add(a, 0, 5);
        wheel.add(b, 0, 5);
        wheel.add(c, 0, 5); // one bucket: a, b and c linked together
        assertTrue(wheel.remove(b));
        assertFalse(wheel.remove(b));
        wheel.collectDue(1, due);
        assertEquals(2, due.size());
        assertTrue(due.containsAll(List.of(a, c)));
    }

    @Test
    void aZeroDelayIsDueAtTheNextTickNotInAnAlreadyCollectedOne() {
        wheel.collectDue(4, due);
        TimerEntry now = entry();
        wheel.add(now, 45, 0); // inside tick 4, which has been collected
        wheel.collectDue(4, due);
        assertTrue(due.isEmpty());
        wheel.collectDue(5, due);
        assertEquals(List.of(now), due);
    }

    private static TimerEntry entry() {
        return new TimerEntry(new SIPStackTimerTask() {
            @Override public void runTask() { }
            @Override public Object getThreadHash() { return null; }
        }, 0);
    }
}
