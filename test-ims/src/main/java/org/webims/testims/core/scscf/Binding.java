package org.webims.testims.core.scscf;

import java.time.Instant;
import java.util.List;

/** A registered contact and the Path to reach it (RFC 3327), until {@code expiry}. */
public record Binding(String contact, List<String> path, Instant expiry) {

    public Binding {
        path = List.copyOf(path);
    }
}
