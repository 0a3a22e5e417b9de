package org.webims.webrtc.ice;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.webims.webrtc.stun.StunFault;
import org.webims.webrtc.stun.StunIntegrity;
import org.webims.webrtc.stun.StunMessageReader;
import org.webims.webrtc.stun.StunResponseWriter;

/**
 * The ICE-lite agent of one WebRTC endpoint (RFC 8445 §2.5; docs/decisions/0008): it answers
 * the browser's connectivity checks on our host candidates, and the pairs those checks prove (our
 * socket they came in on, the browser's address they came from: RFC 8445 §6.1.2.2) become the only
 * ones media, STUN and DTLS are accepted over: from that address, on that socket. The peer (always the
 * controlling, full agent) nominates with USE-CANDIDATE. Consent (RFC 7675) is the stream of
 * checks the browser keeps sending: when none arrives within the consent timeout, the agent
 * fails. Each pair a check proved is a {@link CheckedPair} that counts its checks and what
 * went over it, for getStats (decision 0061). Runs on the endpoint's I/O thread; not thread-safe,
 * except {@link #state()}, {@link #selected()}, {@link #selectedPair()} and {@link #pairs()}.
 */
public final class IceLiteAgent {

    /** Pairs proven by checks and kept; the oldest goes when a new one comes. */
    private static final int MAX_VALIDATED = 8;

    public interface Listener {
        void stateChanged(IceState state);

        /** The browser nominated the pair of our socket {@code local} (its index) and {@code remote}. */
        void selectedPairChanged(int local, InetSocketAddress remote);
    }

    private final Listener listener;
    private final long consentTimeoutNanos;
    private final StunMessageReader reader = new StunMessageReader();
    private final StunResponseWriter writer = new StunResponseWriter();
    private final CheckedPair[] validated = new CheckedPair[MAX_VALIDATED];
    private int validatedNext;
    /** The last sender {@link #validatedPair} matched, as the very object, and its socket; null after a list change. */
    private InetSocketAddress lastMatched;
    private int lastMatchedLocal;
    private CheckedPair lastMatchedPair;

    /** Our credentials as the I/O thread checks them; swapped whole by an ICE restart on another thread. */
    private record Local(IceCredentials credentials, byte[] ufrag, StunIntegrity integrity) { }

    private volatile Local local;
    private volatile IceState state = IceState.GATHERING;
    private volatile CheckedPair selectedPair;
    private long lastValidCheckNanos;
    private long rejectedChecks;
    private long malformed;

    public IceLiteAgent(IceCredentials local, Duration consentTimeout, Listener listener) {
        this.listener = listener;
        this.consentTimeoutNanos = consentTimeout.toNanos();
        useCredentials(local);
    }

    public IceCredentials localCredentials() { return local.credentials(); }
    public IceState state() { return state; }
    public InetSocketAddress selected() {
        CheckedPair p = selectedPair;
        return p == null ? null : p.remote();
    }
    /** The pair of {@link #selected()}, whose counters the sends to it update; null before a nomination. */
    public CheckedPair selectedPair() { return selectedPair; }
    public long rejectedChecks() { return rejectedChecks; }
    public long malformedMessages() { return malformed; }

    /**
     * ICE restart (RFC 8445 §9): new local credentials; media stays on the old pair until a new
     * nomination. May be called from a thread other than the I/O thread.
     */
    public void restart(IceCredentials fresh) {
        useCredentials(fresh);
    }

    private void useCredentials(IceCredentials credentials) {
        this.local = new Local(credentials, credentials.ufrag().getBytes(StandardCharsets.UTF_8),
                new StunIntegrity(credentials.password()));
    }

