package org.webims.testims.core.hss;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The HSS's data: the home domain and its subscribers, looked up by public or private identity. */
public final class HssProfile {
    private final String domain;
    private final List<Subscriber> subscribers;
    private final Map<String, Subscriber> byPublicIdentity = new HashMap<>();
    private final Map<String, Subscriber> byPrivateIdentity = new HashMap<>();

    public HssProfile(String domain, List<Subscriber> subscribers) {
        this.domain = domain;
        this.subscribers = List.copyOf(subscribers);
        for (Subscriber s : this.subscribers) {
            byPrivateIdentity.put(s.privateIdentity(), s);
            for (ServiceProfile p : s.serviceProfiles()) {
                for (String impu : p.publicIdentities()) {
                    byPublicIdentity.put(PublicIdentities.key(impu), s);
                }
            }
        }
    }

    public String domain() {
        return domain;
    }

    public List<Subscriber> subscribers() {
        return subscribers;
    }

    public Optional<Subscriber> byPublicIdentity(String impu) {
        return Optional.ofNullable(byPublicIdentity.get(PublicIdentities.key(impu)));
    }

    public Optional<Subscriber> byPrivateIdentity(String impi) {
        return Optional.ofNullable(byPrivateIdentity.get(impi));
    }
}
