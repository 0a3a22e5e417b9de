package org.webims.ims.profile;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** How web users authenticate their REGISTER: digest or a bearer token. */
public sealed interface WebAuthentication {

    /** Digest (RFC 3261 §22.4, RFC 8760) with qop=auth in this realm; nonces expire after the lifetime. */
    record Digest(String realm, Duration nonceLifetime) implements WebAuthentication {
        public Digest {
            Objects.requireNonNull(realm, "realm");
            Objects.requireNonNull(nonceLifetime, "nonceLifetime");
        }
    }

    /**
     * RFC 8898 bearer tokens from this issuer: JWTs signed with the key in the key file (a shared
     * secret for HS256, or the issuer's PEM public key for RS256 or ES256: {@link BearerKey}), for
     * the audience when one is given.
     */
    record Bearer(String issuer, Path keyFile, Optional<String> audience) implements WebAuthentication {
        public Bearer {
            Objects.requireNonNull(issuer, "issuer");
            Objects.requireNonNull(keyFile, "keyFile");
            Objects.requireNonNull(audience, "audience");
        }
    }
}
