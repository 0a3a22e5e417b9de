package org.webims.interworking.settings;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.webims.ims.profile.CarrierProfile;

/** Settings given as values: the gateway's keys, users from a {@link UsersFile} and a carrier profile. */
public record StaticSettings(String domain, Map<String, WebUser> users, Optional<String> imsNextHop,
        CarrierProfile carrierProfile, Duration nonceLifetime, Duration minRegistration, Duration maxRegistration)
        implements InterworkingSettings {

    public StaticSettings {
        users = Map.copyOf(users);
        Objects.requireNonNull(carrierProfile, "carrierProfile");
        if (minRegistration.compareTo(maxRegistration) > 0) {
            throw new IllegalArgumentException("minRegistration above maxRegistration");
        }
    }

    /** A 5-minute nonce lifetime and registrations of 60 s to 1 h. */
    public static StaticSettings of(String domain, Map<String, WebUser> users, Optional<String> imsNextHop,
                                    CarrierProfile carrierProfile) {
        return new StaticSettings(domain, users, imsNextHop, carrierProfile, Duration.ofMinutes(5), Duration.ofSeconds(60),
                Duration.ofHours(1));
    }

    public StaticSettings withNonceLifetime(Duration value) {
        return new StaticSettings(domain, users, imsNextHop, carrierProfile, value, minRegistration, maxRegistration);
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
