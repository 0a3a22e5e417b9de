package org.webims.sip.container.b2bua;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import javax.servlet.sip.B2buaHelper;
import javax.servlet.sip.SipServletMessage;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import javax.servlet.sip.SipSession;
import javax.servlet.sip.TooManyHopsException;
import javax.servlet.sip.UAMode;
import javax.sip.header.Header;
import javax.sip.message.Request;
import org.webims.sip.container.ContainerContext;
import org.webims.sip.container.message.ContainerMessage;
import org.webims.sip.container.message.ContainerRequest;
import org.webims.sip.container.message.ContainerResponse;
import org.webims.sip.container.message.RequestFactory;
import org.webims.sip.container.message.SystemHeaders;
import org.webims.sip.container.session.ContainerSipSession;
import org.webims.sip.container.transaction.Transmitter;

/**
 * JSR 289 §12 B2buaHelper: a second leg made from the first, the two sessions and requests
 * linked, responses to the original request, pending messages, and CANCEL of the other leg.
 */
public final class ContainerB2buaHelper {
    private final ContainerContext context;
    private volatile RequestFactory requests;

    public ContainerB2buaHelper(ContainerContext context) {
        this.context = context;
    }

    public void setRequestFactory(RequestFactory requests) {
        this.requests = requests;
    }

    /** The helper for an application handling {@code request} (JSR 289: only if it does not proxy it). */
    public B2buaHelper forRequest(ContainerRequest request) {
        return new Helper();
    }

    private static ContainerSipSession sessionOf(SipSession s) {
        if (!(s instanceof ContainerSipSession c)) {
            throw new IllegalArgumentException("not a session of this container: " + s);
        }
        return c;
    }

    private void applyHeaderMap(ContainerRequest request, Map<String, List<String>> headerMap) {
        if (headerMap == null) {
            return;
        }
        for (Map.Entry<String, List<String>> e : headerMap.entrySet()) {
            String name = e.getKey();
            String full = SystemHeaders.fullName(name);
            // JSR 289 §12.2: From and To (display name, URI) and Route may be set through the map
            if (SystemHeaders.isSystem(name, request.getMethod(), 0) && !full.equals("from") && !full.equals("to")
                    && !full.equals("route") && !full.equals("contact")) {
                throw new IllegalArgumentException(name + " is a system header and cannot be set by the header map");
            }
            Request jain = request.jainRequest();
            try {
                if (full.equals("from") || full.equals("to")) {
                    String value = e.getValue().get(0);
                    javax.sip.header.HeaderAddress h = (javax.sip.header.HeaderAddress) jain.getHeader(name);
                    h.setAddress(context.addresses().createAddress(value));
                    continue;
                }
                jain.removeHeader(name);
                for (String value : e.getValue()) {
                    Header header = context.headers().createHeader(name, value);
                    jain.addHeader(header);
                }
            } catch (ParseException ex) {
                throw new IllegalArgumentException("bad " + name + " in header map: " + ex.getMessage(), ex);
            }
        }
    }

    private final class Helper implements B2buaHelper {

        @Override
        public SipServletRequest createRequest(SipServletRequest origRequest) {
            return createRequest(origRequest, true, null);
        }

        @Override
        public SipServletRequest createRequest(SipServletRequest origRequest, boolean linked,
                                               Map<String, List<String>> headerMap) throws IllegalArgumentException {
            ContainerRequest original = (ContainerRequest) origRequest;
            if (!original.isInitial()) {
                throw new IllegalArgumentException("createRequest(orig, linked, map) is for initial requests; "
                        + "use createRequest(session, orig, map) in a dialog");
            }
            if (original.getMaxForwards() == 0) {
                throw new IllegalStateException(new TooManyHopsException("Max-Forwards is 0"));
            }
            ContainerSipSession origSession = original.containerSession();
            ContainerRequest r = requests.createFrom(origSession.containerApplicationSession(), original, false,
                    origSession.handler());
            int mf = original.getMaxForwards();
            if (mf > 0) {
                r.setMaxForwards(mf - 1); // RFC 3261 §16.6 step 3, as a B2BUA forwarding the call
            }
            applyHeaderMap(r, headerMap);
            // JSR 289 §15.4.1: a B2BUA's new leg continues the original's application routing
            r.setRoutingDirective(javax.servlet.sip.ar.SipApplicationRoutingDirective.CONTINUE, original);
            if (linked) {
                linkSessions(origSession, r.containerSession());
                r.linkTo(original);
            }
            return r;
        }

        @Override
        public SipServletRequest createRequest(SipSession session, SipServletRequest origRequest,
                                               Map<String, List<String>> headerMap) {
            ContainerSipSession target = sessionOf(session);
            ContainerRequest original = (ContainerRequest) origRequest;
            ContainerRequest r = requests.createInSession(target, original.getMethod());
            Request source = original.jainRequest();
            Request dest = r.jainRequest();
            for (Iterator<?> names = source.getHeaderNames(); names.hasNext(); ) {
                String name = (String) names.next();
                if (SystemHeaders.isSystem(name, source.getMethod(), 0) || name.equalsIgnoreCase("Contact")) {
                    continue;
                }
                dest.removeHeader(name);
                for (Iterator<?> values = source.getHeaders(name); values.hasNext(); ) {
                    dest.addHeader((Header) ((Header) values.next()).clone());
                }
            }
            byte[] content = source.getRawContent();
            if (content != null) {
                try {
                    dest.setContent(content.clone(), (javax.sip.header.ContentTypeHeader) source.getHeader("Content-Type").clone());
                } catch (ParseException e) {
                    throw new IllegalArgumentException(e);
                }
            }
            applyHeaderMap(r, headerMap);
            r.linkTo(original);
            ContainerSipSession origSession = original.containerSession();
            if (origSession.linkedSession() == null) {
                linkSessions(origSession, target);
            }
            return r;
        }

