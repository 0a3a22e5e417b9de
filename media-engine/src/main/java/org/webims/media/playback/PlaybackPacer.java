package org.webims.media.playback;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Hands a reader's frames to a sink when their time comes, in real time, as a scheduled task
 * per due frame on a shared scheduler: no thread sleeps. With looping on, the file starts over
 * at its end and frame times keep growing (by the file's length per round), so downstream
 * timestamps stay monotonic. After {@link #setPosition} frames carry their file times again.
 */
public final class PlaybackPacer {

    // Frames due within this are sent now rather than scheduled (scheduler granularity).
    private static final long EARLY_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final MediaFileReader reader;
    private final ScheduledExecutorService scheduler;
    private final PlaybackSink sink;
    private final boolean loop;
    private final FileFrame pending = new FileFrame();
    private boolean hasPending;
    private boolean running;
    private boolean paused;
    private boolean anchored;
    private long anchorNanos;
    private long anchorUs;
    private long pausedAtNanos;
    private long loopOffsetUs;
    private long roundEndUs;
    private ScheduledFuture<?> next;

    public PlaybackPacer(MediaFileReader reader, ScheduledExecutorService scheduler, PlaybackSink sink, boolean loop) {
        this.reader = reader;
        this.scheduler = scheduler;
        this.sink = sink;
        this.loop = loop;
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        anchored = false;
        schedule(0);
    }

    public synchronized void pause() {
        if (running && !paused) {
            paused = true;
            pausedAtNanos = System.nanoTime();
            cancel();
        }
    }

    public synchronized void resume() {
        if (running && paused) {
            paused = false;
            anchorNanos += System.nanoTime() - pausedAtNanos;
            schedule(0);
        }
    }

    /** Jumps to {@code ms} of the file; playback goes on from there in real time. */
    public synchronized void setPosition(long ms) throws MediaFileException {
        cancel();
        reader.setPosition(ms);
        hasPending = false;
        anchored = false;
        loopOffsetUs = 0;
        roundEndUs = 0;
        if (running && !paused) {
            schedule(0);
        }
    }

    /** Stops sending; the reader stays open (its owner closes it). */
    public synchronized void stop() {
        running = false;
        cancel();
    }

    public synchronized boolean isRunning() {
        return running;
    }

    private synchronized void step() {
        if (!running || paused) {
            return;
        }
        try {
            while (true) {
                if (!hasPending && !readNext()) {
                    return;
                }
                long now = System.nanoTime();
                if (!anchored) {
                    anchored = true;
                    anchorNanos = now;
                    anchorUs = pending.timeUs();
                }
                long due = anchorNanos + (pending.timeUs() - anchorUs) * 1000;
                if (due - now > EARLY_NANOS) {
                    schedule(due - now);
                    return;
                }
                hasPending = false;
                sink.frame(pending);
            }
        } catch (MediaFileException e) {
            running = false;
            sink.failed(e);
        }
    }

    // Reads the next frame into `pending`; at the end loops or reports the end.
    private boolean readNext() throws MediaFileException {
        if (reader.readFrame(pending)) {
            pending.shift(loopOffsetUs);
            roundEndUs = Math.max(roundEndUs, pending.timeUs() + pending.durationUs());
            hasPending = true;
            return true;
        }
        if (!loop) {
            running = false;
            sink.endOfStream();
            return false;
        }
        reader.setPosition(0);
        loopOffsetUs = roundEndUs;
        if (!reader.readFrame(pending)) {
            running = false;
            sink.endOfStream();
            return false;
        }
        pending.shift(loopOffsetUs);
        roundEndUs = Math.max(roundEndUs, pending.timeUs() + pending.durationUs());
        hasPending = true;
        return true;
    }

    private void schedule(long delayNanos) {
        next = scheduler.schedule(this::step, delayNanos, TimeUnit.NANOSECONDS);
    }

    private void cancel() {
        if (next != null) {
            next.cancel(false);
            next = null;
        }
    }
}
