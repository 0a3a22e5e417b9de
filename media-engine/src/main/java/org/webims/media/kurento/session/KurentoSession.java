package org.webims.media.kurento.session;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import org.webims.media.pipeline.Subscription;

/**
 * A Kurento session: the objects a client created and its event subscriptions. It outlives
 * its connection for the configured release timeout, so a client can come back with
 * {@code connect} and its sessionId. Mutations are synchronized on the session; they are rare
 * (create, release, subscribe) and never on a media thread.
 */
public final class KurentoSession {

    private final String id;
    private final Set<String> objectIds = new HashSet<>();
    // one engine listener per (object, event type), shared by the subscriptions asking for it,
    // so a client that subscribes twice is not sent each event twice
    private final Map<String, Shared> byKey = new HashMap<>();
    private final Map<String, String> keyBySubscription = new HashMap<>();
    private volatile ClientConnection connection;
    private ScheduledFuture<?> releaseTimer;
    private boolean released;

    private static final class Shared {
        final Subscription engineSubscription;
        final Set<String> subscriptionIds = new HashSet<>();
        Shared(Subscription s) { this.engineSubscription = s; }
    }

    KurentoSession(String id) {
        this.id = id;
    }

    public String id() { return id; }
    public ClientConnection connection() { return connection; }

    void connection(ClientConnection connection) { this.connection = connection; }

    synchronized void releaseTimer(ScheduledFuture<?> timer) {
        if (releaseTimer != null) {
            releaseTimer.cancel(false);
        }
        releaseTimer = timer;
    }

    /** Sends to the client if it is connected; events for a detached session are dropped. */
    public void send(String json) {
        ClientConnection c = connection;
        if (c != null) {
            c.send(json);
        }
    }

    public synchronized boolean isReleased() { return released; }

    public synchronized int objectCount() { return objectIds.size(); }

    public synchronized void own(String objectId) { objectIds.add(objectId); }

    public synchronized void disown(String objectId) { objectIds.remove(objectId); }

    /** Drops ids of objects that are gone; returns what is left. */
    public synchronized void retainOwned(java.util.function.Predicate<String> alive) {
        objectIds.removeIf(id -> !alive.test(id));
    }

    /**
     * Records a subscription. {@code listen} is called only for the first subscription of a
     * (object, type) pair and returns the engine listener's handle.
     */
    public synchronized void subscribe(String subscriptionId, String objectId, String eventType,
                                       java.util.function.Supplier<Subscription> listen) {
        String key = objectId + '\n' + eventType;
        Shared shared = byKey.get(key);
        if (shared == null) {
            shared = new Shared(listen.get());
            byKey.put(key, shared);
        }
        shared.subscriptionIds.add(subscriptionId);
        keyBySubscription.put(subscriptionId, key);
    }

    /** Whether this session had the subscription (for the invalid-subscription answer). */
    public synchronized boolean unsubscribe(String subscriptionId) {
        String key = keyBySubscription.remove(subscriptionId);
        if (key == null) {
            return false;
        }
        Shared shared = byKey.get(key);
        shared.subscriptionIds.remove(subscriptionId);
        if (shared.subscriptionIds.isEmpty()) {
            byKey.remove(key);
            shared.engineSubscription.cancel();
        }
        return true;
    }

    /** Marks the session released; returns the ids of the objects it owned. */
    synchronized List<String> close() {
        released = true;
        if (releaseTimer != null) {
            releaseTimer.cancel(false);
            releaseTimer = null;
        }
        for (Shared shared : byKey.values()) {
            shared.engineSubscription.cancel();
        }
        byKey.clear();
        keyBySubscription.clear();
        connection = null;
        List<String> owned = List.copyOf(objectIds);
        objectIds.clear();
        return owned;
    }
}
