package org.webims.testims.core.hss;

import java.util.Objects;
import java.util.Set;

/**
 * One initial filter criterion (TS 29.228 Annex B.2.2): its priority (lower first), a trigger
 * point on the request method and, for requests other than REGISTER, the session cases it serves,
 * the AS to involve and the default handling. An iFC on REGISTER names the AS that gets the
 * third-party REGISTER (TS 24.229 §5.4.1.7).
 *
 * @param line where the file declares it, for messages
 */
public record InitialFilterCriterion(int priority, String method, Set<SessionCase> sessionCases, String asUri,
        DefaultHandling defaultHandling, int line) {

    public InitialFilterCriterion {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(asUri, "asUri");
        Objects.requireNonNull(defaultHandling, "defaultHandling");
        sessionCases = Set.copyOf(sessionCases);
    }

    /** True when a request of {@code requestMethod} in {@code sessionCase} triggers this iFC. */
    public boolean matches(String requestMethod, SessionCase sessionCase) {
        return method.equals(requestMethod) && sessionCases.contains(sessionCase);
    }

    public boolean isThirdPartyRegistration() {
        return "REGISTER".equals(method);
    }
}
