package org.webims.media.srtp;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RFC 3711 §3.3.2's window at sizes around its 64-bit words (decision 0048 tried keeping small windows
 * in fields of their own): it must answer as a plain record of every index seen would.
 */
class ReplayWindowTest {

    @ParameterizedTest
    @ValueSource(ints = {64, 100, 128, 129, 256, 1000})
    void refusesEveryIndexSeenAndEveryIndexOlderThanTheWindowAndNothingElse(int size) {
        ReplayWindow window = new ReplayWindow(size);
        BitSet seen = new BitSet();
        Random random = new Random(size);
        long highest = -1;
        for (int n = 0; n < 20_000; n++) {
            // mostly forward, with reordering, duplicates, jumps past the window and packets far behind
            long index = switch (random.nextInt(10)) {
                case 0 -> Math.max(0, highest - random.nextInt(2 * size));
                case 1 -> highest + 1 + random.nextInt(3 * size);
                case 2 -> Math.max(0, highest);
                default -> highest + 1 + random.nextInt(3);
            };
            boolean expected = index > highest || (highest - index < size && !seen.get((int) index));
            assertTrue(window.isFresh(index) == expected, "index " + index + " after highest " + highest);
            if (expected) {
                window.accept(index);
                seen.set((int) index);
                highest = Math.max(highest, index);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {64, 128, 256})
    void theEdgeOfTheWindow(int size) {
        ReplayWindow window = new ReplayWindow(size);
        window.accept(1000);
        assertTrue(window.isFresh(1000 - size + 1), "the oldest index the window still holds");
        assertFalse(window.isFresh(1000 - size), "one older is refused unseen");
        window.accept(1000 - size + 1);
        assertFalse(window.isFresh(1000 - size + 1));
        window.accept(1000 + size - 1); // slides by all but one: only 1000 + ... stays
        assertFalse(window.isFresh(1000 + size - 1));
        assertTrue(window.isFresh(1000 + 1), "an index the slide passed over, never seen");
        assertFalse(window.isFresh(1000), "seen, and still in the window");
        assertFalse(window.isFresh(999), "out of the window now");
    }
}
