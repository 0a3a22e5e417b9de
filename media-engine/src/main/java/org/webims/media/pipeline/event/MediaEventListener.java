package org.webims.media.pipeline.event;

/** Receives events on the engine's event thread, never on a media thread. */
@FunctionalInterface
public interface MediaEventListener {
    void onEvent(MediaEvent event);
}
