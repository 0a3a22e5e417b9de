package org.webims.sip.container.session;

import java.net.URL;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.servlet.sip.ServletTimer;
import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.SipApplicationSessionAttributeListener;
import javax.servlet.sip.SipApplicationSessionBindingEvent;
import javax.servlet.sip.SipApplicationSessionBindingListener;
import javax.servlet.sip.SipApplicationSessionEvent;
import javax.servlet.sip.SipApplicationSessionListener;
import javax.servlet.sip.SipSession;
import javax.servlet.sip.SipURI;
import javax.servlet.sip.URI;
import org.webims.sip.container.deploy.DeployedApplication;
import org.webims.sip.container.dispatch.SerialExecutor;

/**
 * One application session (JSR 289 §6.1): attributes, its SIP sessions and timers, and expiry.
 * All application code for it runs on its {@link SerialExecutor}.
 */
public final class ContainerApplicationSession implements SipApplicationSession {
    /** The URI parameter encodeURI adds, read back by the container to target this session (JSR 289 §15.11.2). */
    public static final String ENCODED_URI_PARAMETER = "webims-as";

    private final String id;
    private final DeployedApplication application;
    private final SessionRegistry registry;
    private final SerialExecutor executor;
    private final long creationTime = System.currentTimeMillis();
    private volatile long lastAccessedTime = creationTime;
    private volatile long expirationTime;
    private volatile boolean valid = true;
    private volatile boolean invalidateWhenReady = true;
    private final SessionAttributes attributes = new SessionAttributes(new SessionAttributes.Notifications() {
        @Override public void valueBound(String name, Object value) {
            if (value instanceof SipApplicationSessionBindingListener b) {
                b.valueBound(new SipApplicationSessionBindingEvent(ContainerApplicationSession.this, name));
            }
        }
        @Override public void valueUnbound(String name, Object value) {
            if (value instanceof SipApplicationSessionBindingListener b) {
                b.valueUnbound(new SipApplicationSessionBindingEvent(ContainerApplicationSession.this, name));
            }
        }
        @Override public void added(String name) {
            attributeListeners().forEach(l -> l.attributeAdded(event(name)));
        }
        @Override public void replaced(String name) {
            attributeListeners().forEach(l -> l.attributeReplaced(event(name)));
        }
        @Override public void removed(String name) {
            attributeListeners().forEach(l -> l.attributeRemoved(event(name)));
        }
    });
    private final List<ContainerSipSession> sipSessions = new CopyOnWriteArrayList<>();
    private final Map<String, ServletTimer> timers = new ConcurrentHashMap<>();
    private ScheduledFuture<?> expiryTask;

    ContainerApplicationSession(String id, DeployedApplication application, SessionRegistry registry,
                                SerialExecutor executor) {
        this.id = id;
        this.application = application;
        this.registry = registry;
        this.executor = executor;
    }

    public SerialExecutor executor() {
        return executor;
    }

    public DeployedApplication application() {
        return application;
    }

    void addSipSession(ContainerSipSession session) {
        sipSessions.add(session);
    }

    void removeSipSession(ContainerSipSession session) {
        sipSessions.remove(session);
    }

    public void addTimer(ServletTimer timer) {
        timers.put(timer.getId(), timer);
    }

    public void removeTimer(ServletTimer timer) {
        timers.remove(timer.getId());
    }

    public void touch() {
        lastAccessedTime = System.currentTimeMillis();
    }

    @Override public long getCreationTime() { checkValid(); return creationTime; }
    @Override public String getId() { return id; }
    @Override public long getLastAccessedTime() { return lastAccessedTime; }
    @Override public String getApplicationName() { return application.name(); }
    @Override public boolean isValid() { return valid; }
    @Override public long getExpirationTime() { checkValid(); return expirationTime; }

    /** JSR 289 §6.1.2.2: minutes until expiry; 0 or less means never. Returns the minutes granted. */
    @Override
    public synchronized int setExpires(int deltaMinutes) {
        checkValid();
        if (expiryTask != null) {
            expiryTask.cancel(false);
            expiryTask = null;
        }
        if (deltaMinutes <= 0) {
            expirationTime = 0;
            return Integer.MAX_VALUE;
        }
        expirationTime = System.currentTimeMillis() + TimeUnit.MINUTES.toMillis(deltaMinutes);
        expiryTask = registry.scheduleExpiry(this, TimeUnit.MINUTES.toMillis(deltaMinutes));
        return deltaMinutes;
    }

