package org.webims.interworking.call;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.servlet.sip.Address;
import javax.servlet.sip.ServletParseException;
import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import javax.servlet.sip.SipSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.interworking.registrar.Binding;

/**
 * The INVITEs of one IMS call to every binding of the web user (several tabs or devices, RFC
 * 5626 instances), rung in parallel as a forking proxy would (RFC 3261 §16.7): one INVITE per
 * binding, each in its own SIP session of the call's application session. The first 2xx wins and
 * the other forks are cancelled with {@link #COMPLETED_ELSEWHERE}; a 6xx ends the search at once
 * (§16.7 step 5); when every fork has failed, the best final response is chosen (§16.7 step 6).
 * Used on the call's application session executor only, so it needs no locks.
 */
final class WebForks {
    private static final Logger LOG = LoggerFactory.getLogger(WebForks.class);

    /** RFC 3326 §2 with the cause the forks lost to: another binding answered. */
    static final String COMPLETED_ELSEWHERE = "SIP;cause=200;text=\"Call completed elsewhere\"";

    private final List<SipServletRequest> invites;
    /** Forks with a final response (or cancelled by us), by session. */
    private final Set<SipSession> done = new HashSet<>();
    private SipServletResponse best;

    private WebForks(List<SipServletRequest> invites) {
        this.invites = List.copyOf(invites);
    }

    /** One INVITE of {@code sdp} per binding (oldest first), not yet sent. */
    static WebForks create(SipApplicationSession call, Address from, Address to, List<Binding> bindings, byte[] sdp,
                           SipFactory factory) throws ServletParseException, java.io.UnsupportedEncodingException {
        if (bindings.isEmpty()) {
            throw new IllegalArgumentException("no binding to ring");
        }
        List<SipServletRequest> invites = new ArrayList<>(bindings.size());
        for (Binding binding : onePerInstance(bindings)) {
            SipServletRequest invite = factory.createRequest(call, "INVITE", from, to);
            invite.setRequestURI(factory.createURI(binding.contactUri()));
            invite.setContent(sdp, "application/sdp");
            invites.add(invite);
        }
        return new WebForks(invites);
    }

    /**
     * The bindings to ring: every one without an instance, and the newest flow of each RFC 5626
     * instance (§5.3: a user agent with several flows is reached over one of them, not rung twice).
     * {@code bindings} are oldest first, and so is the result.
     */
    static List<Binding> onePerInstance(List<Binding> bindings) {
        java.util.Map<String, Binding> newest = new java.util.LinkedHashMap<>();
        for (Binding b : bindings) {
            String key = b.instance() != null ? b.instance() : "uri " + b.contactUri();
            newest.remove(key); // re-inserted last: the order stays oldest first
            newest.put(key, b);
        }
        return List.copyOf(newest.values());
    }

    void send() throws IOException {
        for (SipServletRequest invite : invites) {
            invite.send();
        }
        LOG.atDebug().addKeyValue("forks", invites.size()).log("web user's bindings rung");
    }

    int size() {
        return invites.size();
    }

    /** The first fork's INVITE: the web leg until one answers. */
    SipServletRequest first() {
        return invites.get(0);
    }

    boolean contains(SipSession session) {
        return invite(session) != null;
    }

    /** The INVITE of the fork in {@code session}, null if none is. */
    SipServletRequest invite(SipSession session) {
        for (SipServletRequest invite : invites) {
            if (invite.getSession().equals(session)) {
                return invite;
            }
        }
        return null;
    }

    /** A fork answered 2xx first: the others are cancelled, its INVITE is the web leg's from now on. */
    SipServletRequest answered(SipServletResponse ok) throws IOException {
        SipSession winner = ok.getSession();
        done.add(winner);
        cancelPending(COMPLETED_ELSEWHERE);
        return invite(winner);
    }

    /**
     * A fork's final non-2xx response: the best response once the search is over (every fork
     * failed, or this one is a 6xx: the others are then cancelled), else null while forks still ring.
     */
    SipServletResponse failed(SipServletResponse response) throws IOException {
        done.add(response.getSession());
        if (best == null || better(response.getStatus(), best.getStatus())) {
            best = response;
        }
        if (response.getStatus() >= 600) {
            // RFC 3261 §16.7 step 5: a 6xx ends the search; RFC 3326 §2 names it to the others
            cancelPending("SIP;cause=" + response.getStatus() + ";text=\""
                    + String.valueOf(response.getReasonPhrase()).replace('"', '\'') + "\"");
            return best;
        }
        return done.size() == invites.size() ? best : null;
    }

    /** RFC 3261 §16.7 step 6: any 6xx, else the lowest class; the first received among equals. */
    private static boolean better(int candidate, int current) {
        if (current >= 600) {
            return false;
        }
        return candidate >= 600 || candidate / 100 < current / 100;
    }

    /** Cancels every fork still ringing, with {@code reason} (RFC 3326) when not null. */
    void cancelPending(String reason) throws IOException {
        for (SipServletRequest invite : invites) {
            if (done.add(invite.getSession())) {
                SipServletRequest cancel;
                try {
                    cancel = invite.createCancel();
                } catch (IllegalStateException e) {
                    continue; // its final response is on the way: the call handles what it says
                }
                if (reason != null) {
                    cancel.setHeader("Reason", reason);
                }
                cancel.send();
            }
        }
    }
}
