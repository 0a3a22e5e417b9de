package org.webims.interworking.settings;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Settings given as values: the gateway's keys, and users from a {@link UsersFile}. */
public record StaticSettings(String domain, Map<String, WebUser> users, Optional<String> imsNextHop,
        Duration nonceLifetime, Duration minRegistration, Duration maxRegistration) implements InterworkingSettings {

    public StaticSettings {
        users = Map.copyOf(users);
        if (minRegistration.compareTo(maxRegistration) > 0) {
            throw new IllegalArgumentException("minRegistration above maxRegistration");
        }
    }

    /** A 5-minute nonce lifetime and registrations of 60 s to 1 h. */
    public static StaticSettings of(String domain, Map<String, WebUser> users, Optional<String> imsNextHop) {
        return new StaticSettings(domain, users, imsNextHop, Duration.ofMinutes(5), Duration.ofSeconds(60),
                Duration.ofHours(1));
    }

    public StaticSettings withNonceLifetime(Duration value) {
        return new StaticSettings(domain, users, imsNextHop, value, minRegistration, maxRegistration);
    }

    @Override
    public Optional<WebUser> user(String name) {
        return Optional.ofNullable(users.get(name));
    }

    @Override
    public Optional<WebUser> userByImpu(String impu) {
        String key = Impus.key(impu);
        return users.values().stream().filter(u -> Impus.key(u.impu()).equals(key)).findFirst();
    }
}
