package org.webims.media.pipeline;

/** A registered event listener; {@link #cancel} removes it. */
@FunctionalInterface
public interface Subscription {
    void cancel();
}