    /**
     * Handles a STUN message from {@code from} that came in on our socket {@code local} (its index);
     * returns the length of the response written into {@code response} (at least 128 bytes) to send
     * back to {@code from} from that same socket, or 0 for none.
     */
    public int handleStun(byte[] buf, int off, int len, int local, InetSocketAddress from, byte[] response,
            long nowNanos) {
        StunFault fault = reader.read(buf, off, len);
        if (fault != StunFault.NONE) {
            malformed++;
            return 0;
        }
        if (reader.type() != StunMessageReader.BINDING_REQUEST) {
            return 0; // indications are keep-alives; we send no requests, so expect no responses
        }
        // RFC 8489 §9.1.3: a request without USERNAME or MESSAGE-INTEGRITY gets 400.
        if (!reader.hasUsername() || !reader.hasIntegrity()) {
            rejectedChecks++;
            return writer.bindingError(reader, 400, "Bad Request", null, response);
        }
        Local current = this.local;
        StunIntegrity integrity = current.integrity();
        if (!reader.usernameStartsWith(current.ufrag()) || !integrity.verify(reader)) {
            rejectedChecks++;
            return writer.bindingError(reader, 401, "Unauthorized", null, response);
        }
        // RFC 8445 §6.1.1: a lite agent is always controlled; a peer that also claims to be
        // controlled is told so (role conflict, §7.3.1.1).
        if (!reader.iceControlling()) {
            rejectedChecks++;
            return writer.bindingError(reader, 487, "Role Conflict", integrity, response);
        }
        lastValidCheckNanos = nowNanos;
        CheckedPair pair = remember(local, from);
        pair.checkPriority = reader.priority();
        pair.requestsReceived++;
        pair.lastRequestNanos = nowNanos;
        CheckedPair nominated = selectedPair;
        // RFC 8445 §7.3.1.5: USE-CANDIDATE nominates this pair, our socket and the browser's address
        if (reader.useCandidate() && (nominated == null || !nominated.is(local, from))) {
            selectedPair = pair;
            setState(IceState.CONNECTED);
            listener.selectedPairChanged(local, from);
        } else if (state == IceState.GATHERING || state == IceState.FAILED) {
            setState(selectedPair == null ? IceState.CONNECTING : IceState.CONNECTED);
        }
        pair.responsesSent++;
        return writer.bindingSuccess(reader, from, integrity, response);
    }

    /** Whether a check from this address on our socket {@code local} succeeded: the only pairs we accept media over. */
    public boolean isValidated(int local, InetSocketAddress from) {
        return validatedPair(local, from) != null;
    }

    /** The pair a check from this address on our socket {@code local} proved, null for none; on the I/O thread. */
    public CheckedPair validatedPair(int local, InetSocketAddress from) {
        // The media I/O hands every datagram of a sender the same address object: for that object the
        // walk below, through four objects per entry that a relay of many calls finds cold, was done
        // once already (decision 0043). Identity implies equality, so nothing new is accepted.
        if (from == lastMatched && local == lastMatchedLocal && from != null) {
            return lastMatchedPair;
        }
        for (CheckedPair p : validated) {
            if (p != null && p.is(local, from)) {
                lastMatchedPair = p;
                lastMatched = from;
                lastMatchedLocal = local;
                return p;
            }
        }
        return null;
    }

    /**
     * The pairs checks proved, as getStats reads them from any thread (the newest eight; an older one
     * dropped takes its counts with it).
     */
    public List<CandidatePairStats> pairs() {
        CheckedPair nominated = selectedPair;
        List<CandidatePairStats> out = new ArrayList<>(MAX_VALIDATED);
        for (CheckedPair p : validated.clone()) {
            if (p != null) {
                out.add(p.snapshot(p == nominated));
            }
        }
        return out;
    }

    /** Called periodically: ends consent when checks stopped (RFC 7675 §5.1). */
    public void checkConsent(long nowNanos) {
        if ((state == IceState.CONNECTED || state == IceState.CONNECTING)
                && nowNanos - lastValidCheckNanos > consentTimeoutNanos) {
            setState(IceState.FAILED);
        }
    }

    private CheckedPair remember(int local, InetSocketAddress from) {
        CheckedPair known = validatedPair(local, from);
        if (known != null) {
            return known;
        }
        CheckedPair pair = new CheckedPair(local, from);
        validated[validatedNext] = pair;
        validatedNext = (validatedNext + 1) % MAX_VALIDATED;
        lastMatched = null; // the entry replaced may be the one it matched
        lastMatchedPair = null;
        return pair;
    }

    private void setState(IceState next) {
        if (state != next) {
            state = next;
            listener.stateChanged(next);
        }
    }
}
