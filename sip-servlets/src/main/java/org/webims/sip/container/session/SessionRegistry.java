package org.webims.sip.container.session;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.servlet.sip.SipApplicationSessionEvent;
import javax.servlet.sip.SipApplicationSessionListener;
import javax.servlet.sip.SipSessionEvent;
import javax.servlet.sip.SipSessionListener;
import javax.sip.ListeningPoint;
import org.webims.sip.container.ContainerContext;
import org.webims.sip.container.deploy.DeployedApplication;
import org.webims.sip.container.dispatch.SerialExecutor;
import org.webims.sip.container.message.RequestFactory;

/** Every live application and SIP session of the container, by id and by application key. */
public final class SessionRegistry {
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private final ContainerContext context;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, ContainerApplicationSession> applicationSessions = new ConcurrentHashMap<>();
    private final Map<String, ContainerSipSession> sipSessions = new ConcurrentHashMap<>();
    private final Map<String, String> applicationKeys = new ConcurrentHashMap<>();
    private volatile RequestFactory requests;

    public SessionRegistry(ContainerContext context) {
        this.context = context;
    }

    public void setRequestFactory(RequestFactory requests) {
        this.requests = requests;
    }

    RequestFactory requests() {
        return requests;
    }

    /** A new random token: tags, session ids (RFC 3261 §19.3 asks for at least 32 bits of randomness). */
    public String newTag() {
        // one draw per tag, not one per character: 63 random bits give the 12 base-36 digits (62 bits)
        long bits = random.nextLong() >>> 1;
        char[] c = new char[12];
        for (int i = 0; i < c.length; i++) {
            c[i] = ALPHABET[(int) (bits % ALPHABET.length)];
            bits /= ALPHABET.length;
        }
        return new String(c);
    }

    public ContainerApplicationSession createApplicationSession(DeployedApplication application) {
        return createApplicationSession(application, application.name() + "-" + newTag() + newTag());
    }

    private ContainerApplicationSession createApplicationSession(DeployedApplication application, String id) {
        ContainerApplicationSession session = new ContainerApplicationSession(id, application, this,
                new SerialExecutor(context.workers()::execute));
        applicationSessions.put(id, session);
        session.setExpires(application.sessionTimeoutMinutes());
        SipApplicationSessionEvent event = new SipApplicationSessionEvent(session);
        for (SipApplicationSessionListener l : application.listeners(SipApplicationSessionListener.class)) {
            l.sessionCreated(event);
        }
        return session;
    }

    /**
     * The application session for {@code key} (JSR 289 §15.11.2 @SipApplicationKey), created if
     * there is none: requests with the same key share one application session.
     */
    public ContainerApplicationSession applicationSessionForKey(DeployedApplication application, String key) {
        String mapKey = application.name() + "\u0000" + key;
        while (true) {
            String id = applicationKeys.get(mapKey);
            if (id != null) {
                ContainerApplicationSession existing = applicationSessions.get(id);
                if (existing != null && existing.isValid()) {
                    return existing;
                }
                applicationKeys.remove(mapKey, id);
                continue;
            }
            String newId = application.name() + "-key-" + newTag() + newTag();
            if (applicationKeys.putIfAbsent(mapKey, newId) == null) {
                return createApplicationSession(application, newId);
            }
        }
    }

    /** The live application session for {@code key}, or null. */
    public ContainerApplicationSession existingForKey(DeployedApplication application, String key) {
        String id = applicationKeys.get(application.name() + "\u0000" + key);
        ContainerApplicationSession s = id == null ? null : applicationSessions.get(id);
        return s != null && s.isValid() ? s : null;
    }

    public ContainerSipSession createSipSession(ContainerApplicationSession applicationSession, String callId,
                                                String handler) {
        String id = applicationSession.getId() + ";" + newTag();
        ContainerSipSession session = new ContainerSipSession(id, applicationSession, this, callId, handler);
        sipSessions.put(id, session);
        applicationSession.addSipSession(session);
        SipSessionEvent event = new SipSessionEvent(session);
        for (SipSessionListener l : applicationSession.application().listeners(SipSessionListener.class)) {
            l.sessionCreated(event);
        }
        return session;
    }

    /**
     * JSR 289 §6.2.3.2: a session for {@code dialog}, a further dialog made by a forked response
     * to {@code original}'s initial request, in the same application session, as a copy of it.
     */
    public ContainerSipSession createDerivedSipSession(ContainerSipSession original, javax.sip.Dialog dialog) {
        ContainerSipSession derived = createSipSession(original.containerApplicationSession(), original.getCallId(),
                original.handler());
        derived.deriveFrom(original);
        derived.bindDialog(dialog);
        return derived;
    }

    /**
     * JSR 289 §12 (B2buaHelper.createResponseToOriginalRequest): a session for a further dialog
     * toward the sender of {@code original}'s initial request, a copy of it with a To tag of its
     * own (RFC 3261 §12.1.1); its dialog is made when its first response is sent.
     */
    public ContainerSipSession createDerivedUasSession(ContainerSipSession original) {
        ContainerSipSession derived = createSipSession(original.containerApplicationSession(), original.getCallId(),
                original.handler());
        derived.deriveFrom(original);
        derived.setLocalTag(newTag());
        return derived;
    }

    public ContainerApplicationSession applicationSession(String id) {
        return applicationSessions.get(id);
    }

    public ContainerSipSession sipSession(String id) {
        return sipSessions.get(id);
    }

    /**
     * The live SIP session of {@code application} on the dialog with this Call-ID, local tag and
     * remote tag, or null. A scan of every session: it serves the rare Join and Replaces
     * (RFC 3911, RFC 3891), not the per-message path.
     */
    public ContainerSipSession dialogSession(DeployedApplication application, String callId, String localTag,
                                             String remoteTag) {
        for (ContainerSipSession s : sipSessions.values()) {
            if (s.isValid() && s.containerApplicationSession().application() == application
                    && callId.equals(s.getCallId()) && localTag.equals(s.localTag())
                    && s.getRemoteParty() != null && remoteTag.equals(s.getRemoteParty().getParameter("tag"))) {
                return s;
            }
        }
        return null;
    }

    public Collection<ContainerApplicationSession> applicationSessions() {
        return applicationSessions.values();
    }

    public int sipSessionCount() {
        return sipSessions.size();
    }

    void remove(ContainerApplicationSession session) {
        applicationSessions.remove(session.getId());
        applicationKeys.values().remove(session.getId());
    }

    void remove(ContainerSipSession session) {
        sipSessions.remove(session.getId());
    }

    ScheduledFuture<?> scheduleExpiry(ContainerApplicationSession session, long delayMillis) {
        return context.workers().timers().schedule(
                () -> session.executor().execute(session::expire), delayMillis, TimeUnit.MILLISECONDS);
    }

    boolean isLocalInterface(InetSocketAddress address) {
        for (String transport : new String[] {"UDP", "TCP", "TLS", "WS", "WSS"}) {
            ListeningPoint lp = context.listeningPoint(transport);
            if (lp != null && lp.getIPAddress().equals(address.getAddress().getHostAddress())
                    && (address.getPort() == 0 || address.getPort() == lp.getPort())) {
                return true;
            }
        }
        return false;
    }
}
