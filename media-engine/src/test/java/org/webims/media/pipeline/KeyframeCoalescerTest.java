package org.webims.media.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class KeyframeCoalescerTest {

    static final long INTERVAL = 300_000_000L;

    final RecordingUpstream upstream = new RecordingUpstream();
    final AtomicLong clock = new AtomicLong(5_000_000_000L);
    final KeyframeCoalescer keyframes = new KeyframeCoalescer(upstream, INTERVAL, clock::get);
    final Object viewerA = "A";
    final Object viewerB = "B";

    @Test
    void theFirstRequestGoesUpstreamAtOnce() {
        assertTrue(keyframes.request(viewerA));
        assertEquals(1, upstream.keyframeRequests.get());
    }

    @Test
    void anotherLinksRequestWithinTheIntervalIsCoalescedAndCounted() {
        keyframes.request(viewerA);
        clock.addAndGet(INTERVAL - 1);
        assertFalse(keyframes.request(viewerB));
        assertEquals(1, upstream.keyframeRequests.get());
        assertEquals(1, keyframes.coalesced());
        assertEquals(1, keyframes.passed());
    }

    @Test
    void aRequestAfterTheIntervalGoesThrough() {
        keyframes.request(viewerA);
        keyframes.request(viewerB);
        clock.addAndGet(INTERVAL);
        assertTrue(keyframes.request(viewerB));
        assertEquals(2, upstream.keyframeRequests.get());
        clock.addAndGet(INTERVAL / 2);
        assertFalse(keyframes.request(viewerA), "B claimed the new interval");
    }

    @Test
    void aLinksOwnRepeatPassesToTheElementsOwnRateLimit() {
        keyframes.request(viewerA);
        clock.addAndGet(1_000_000);
        assertTrue(keyframes.request(viewerA));
        assertEquals(2, upstream.keyframeRequests.get());
        assertEquals(0, keyframes.coalesced());
    }

    @Test
    void aForgottenLinkNoLongerPassesAsTheClaimer() {
        keyframes.request(viewerA);
        keyframes.forget(viewerA);
        assertFalse(keyframes.request(viewerA), "a closed link's successor is another link");
        assertFalse(keyframes.request(viewerB));
    }

    @Test
    void aNegativeIntervalIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new KeyframeCoalescer(upstream, -1, clock::get));
    }

    @Test
    void ofManyLinksAskingAtOneInstantOnePasses() throws Exception {
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger passedHere = new AtomicInteger();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Object link = "link" + i;
            Thread t = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                if (keyframes.request(link)) {
                    passedHere.incrementAndGet();
                }
            });
            t.start();
            workers.add(t);
        }
        start.countDown();
        for (Thread t : workers) {
            t.join();
        }
        assertEquals(1, passedHere.get());
        assertEquals(1, upstream.keyframeRequests.get());
        assertEquals(threads - 1, keyframes.coalesced());
    }
}
