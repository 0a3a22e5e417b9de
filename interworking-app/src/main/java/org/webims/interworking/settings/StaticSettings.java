package org.webims.interworking.settings;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.webims.ims.profile.CarrierProfile;
import org.webims.ims.profile.WebAuthentication;

/** Settings given as values: the gateway's keys, users from a {@link UsersFile} and a carrier profile. */
public record StaticSettings(String domain, Map<String, WebUser> users, Optional<String> imsNextHop,
        CarrierProfile carrierProfile, WebAuthentication webAuthentication, Duration minRegistration,
        Duration maxRegistration) implements InterworkingSettings {

    public StaticSettings {
        users = Map.copyOf(users);
        Objects.requireNonNull(carrierProfile, "carrierProfile");
        Objects.requireNonNull(webAuthentication, "webAuthentication");
        if (minRegistration.compareTo(maxRegistration) > 0) {
            throw new IllegalArgumentException("minRegistration above maxRegistration");
        }
    }

    /** Web authentication as the carrier profile's web-access says, and registrations of 60 s to 1 h. */
    public static StaticSettings of(String domain, Map<String, WebUser> users, Optional<String> imsNextHop,
                                    CarrierProfile carrierProfile) {
        return new StaticSettings(domain, users, imsNextHop, carrierProfile,
                carrierProfile.webAccess().authentication(), Duration.ofSeconds(60), Duration.ofHours(1));
    }

    public StaticSettings withWebAuthentication(WebAuthentication value) {
        return new StaticSettings(domain, users, imsNextHop, carrierProfile, value, minRegistration, maxRegistration);
    }

    /** Digest in the same realm with nonces living {@code value} (finer than the profile's whole seconds). */
    public StaticSettings withNonceLifetime(Duration value) {
        if (!(webAuthentication instanceof WebAuthentication.Digest digest)) {
            throw new IllegalStateException("web users authenticate with " + webAuthentication + ", not digest");
        }
        return withWebAuthentication(new WebAuthentication.Digest(digest.realm(), value));
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
