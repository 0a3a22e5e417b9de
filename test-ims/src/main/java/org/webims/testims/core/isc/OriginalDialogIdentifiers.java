package org.webims.testims.core.isc;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The S-CSCF's original-dialog identifiers (TS 24.229 §5.4.3.2, §5.4.3.3): a token it puts in its
 * own Route entry toward an AS, by which it recognises the request when the AS sends it back, and
 * resumes where it left off. A token is used once.
 */
public final class OriginalDialogIdentifiers {
    public static final String PARAMETER = "odi";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, ServiceContext> pending = new ConcurrentHashMap<>();

    /** A new identifier for {@code context}. */
    public String issue(ServiceContext context) {
        byte[] b = new byte[9];
        RANDOM.nextBytes(b);
        String odi = HexFormat.of().formatHex(b);
        pending.put(odi, context);
        return odi;
    }

    /** The context of {@code odi}, removed; null when unknown or already used. */
    public ServiceContext take(String odi) {
        return odi == null ? null : pending.remove(odi);
    }

    /** Forgets {@code odi}: the AS answered without sending the request back. */
    public void discard(String odi) {
        pending.remove(odi);
    }

    public int pendingCount() {
        return pending.size();
    }
}
