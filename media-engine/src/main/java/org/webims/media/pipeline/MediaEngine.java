package org.webims.media.pipeline;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.webims.media.pipeline.event.MediaEvent;
import org.webims.media.pipeline.event.MediaEventListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The root of the media engine: creates pipelines within the configured limits, watches every
 * pad for media flow, and delivers events on one event thread so that listeners never run on,
 * or slow down, a media thread.
 */
public final class MediaEngine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MediaEngine.class);

    private final MediaEngineSettings settings;
    private final FormatAdapterFactory formatAdapters;
    private final Map<String, MediaPipeline> pipelines = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler;
    private final ExecutorService events;
    private final FlowMonitor flowMonitor;
    private volatile boolean closed;

    public MediaEngine(MediaEngineSettings settings, FormatAdapterFactory formatAdapters) {
        this.settings = settings;
        this.formatAdapters = formatAdapters;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(daemon("media-scheduler"));
        this.events = Executors.newSingleThreadExecutor(daemon("media-events"));
        this.flowMonitor = new FlowMonitor(this);
        long every = settings.flowCheckInterval().toNanos();
        scheduler.scheduleWithFixedDelay(flowMonitor::check, every, every, TimeUnit.NANOSECONDS);
    }

    public MediaEngineSettings settings() { return settings; }
    public FormatAdapterFactory formatAdapters() { return formatAdapters; }

    /** For elements' own timers (RTCP reports, recorder flushes); never for per-packet work. */
    public ScheduledExecutorService scheduler() { return scheduler; }

    public MediaPipeline createPipeline() {
        if (closed) {
            throw new IllegalStateException("media engine is closed");
        }
        if (pipelines.size() >= settings.maxPipelines()) {
            throw new MediaLimitException("already " + settings.maxPipelines() + " media pipelines");
        }
        MediaPipeline pipeline = new MediaPipeline(this);
        pipelines.put(pipeline.id(), pipeline);
        LOG.atDebug().addKeyValue("pipeline", pipeline.id()).log("pipeline created");
        return pipeline;
    }

    public Collection<MediaPipeline> pipelines() {
        return List.copyOf(pipelines.values());
    }

    public MediaPipeline pipeline(String id) {
        return pipelines.get(id);
    }

    void forget(MediaPipeline pipeline) {
        pipelines.remove(pipeline.id());
        LOG.atDebug().addKeyValue("pipeline", pipeline.id()).log("pipeline released");
    }

    boolean isFlowing(PadCounters counters) {
        long last = counters.lastPacketNanos();
        return last != 0 && System.nanoTime() - last < settings.flowTimeout().toNanos();
    }

    void dispatch(MediaEvent event, List<MediaEventListener> first, List<MediaEventListener> second) {
        if (first.isEmpty() && second.isEmpty()) {
            return;
        }
        try {
            events.execute(() -> {
                deliver(event, first);
                deliver(event, second);
            });
        } catch (RejectedExecutionException closing) {
            // the engine is shutting down: events after close are not delivered
        }
    }

    private static void deliver(MediaEvent event, List<MediaEventListener> listeners) {
        for (MediaEventListener listener : listeners) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                LOG.atWarn().addKeyValue("event", event.type()).setCause(e).log("event listener failed");
            }
        }
    }

    /** Releases every pipeline and stops the engine's threads. */
    @Override
    public void close() {
        closed = true;
        for (MediaPipeline pipeline : pipelines()) {
            pipeline.release();
        }
        scheduler.shutdownNow();
        events.shutdown();
        try {
            events.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
