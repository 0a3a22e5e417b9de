package org.webims.media.transcode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Video streams' own workers (decision 0030): a stream keeps one thread and its order, new streams
 * go to the least-loaded thread, a frame signalled while the thread sleeps is never left waiting,
 * nothing is allocated per frame, and the threads are few, named and gone after close.
 */
class VideoLanesTest {

    /** A stream stand-in: frames are numbers a producer publishes; the lane takes one per call. */
    static final class CountingStream implements VideoLane.Member {
        final AtomicLong published = new AtomicLong();
        volatile long taken;
        volatile boolean outOfOrder;
        final Set<Thread> threads = ConcurrentHashMap.newKeySet();
        long expected;

        /** Producer side: one more frame. */
        long publish() {
            return published.incrementAndGet();
        }

        @Override
        public boolean runOne() {
            if (taken >= published.get()) {
                return false;
            }
            long frame = taken + 1;
            if (frame != ++expected) {
                outOfOrder = true;
            }
            threads.add(Thread.currentThread());
            taken = frame;
            return true;
        }
    }

    @Test
    void eachStreamRunsOnOneThreadInOrderAndStreamsSpreadOverTheThreads() throws Exception {
        VideoLanes lanes = new VideoLanes(2, "test-video-", false);
        try {
            List<CountingStream> streams = new ArrayList<>();
            List<VideoLane> assigned = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                CountingStream s = new CountingStream();
                streams.add(s);
                assigned.add(lanes.join(s));
            }
            assertEquals(2, lanes.lane(0).load(), "least-loaded: two streams each");
            assertEquals(2, lanes.lane(1).load(), "least-loaded: two streams each");
            // two producers, as two I/O threads would push
            Thread[] producers = new Thread[2];
            for (int p = 0; p < 2; p++) {
                int first = p;
                producers[p] = new Thread(() -> {
                    for (int f = 0; f < 5_000; f++) {
                        for (int i = first; i < 4; i += 2) {
                            streams.get(i).publish();
                            assigned.get(i).signal();
                        }
                        if (f % 64 == 0) {
                            Thread.yield(); // let the lanes catch up and go to sleep now and then
                        }
                    }
                });
                producers[p].start();
            }
            for (Thread t : producers) {
                t.join();
            }
            assertTrue(Paced.await(20_000, () -> streams.stream().allMatch(s -> s.taken == 5_000)),
                    () -> "every frame ran: " + streams.stream().map(s -> s.taken).toList());
            Set<Thread> used = ConcurrentHashMap.newKeySet();
            for (CountingStream s : streams) {
                assertFalse(s.outOfOrder, "frames of a stream run in order");
                assertEquals(1, s.threads.size(), "a stream's frames all run on one thread");
                used.addAll(s.threads);
            }
            assertEquals(2, used.size(), "both threads carry streams");
        } finally {
            lanes.close(5_000);
        }
    }

    @Test
    void aNewStreamGoesToTheLaneWithFewestStreams() {
        VideoLanes lanes = new VideoLanes(3, "test-video-", false);
        try {
            CountingStream a = new CountingStream();
            CountingStream b = new CountingStream();
            CountingStream c = new CountingStream();
            VideoLane la = lanes.join(a);
            VideoLane lb = lanes.join(b);
            VideoLane lc = lanes.join(c);
            assertNotSame(la, lb);
            assertNotSame(lb, lc);
            assertNotSame(la, lc);
            lb.remove(b); // b's stream ended
            assertSame(lb, lanes.join(new CountingStream()), "the emptied lane takes the next stream");
            assertSame(la, lanes.join(new CountingStream()), "then the first of the equally loaded");
        } finally {
            lanes.close(5_000);
        }
    }

    @Test
    void aFrameSignalledWhileTheLaneSleepsIsAlwaysRun() {
        VideoLanes lanes = new VideoLanes(1, "test-video-", false);
        try {
            CountingStream s = new CountingStream();
            VideoLane lane = lanes.join(s);
            // one frame at a time, each after the lane has taken the last: every signal finds it asleep or falling asleep
            for (int f = 1; f <= 2_000; f++) {
                s.publish();
                lane.signal();
                long want = f;
                assertTrue(Paced.await(10_000, () -> s.taken == want), "frame " + f + " was run, not left waiting");
            }
        } finally {
            lanes.close(5_000);
        }
    }

    @Test
    void runningFramesAllocatesNothingPerFrame() throws Exception {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        VideoLanes lanes = new VideoLanes(1, "test-video-", false);
        try {
            CountingStream s = new CountingStream();
            VideoLane lane = lanes.join(s);
            for (int round = 0; round < 2; round++) { // the first round warms up (class loading, JIT)
                long laneBefore = threads.getThreadAllocatedBytes(lane.thread().getId());
                long mineBefore = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
                int frames = 20_000;
                for (int f = 0; f < frames; f++) {
                    s.publish();
                    lane.signal();
                }
                long mineAfter = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
                long target = s.published.get();
                assertTrue(Paced.await(20_000, () -> s.taken == target), "all frames ran");
                long laneAfter = threads.getThreadAllocatedBytes(lane.thread().getId());
                if (round == 1) {
                    assertTrue(mineAfter - mineBefore < frames / 10,
                            "signalling allocates nothing per frame: " + (mineAfter - mineBefore) + " bytes for " + frames);
                    assertTrue(laneAfter - laneBefore < frames / 10,
                            "the lane allocates nothing per frame: " + (laneAfter - laneBefore) + " bytes for " + frames);
                }
            }
        } finally {
            lanes.close(5_000);
        }
    }

    @Test
    void aStreamThatThrowsIsCountedAndTheOthersGoOn() {
        VideoLanes lanes = new VideoLanes(1, "test-video-", false);
        try {
            VideoLane lane = lanes.join(() -> {
                throw new IllegalStateException("broken stream");
            });
            CountingStream s = new CountingStream();
            lanes.join(s);
            for (int f = 0; f < 100; f++) {
                s.publish();
                lane.signal();
            }
            assertTrue(Paced.await(10_000, () -> s.taken == 100), "the healthy stream's frames all ran");
            assertTrue(lane.failures() > 0, "the fault is counted");
            assertTrue(lane.thread().isAlive(), "the thread survives a stream's fault");
        } finally {
            lanes.close(5_000);
        }
    }

    @Test
    void threadsAreNamedStartWithTheFirstStreamAndEndOnClose() {
        VideoLanes lanes = new VideoLanes(2, "test-video-", true);
        assertFalse(lanes.lane(0).thread().isAlive(), "no thread before a video stream");
        lanes.join(new CountingStream());
        assertTrue(lanes.lane(0).thread().isAlive() && lanes.lane(1).thread().isAlive(), "all start together");
        assertEquals("test-video-1", lanes.lane(0).thread().getName());
        assertEquals("test-video-2", lanes.lane(1).thread().getName());
        assertTrue(lanes.lane(0).thread() instanceof org.webims.media.transport.SendBatchingThread,
                "they batch their sends (decision 0023)");
        lanes.close(5_000);
        assertFalse(lanes.lane(0).thread().isAlive() || lanes.lane(1).thread().isAlive(), "gone after close");
        assertEquals(null, lanes.join(new CountingStream()), "a closed set takes no stream");
    }

    @Test
    void theVideoThreadCountComesFromConfigurationOrTheCores() {
        assertEquals(4, TranscodeWorkers.videoWorkers(null, 4));
        assertEquals(3, TranscodeWorkers.videoWorkers("3", 4));
        assertEquals(4, TranscodeWorkers.videoWorkers("0", 4), "zero threads would run nothing: the cores instead");
        assertEquals(4, TranscodeWorkers.videoWorkers("many", 4), "not a number: the cores instead");
        try (TranscodeWorkers workers = new TranscodeWorkers(2, 3)) {
            assertEquals(3, workers.videoThreads());
            assertEquals(2, workers.threads());
        }
    }
}
