package org.webims.media.kurento.session;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.media.kurento.rpc.KurentoError;
import org.webims.media.kurento.rpc.RpcException;

/**
 * The live sessions. A session whose connection goes away is released after the release
 * timeout unless a connection takes it back ({@link #attach}) first.
 */
public final class SessionRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(SessionRegistry.class);

    private final Map<String, KurentoSession> sessions = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timers;
    private final Duration releaseTimeout;
    private final int maxSessions;
    private final Consumer<List<String>> releaseObjects;

    /**
     * @param releaseObjects releases the objects (by id) of a session that ends
     */
    public SessionRegistry(ScheduledExecutorService timers, Duration releaseTimeout, int maxSessions,
                           Consumer<List<String>> releaseObjects) {
        this.timers = timers;
        this.releaseTimeout = releaseTimeout;
        this.maxSessions = maxSessions;
        this.releaseObjects = releaseObjects;
    }

    /** A new session bound to {@code connection}. */
    public KurentoSession create(ClientConnection connection) throws RpcException {
        if (sessions.size() >= maxSessions) {
            throw new RpcException(KurentoError.NOT_ENOUGH_RESOURCES, "already " + maxSessions + " sessions");
        }
        KurentoSession session = new KurentoSession(UUID.randomUUID().toString());
        session.connection(connection);
        sessions.put(session.id(), session);
        LOG.atDebug().addKeyValue("session", session.id()).addKeyValue("peer", connection.label()).log("session created");
        return session;
    }

    /** The session with this id, bound now to {@code connection} (taken from any other). */
    public KurentoSession attach(String sessionId, ClientConnection connection) throws RpcException {
        KurentoSession session = sessions.get(sessionId);
        if (session == null || session.isReleased()) {
            throw new RpcException(KurentoError.INVALID_SESSION, "invalid session '" + sessionId + "'");
        }
        synchronized (session) {
            session.releaseTimer(null);
            session.connection(connection);
        }
        LOG.atDebug().addKeyValue("session", sessionId).addKeyValue("peer", connection.label()).log("session resumed");
        return session;
    }

    /** The connection went away: release the session after the timeout unless it is resumed. */
    public void detach(KurentoSession session, ClientConnection connection) {
        synchronized (session) {
            if (session.connection() != connection || session.isReleased()) {
                return; // already taken over by another connection
            }
            session.connection(null);
            session.releaseTimer(timers.schedule(() -> expire(session),
                    releaseTimeout.toNanos(), TimeUnit.NANOSECONDS));
        }
    }

    private void expire(KurentoSession session) {
        synchronized (session) {
            if (session.connection() != null) {
                return; // resumed just before the timer fired
            }
        }
        LOG.atDebug().addKeyValue("session", session.id()).log("session expired; releasing its objects");
        release(session);
    }

    public void release(KurentoSession session) {
        sessions.remove(session.id(), session);
        releaseObjects.accept(session.close());
    }

    public KurentoSession find(String sessionId) {
        return sessions.get(sessionId);
    }

    public int size() {
        return sessions.size();
    }

    /** Releases every session and its objects (server stop). */
    public void releaseAll() {
        for (KurentoSession session : List.copyOf(sessions.values())) {
            release(session);
        }
    }
}
