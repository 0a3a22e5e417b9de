package org.webims.media.playback;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Hands a reader's frames to a sink when their time comes, in real time, as a scheduled task
 * per due frame on a shared scheduler: no thread sleeps. Frames go out in time order across
 * tracks, not file order: a window reads {@link #READ_AHEAD_US} ahead and sorts what it read
 * (frame objects are reused: nothing is allocated per frame once the window has filled). With
 * looping on, the file starts over at its end and frame times keep growing (by the file's length
 * per round), so downstream timestamps stay monotonic. After {@link #setPosition} frames carry
 * their file times again.
 */
public final class PlaybackPacer {

    // Frames due within this are sent now rather than scheduled (scheduler granularity).
    private static final long EARLY_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /**
     * How far past the earliest frame we read before sending it. Files interleave their tracks in
     * chunks (MP4 muxers commonly by the second), so file order alone sends ~1 s bursts per track.
     */
    static final long READ_AHEAD_US = 1_500_000;
    /** At most this many frames read ahead (1.5 s of 60 fps video and 20 ms audio is 125). */
    static final int WINDOW_FRAMES = 512;

    private final MediaFileReader reader;
    private final ScheduledExecutorService scheduler;
    private final PlaybackSink sink;
    private final boolean loop;
    // Frames read ahead, earliest first in window[first .. first+count); spare holds reused ones.
    private final FileFrame[] window = new FileFrame[WINDOW_FRAMES];
    private final FileFrame[] spare = new FileFrame[WINDOW_FRAMES];
    private int first;
    private int count;
    private int spareCount;
    private boolean endOfInput;
    private long lastReadUs;
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
        clearWindow();
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
                fill();
                if (count == 0) {
                    running = false;
                    sink.endOfStream();
                    return;
                }
                FileFrame head = window[first];
                long now = System.nanoTime();
                if (!anchored) {
                    anchored = true;
                    anchorNanos = now;
                    anchorUs = head.timeUs();
                }
                long due = anchorNanos + (head.timeUs() - anchorUs) * 1000;
                if (due - now > EARLY_NANOS) {
                    schedule(due - now);
                    return;
                }
                window[first++] = null;
                count--;
                try {
                    sink.frame(head);
                } finally {
                    spare[spareCount++] = head;
                }
            }
        } catch (MediaFileException e) {
            running = false;
            sink.failed(e);
        }
    }

    // Reads ahead until the window reaches READ_AHEAD_US past its earliest frame, it is full, or the input ends.
    private void fill() throws MediaFileException {
        while (!endOfInput && count < WINDOW_FRAMES
                && (count == 0 || lastReadUs - window[first].timeUs() < READ_AHEAD_US)) {
            FileFrame f = spareCount > 0 ? spare[--spareCount] : new FileFrame(); // grows once, then reused
            if (!readInto(f)) {
                spare[spareCount++] = f;
                return;
            }
            lastReadUs = f.timeUs();
            insert(f);
        }
    }

    // Places f after every frame not later than it (frames of equal time keep their file order).
    private void insert(FileFrame f) {
        if (first + count == window.length) {
            System.arraycopy(window, first, window, 0, count);
            java.util.Arrays.fill(window, count, window.length, null);
            first = 0;
        }
        int i = first + count;
        while (i > first && window[i - 1].timeUs() > f.timeUs()) {
            window[i] = window[i - 1];
            i--;
        }
        window[i] = f;
        count++;
    }

    // Reads the next frame into f; at the end starts the file over (looping) or marks the input ended.
    private boolean readInto(FileFrame f) throws MediaFileException {
        if (!reader.readFrame(f)) {
            if (!loop) {
                endOfInput = true;
                return false;
            }
            reader.setPosition(0);
            loopOffsetUs = roundEndUs;
            if (!reader.readFrame(f)) {
                endOfInput = true;
                return false;
            }
        }
        f.shift(loopOffsetUs);
        roundEndUs = Math.max(roundEndUs, f.timeUs() + f.durationUs());
        return true;
    }

    // Empties the read-ahead window (after a seek): its frames go back to the spares.
    private void clearWindow() {
        for (int i = first; i < first + count; i++) {
            spare[spareCount++] = window[i];
            window[i] = null;
        }
        first = 0;
        count = 0;
        endOfInput = false;
        lastReadUs = 0;
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