    /** Called on this session's executor when its expiry time comes. */
    void expire() {
        if (!valid || System.currentTimeMillis() < expirationTime) {
            return;
        }
        long before = expirationTime;
        SipApplicationSessionEvent event = new SipApplicationSessionEvent(this);
        for (SipApplicationSessionListener l : application.listeners(SipApplicationSessionListener.class)) {
            l.sessionExpired(event);
        }
        // A listener may extend the session by calling setExpires (JSR 289 §6.1.2.2.1).
        if (valid && expirationTime == before) {
            invalidate();
        }
    }

    @Override
    public Iterator<?> getSessions() {
        checkValid();
        return List.copyOf(sipSessions).iterator();
    }

    @Override
    public Iterator<?> getSessions(String protocol) {
        checkValid();
        if ("SIP".equalsIgnoreCase(protocol)) {
            return getSessions();
        }
        if ("HTTP".equalsIgnoreCase(protocol)) {
            return Collections.emptyIterator();
        }
        throw new IllegalArgumentException("unknown protocol " + protocol);
    }

    @Override
    public SipSession getSipSession(String sessionId) {
        checkValid();
        for (ContainerSipSession s : sipSessions) {
            if (s.getId().equals(sessionId)) {
                return s;
            }
        }
        return null;
    }

    @Override
    public Object getSession(String sessionId, Protocol protocol) {
        checkValid();
        return protocol == Protocol.SIP ? getSipSession(sessionId) : null;
    }

    @Override
    public void encodeURI(URI uri) {
        checkValid();
        if (!(uri instanceof SipURI)) {
            throw new IllegalArgumentException("only SIP URIs can be encoded: " + uri);
        }
        uri.setParameter(ENCODED_URI_PARAMETER, id);
    }

    @Override
    public URL encodeURL(URL url) {
        throw new UnsupportedOperationException("converged HTTP sessions are not supported");
    }

    private List<SipApplicationSessionAttributeListener> attributeListeners() {
        return application.listeners(SipApplicationSessionAttributeListener.class);
    }

    private SipApplicationSessionBindingEvent event(String name) {
        return new SipApplicationSessionBindingEvent(this, name);
    }

    @Override
    public Object getAttribute(String name) {
        checkValid();
        return attributes.get(name);
    }

    @Override
    public Iterator<String> getAttributeNames() {
        checkValid();
        return attributes.names().iterator();
    }

    @Override
    public void setAttribute(String name, Object value) {
        checkValid();
        attributes.set(name, value);
    }

    @Override
    public void removeAttribute(String name) {
        checkValid();
        attributes.remove(name);
    }

    @Override
    public Collection<ServletTimer> getTimers() {
        checkValid();
        return List.copyOf(timers.values());
    }

    @Override
    public ServletTimer getTimer(String timerId) {
        checkValid();
        return timers.get(timerId);
    }

    @Override
    public void invalidate() {
        checkValid();
        for (ContainerSipSession s : List.copyOf(sipSessions)) {
            if (s.isValid()) {
                s.invalidate();
            }
        }
        for (ServletTimer t : List.copyOf(timers.values())) {
            t.cancel();
        }
        synchronized (this) {
            if (expiryTask != null) {
                expiryTask.cancel(false);
            }
        }
        SipApplicationSessionEvent event = new SipApplicationSessionEvent(this);
        for (SipApplicationSessionListener l : application.listeners(SipApplicationSessionListener.class)) {
            l.sessionDestroyed(event);
        }
        attributes.clear();
        valid = false;
        registry.remove(this);
    }

    @Override
    public boolean isReadyToInvalidate() {
        checkValid();
        if (!timers.isEmpty()) {
            return false;
        }
        for (ContainerSipSession s : sipSessions) {
            if (s.isValid() && !s.isReadyToInvalidate()) {
                return false;
            }
        }
        return true;
    }

    @Override public void setInvalidateWhenReady(boolean invalidateWhenReady) { checkValid(); this.invalidateWhenReady = invalidateWhenReady; }
    @Override public boolean getInvalidateWhenReady() { checkValid(); return invalidateWhenReady; }

    /** Invalidates this session if it is ready and asked to be (JSR 289 §6.1.2.2.2). Runs on its executor. */
    public void invalidateIfReady() {
        if (valid && invalidateWhenReady && isReadyToInvalidate()) {
            invalidate();
        }
    }

    private void checkValid() {
        if (!valid) {
            throw new IllegalStateException("application session " + id + " is invalidated");
        }
    }
}
