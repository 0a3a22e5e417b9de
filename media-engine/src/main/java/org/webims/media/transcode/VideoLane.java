package org.webims.media.transcode;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.media.transport.SendBatchingThread;

/**
 * One transcode worker thread with the video streams assigned to it for their whole life, so a
 * stream's frames run in order on one thread and its codec state (reference pictures, 1-2 MB per
 * direction at 360p) stays in one core's caches (decision 0030). A stream with a frame waiting
 * {@link #signal}s; the thread visits its streams in turn, one frame each per pass, and sleeps
 * when none has one. Nothing is allocated per frame: no task object, no queue node.
 *
 * <p>The member list is an array copied on change (a stream's set-up and end, not the media path).
 */
final class VideoLane {

    private static final Logger LOG = LoggerFactory.getLogger(VideoLane.class);

    /** A stream a lane runs. */
    interface Member {
        /** Runs at most one unit of work (a frame); true when it did one. Called on the lane's thread only. */
        boolean runOne();
    }

    private static final Member[] NONE = new Member[0];

    private final Thread thread;
    /** Set by {@link #signal} since the thread last looked: it must make another pass before sleeping. */
    private final AtomicBoolean pending = new AtomicBoolean();
    private final AtomicLong failures = new AtomicLong();
    private volatile boolean sleeping;
    private volatile boolean closed;
    private volatile Member[] members = NONE;

    VideoLane(String name, boolean batchingSends) {
        thread = batchingSends ? new SendBatchingThread(this::run, name) : new Thread(this::run, name);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Takes {@code m} for good (until {@link #remove}); it is visited from the next pass on. */
    synchronized void add(Member m) {
        members = MemberArrays.with(members, m);
    }

    /** Forgets {@code m}; a pass already under way may still call it once. Idempotent. */
    synchronized void remove(Member m) {
        members = MemberArrays.without(members, m, NONE);
    }

    /** Streams on this lane: what the least-loaded choice compares. */
    int load() {
        return members.length;
    }

    /**
     * A member has work. Wakes the thread only if it sleeps and nobody signalled since it last
     * looked; otherwise it is already bound to make another pass. Any thread; no allocation.
     */
    void signal() {
        // the getAndSet (a full fence) orders the member's published frame before the read of sleeping,
        // and the thread writes sleeping before it reads pending: one of the two sees the other
        if (!pending.getAndSet(true) && sleeping) {
            LockSupport.unpark(thread);
        }
    }

    private void run() {
        while (!closed) {
            pending.set(false);
            boolean worked;
            do {
                worked = false;
                for (Member m : members) {
                    try {
                        worked |= m.runOne();
                    } catch (RuntimeException | Error e) { // one stream's fault must not stop the others
                        failures.incrementAndGet();
                        LOG.atDebug().setCause(e).log("video lane member failed");
                    }
                }
                // a pass's packets go to the I/O thread together: one wake-up of it per pass, not per frame
                SendBatchingThread.flushCurrent();
            } while (worked && !closed);
            sleeping = true;
            if (!pending.get() && !closed) {
                LockSupport.park(this);
            }
            sleeping = false;
        }
    }

    /** Members' work that threw (counted, logged at DEBUG). */
    long failures() {
        return failures.get();
    }

    Thread thread() {
        return thread;
    }

    /** Stops the thread after its current frame and waits up to {@code millis} for it to end. */
    void close(long millis) {
        closed = true;
        LockSupport.unpark(thread);
        if (thread.isAlive() && thread != Thread.currentThread()) {
            try {
                thread.join(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
