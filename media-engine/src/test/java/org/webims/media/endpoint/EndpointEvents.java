package org.webims.media.endpoint;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.webims.media.pipeline.MediaElement;
import org.webims.media.pipeline.event.MediaErrorEvent;
import org.webims.media.pipeline.event.MediaEvent;

/** Keeps the events of an element, and waits for them. */
public final class EndpointEvents {

    /** Generous: only reached when the behaviour under test is broken. */
    public static final long TIMEOUT_MS = 20_000;

    public final List<MediaEvent> events = new CopyOnWriteArrayList<>();

    public static EndpointEvents of(MediaElement element) {
        EndpointEvents log = new EndpointEvents();
        element.addEventListener(log.events::add);
        return log;
    }

    public long count(String type) {
        return events.stream().filter(e -> e.type().equals(type)).count();
    }

    public List<String> types() {
        return events.stream().map(MediaEvent::type).toList();
    }

    public MediaErrorEvent firstError() {
        return events.stream().filter(e -> e instanceof MediaErrorEvent).map(e -> (MediaErrorEvent) e)
                .findFirst().orElseThrow(() -> new AssertionError("no Error event among " + types()));
    }

    /** Waits until {@code n} events of {@code type} came. */
    public void await(String type, int n) {
        until(() -> count(type) >= n, n + " " + type + " event(s)");
    }

    public void until(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + "; events: " + types());
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }
}
