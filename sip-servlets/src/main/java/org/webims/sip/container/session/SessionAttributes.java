package org.webims.sip.container.session;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A session's attributes and the JSR 289 §6.1.2/§6.2.2 notifications when they change: binding
 * listeners on the values themselves, attribute listeners of the application. One store for
 * application sessions and SIP sessions; each says how to notify through {@link Notifications}.
 */
final class SessionAttributes {
    /** How one kind of session tells its listeners. */
    interface Notifications {
        void valueBound(String name, Object value);

        void valueUnbound(String name, Object value);

        void added(String name);

        void replaced(String name);

        void removed(String name);
    }

    private final Map<String, Object> values = new ConcurrentHashMap<>();
    private final Notifications notifications;

    SessionAttributes(Notifications notifications) {
        this.notifications = notifications;
    }

    Object get(String name) {
        return values.get(name);
    }

    Set<String> names() {
        return Set.copyOf(values.keySet());
    }

    void set(String name, Object value) {
        if (name == null || value == null) {
            throw new NullPointerException("attribute name and value must not be null");
        }
        Object old = values.put(name, value);
        if (old != value) {
            if (old != null) {
                notifications.valueUnbound(name, old);
            }
            notifications.valueBound(name, value);
        }
        if (old == null) {
            notifications.added(name);
        } else {
            notifications.replaced(name);
        }
    }

    void remove(String name) {
        Object old = values.remove(name);
        if (old != null) {
            notifications.valueUnbound(name, old);
            notifications.removed(name);
        }
    }

    /** On invalidation: every value is unbound; attribute listeners are not told (the session is going). */
    void clear() {
        Map<String, Object> old = new HashMap<>(values);
        values.clear();
        old.forEach(notifications::valueUnbound);
    }
}
