package org.webims.interworking.registrar;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The nonces we handed out, each with when it was issued and the highest nonce-count used with
 * it: a count that does not grow is a replay (RFC 7616 §3.4, §5.4). Expired nonces are dropped
 * as new ones are issued, and their number is bounded.
 */
final class Nonces {
    enum Check { FRESH, STALE, UNKNOWN, REPLAYED }

    private static final int MAX_NONCES = 100_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final long lifetimeNanos;
    private final Map<String, State> nonces = new ConcurrentHashMap<>();

    private static final class State {
        final long issuedNanos;
        long highestCount;

        State(long issuedNanos) {
            this.issuedNanos = issuedNanos;
        }
    }

    Nonces(Duration lifetime) {
        this.lifetimeNanos = lifetime.toNanos();
    }

    String issue() {
        long now = System.nanoTime();
        if (nonces.size() >= MAX_NONCES / 2) {
            nonces.values().removeIf(s -> now - s.issuedNanos > 2 * lifetimeNanos);
        }
        if (nonces.size() >= MAX_NONCES) {
            nonces.clear(); // a flood of unanswered challenges: forget them rather than grow
        }
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        String nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        nonces.put(nonce, new State(now));
        return nonce;
    }

    /** Whether {@code nonce} may be used with {@code count}; a FRESH answer records the count. */
    Check use(String nonce, long count) {
        State s = nonces.get(nonce);
        if (s == null) {
            return Check.UNKNOWN;
        }
        if (System.nanoTime() - s.issuedNanos > lifetimeNanos) {
            return Check.STALE;
        }
        synchronized (s) {
            if (count <= s.highestCount) {
                return Check.REPLAYED;
            }
            s.highestCount = count;
            return Check.FRESH;
        }
    }

    int size() {
        return nonces.size();
    }
}
