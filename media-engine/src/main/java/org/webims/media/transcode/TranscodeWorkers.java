package org.webims.media.transcode;

import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.webims.media.transport.SendBatchingThread;

/**
 * The threads that run every transcoder's codec work. Codec work never runs on a media I/O thread
 * (decision 0007). Audio adapters are ticked every 20 ms on a pool of a thread per core, all in one
 * periodic task ({@link SharedTicks}). Each video stream has a worker of its own for its whole life
 * ({@link VideoLanes}, a thread per core unless configured, the least-loaded at the stream's
 * start), so its frames stay on one thread and its codec state in one core's caches (decision 0030).
 * Both kinds of threads hold their RTP sends and hand them to the io_uring I/O thread together
 * (decision 0023). Closed with the factory that made it; closing waits for the threads.
 */
public final class TranscodeWorkers implements AutoCloseable {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TranscodeWorkers.class);

    private static final AtomicInteger POOLS = new AtomicInteger();

    /**
     * {@code -Dwebims.media.batched-sends=false}: the workers send each packet themselves, one
     * system call each, as before decision 0023 (for an A/B in one build).
     */
    static final boolean BATCHED_SENDS = !"false".equals(System.getProperty("webims.media.batched-sends"));

    /**
     * {@code -Dwebims.media.video-workers=N}: how many threads video streams are spread over
     * (default: one per available core). Each stream keeps its thread, so this bounds them whatever
     * the number of streams.
     */
    static final String VIDEO_WORKERS_PROPERTY = "webims.media.video-workers";

    /** The audio clock: 20 ms, one frame of Opus and AMR-WB. */
    static final int TICK_MILLIS = 20;

    private final ScheduledThreadPoolExecutor executor;
    private final SharedTicks ticks;
    private final VideoLanes video;

    /** {@code threads} for audio and as many for video. */
    public TranscodeWorkers(int threads) {
        this(threads, threads);
    }

    /** {@code threads} for the audio ticks, {@code videoThreads} that video streams are spread over. */
    public TranscodeWorkers(int threads, int videoThreads) {
        int pool = POOLS.incrementAndGet();
        AtomicInteger n = new AtomicInteger();
        ThreadFactory factory = r -> {
            String name = "transcode-" + pool + "-" + n.incrementAndGet();
            Thread t = BATCHED_SENDS ? new SendBatchingThread(r, name) : new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
        executor = new ScheduledThreadPoolExecutor(Math.max(1, threads), factory) {
            @Override
            protected void afterExecute(Runnable task, Throwable failure) {
                // a task's (a tick round's, a video frame's) packets go out together when it ends (decision 0023)
                SendBatchingThread.flushCurrent();
            }
        };
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
        ticks = new SharedTicks(executor, executor.getCorePoolSize(), TICK_MILLIS * 1_000_000L);
        video = new VideoLanes(videoThreads, "transcode-" + pool + "-video-", BATCHED_SENDS);
    }

    /**
     * A thread per available core for audio, and for video as many as {@value #VIDEO_WORKERS_PROPERTY}
     * says (one per core by default).
     */
    public static TranscodeWorkers perCore() {
        int cores = Runtime.getRuntime().availableProcessors();
        return new TranscodeWorkers(cores, videoWorkers(System.getProperty(VIDEO_WORKERS_PROPERTY), cores));
    }

    /** The configured video thread count: a positive integer, else (absent or bad) {@code cores}. */
    static int videoWorkers(String configured, int cores) {
        if (configured == null || configured.isBlank()) {
            return cores;
        }
        try {
            int n = Integer.parseInt(configured.trim());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException bad) {
            // fall through to the warning
        }
        LOG.atWarn().addKeyValue("property", VIDEO_WORKERS_PROPERTY).addKeyValue("value", configured)
                .addKeyValue("using", cores).log("video worker count is not a positive integer; one per core");
        return cores;
    }

    /**
     * Runs {@code member} every {@value #TICK_MILLIS} ms with every other member; a period that
     * overruns delays the next. A member whose own tick outlasts a period may be ticked again
     * before it returns, so it serialises its ticks itself (AudioTranscoder does under its lock).
     */
    SharedTicks.Membership everyTick(SharedTicks.Member member) {
        return ticks.join(member);
    }

    /** The shared audio clock, for tests and counters. */
    SharedTicks ticks() {
        return ticks;
    }

    /** Gives a video stream its worker for good; null once closed. */
    VideoLane joinVideo(VideoLane.Member stream) {
        return isClosed() ? null : video.join(stream);
    }

    /** The video workers, for tests and counters. */
    VideoLanes video() {
        return video;
    }

    /** Runs one task soon on the audio pool. False once the pool is closed. */
    boolean execute(Runnable task) {
        try {
            executor.execute(task);
            return true;
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            return false;
        }
    }

    /** Threads of the audio pool. */
    public int threads() {
        return executor.getCorePoolSize();
    }

    /** Threads video streams are spread over. */
    public int videoThreads() {
        return video.count();
    }

    public boolean isClosed() {
        return executor.isShutdown();
    }

    /** Stops the threads and waits (up to 5 s) until they have ended. */
    @Override
    public void close() {
        executor.shutdownNow();
        long start = System.nanoTime();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        video.close(Math.max(1, 5_000 - (System.nanoTime() - start) / 1_000_000L));
    }
}