        @Override
        public SipServletRequest createCancel(SipSession session) {
            ContainerSipSession s = sessionOf(session);
            for (ContainerMessage m : s.ongoingMessages()) {
                if (m instanceof ContainerRequest r && !r.incoming() && "INVITE".equals(r.getMethod())) {
                    return r.createCancel();
                }
            }
            throw new IllegalStateException("no INVITE in progress in session " + session.getId());
        }

        /**
         * JSR 289 §12: {@code session} is the session the original request came in on, or one
         * derived from it, or a derived session of the other leg (then its UAS counterpart). A
         * 2xx once the original request has its 2xx, or any 1xx or 2xx in a derived session,
         * goes in that derived session's own dialog, with its own To tag.
         */
        @Override
        public SipServletResponse createResponseToOriginalRequest(SipSession session, int status, String reason) {
            ContainerSipSession s = sessionOf(session);
            if (!s.isValid()) {
                throw new IllegalArgumentException("session is invalidated");
            }
            ContainerRequest initial = s.initialRequest();
            if (initial != null && !initial.incoming() && s.derivedFrom() != null) {
                s = uasCounterpart(s); // a forked 2xx on the UAC leg, relayed upstream
                initial = s == null ? null : s.initialRequest();
            }
            if (initial == null || !initial.incoming()) {
                throw new IllegalStateException("session " + session.getId() + " did not receive the original request");
            }
            if (s.derivedFrom() != null) {
                return initial.createFurtherResponse(s, status, reason);
            }
            if (initial.finalResponseSent()) {
                if (status < 200 || status >= 300 || !Transmitter.createsDialog(initial.getMethod())) {
                    throw new IllegalStateException("the original request already has a final response");
                }
                // RFC 3261 §13.3.1.4: a further 2xx is a further dialog, in a derived session
                return initial.createFurtherResponse(context.sessions().createDerivedUasSession(s), status, reason);
            }
            return initial.createResponse(status, reason);
        }

        /**
         * The other leg of {@code session}. A session derived for a fork's answer on the UAC leg
         * (JSR 289 §6.2.3.2), never linked yet, is linked to a session derived from the UAS leg of
         * its original: the further dialog toward the caller that its answer is relayed in.
         */
        @Override
        public SipSession getLinkedSession(SipSession session) {
            ContainerSipSession s = sessionOf(session);
            ContainerSipSession linked = s.linkedSession();
            if (linked == null && s.derivedFrom() != null && !s.wasLinked()) {
                ContainerRequest initial = s.initialRequest();
                if (initial != null && !initial.incoming()) {
                    return uasCounterpart(s);
                }
            }
            return linked;
        }

        @Override
        public SipServletRequest getLinkedSipServletRequest(SipServletRequest request) {
            return ((ContainerRequest) request).linkedRequest();
        }

        @Override
        public List<SipServletMessage> getPendingMessages(SipSession session, UAMode mode) {
            List<SipServletMessage> pending = new ArrayList<>();
            for (ContainerMessage m : sessionOf(session).ongoingMessages()) {
                boolean uas = m instanceof ContainerRequest r && r.incoming();
                boolean uac = (m instanceof ContainerRequest r2 && !r2.incoming()) || m instanceof ContainerResponse;
                if ((mode == UAMode.UAS && uas) || (mode == UAMode.UAC && uac)) {
                    pending.add(m);
                }
            }
            return pending;
        }

        @Override
        public void linkSipSessions(SipSession a, SipSession b) {
            ContainerSipSession s1 = sessionOf(a);
            ContainerSipSession s2 = sessionOf(b);
            if (!s1.isValid() || !s2.isValid()) {
                throw new IllegalArgumentException("cannot link invalidated sessions");
            }
            if ((s1.linkedSession() != null && s1.linkedSession() != s2)
                    || (s2.linkedSession() != null && s2.linkedSession() != s1)) {
                throw new IllegalArgumentException("a session is already linked to another");
            }
            linkSessions(s1, s2);
        }

        @Override
        public void unlinkSipSessions(SipSession session) {
            ContainerSipSession s = sessionOf(session);
            ContainerSipSession other = s.linkedSession();
            if (other == null) {
                throw new IllegalArgumentException("session " + session.getId() + " is not linked");
            }
            s.link(null);
            other.link(null);
        }
    }

    /**
     * The UAS-side session linked to {@code derivedUac}, a session derived for a forked answer on
     * the UAC leg: made the first time, derived from the session its original is linked to.
     * Null when the original is not linked to a leg that received the original request.
     */
    private ContainerSipSession uasCounterpart(ContainerSipSession derivedUac) {
        synchronized (derivedUac) {
            ContainerSipSession linked = derivedUac.linkedSession();
            if (linked != null || derivedUac.wasLinked()) {
                return linked;
            }
            ContainerSipSession uas = derivedUac.derivedFrom().linkedSession();
            ContainerRequest original = uas == null ? null : uas.initialRequest();
            if (original == null || !original.incoming() || !uas.isValid()) {
                return null;
            }
            ContainerSipSession derivedUas = context.sessions().createDerivedUasSession(uas);
            linkSessions(derivedUac, derivedUas);
            return derivedUas;
        }
    }

    private static void linkSessions(ContainerSipSession a, ContainerSipSession b) {
        a.link(b);
        b.link(a);
    }
}
