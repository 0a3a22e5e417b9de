package org.webims.testims.core.scscf;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.webims.testims.core.hss.PublicIdentities;
import org.webims.testims.core.hss.ServiceProfile;

/**
 * The S-CSCF's registration state: bindings per implicit registration set (here a service
 * profile, TS 24.229 §5.4.1.2.2), found by any of its public identities.
 */
public final class Registrar {
    private final Map<String, List<Binding>> bindings = new ConcurrentHashMap<>();

    /** Adds or refreshes {@code binding} for every identity of {@code profile}. */
    public void bind(ServiceProfile profile, Binding binding) {
        bindings.compute(keyOf(profile), (k, old) -> {
            List<Binding> next = new ArrayList<>();
            if (old != null) {
                old.stream().filter(b -> !b.contact().equals(binding.contact()) && live(b)).forEach(next::add);
            }
            next.add(binding);
            return List.copyOf(next);
        });
    }

    /** Removes {@code contact}, or every binding when {@code contact} is "*" (RFC 3261 §10.2.2). */
    public void unbind(ServiceProfile profile, String contact) {
        bindings.computeIfPresent(keyOf(profile), (k, old) -> {
            List<Binding> next = "*".equals(contact) ? List.of()
                    : old.stream().filter(b -> !b.contact().equals(contact) && live(b)).toList();
            return next.isEmpty() ? null : next;
        });
    }

    /** The live bindings of the set holding {@code impu}, newest last. */
    public List<Binding> bindingsOf(ServiceProfile profile) {
        List<Binding> list = bindings.getOrDefault(keyOf(profile), List.of());
        return list.stream().filter(Registrar::live).toList();
    }

    public boolean isRegistered(ServiceProfile profile) {
        return !bindingsOf(profile).isEmpty();
    }

    private static boolean live(Binding b) {
        return b.expiry().isAfter(Instant.now());
    }

    private static String keyOf(ServiceProfile profile) {
        return PublicIdentities.key(profile.publicIdentities().get(0));
    }
}
