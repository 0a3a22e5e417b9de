package org.webims.testims.core.hss;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One IMS subscription: the private identity (IMPI) that authenticates, its password (the digest
 * stand-in for the AKA credentials an HSS would hold) and its service profiles.
 */
public record Subscriber(String privateIdentity, String password, List<ServiceProfile> serviceProfiles) {

    public Subscriber {
        Objects.requireNonNull(privateIdentity, "privateIdentity");
        Objects.requireNonNull(password, "password");
        serviceProfiles = List.copyOf(serviceProfiles);
    }

    /** The service profile holding {@code impu}, compared as {@link PublicIdentities#key} does. */
    public Optional<ServiceProfile> profileOf(String impu) {
        String key = PublicIdentities.key(impu);
        return serviceProfiles.stream()
                .filter(p -> p.publicIdentities().stream().anyMatch(i -> PublicIdentities.key(i).equals(key)))
                .findFirst();
    }
}
