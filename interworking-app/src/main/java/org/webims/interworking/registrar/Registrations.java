package org.webims.interworking.registrar;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The web users' bindings by user name. Lapsed bindings are dropped whenever a user's
 * bindings are read or changed; a user with none left is forgotten.
 */
public final class Registrations {
    private final Map<String, Map<String, Binding>> byUser = new ConcurrentHashMap<>();

    /** Applies one REGISTER's changes for {@code user} and returns the bindings it then has. */
    List<Binding> update(String user, List<Binding> added, List<String> removedKeys, boolean removeAll) {
        long now = System.nanoTime();
        List<Binding> result = new ArrayList<>();
        byUser.compute(user, (name, bindings) -> {
            Map<String, Binding> b = bindings == null ? new LinkedHashMap<>() : bindings;
            if (removeAll) {
                b.clear();
            }
            removedKeys.forEach(b::remove);
            added.forEach(binding -> b.put(binding.key(), binding));
            b.values().removeIf(binding -> binding.expiresAtNanos() <= now);
            result.addAll(b.values());
            return b.isEmpty() ? null : b;
        });
        return result;
    }

    /**
     * Drops every binding whose contact is the WebSocket connection from {@code client} (decision
     * 0091): the connection closed, and RFC 7118 §5 gives no way to reach the client through another,
     * so requests to those contacts could never be delivered. Returns how many went.
     */
    public int dropConnection(InetSocketAddress client) {
        int[] dropped = {0};
        for (String user : byUser.keySet()) {
            byUser.computeIfPresent(user, (name, bindings) -> {
                int before = bindings.size();
                bindings.values().removeIf(b -> b.reachedThrough(client));
                dropped[0] += before - bindings.size();
                return bindings.isEmpty() ? null : bindings;
            });
        }
        return dropped[0];
    }

    /** The live bindings of {@code user}, newest last. */
    public List<Binding> bindings(String user) {
        return update(user, List.of(), List.of(), false);
    }

    public boolean isRegistered(String user) {
        return !bindings(user).isEmpty();
    }

    /** Users with at least one binding (lapsed ones may count until next touched). */
    public int users() {
        return byUser.size();
    }
}
