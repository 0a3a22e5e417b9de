package org.webims.ims.profile;

import java.util.Objects;

/**
 * One IMS network's deployment settings, as read and validated from its carrier profile file by
 * {@link CarrierProfileReader}. Immutable.
 *
 * @param name   the profile's name attribute
 * @param source the file it was read from, for messages
 */
public record CarrierProfile(String name, String source, NetworkAddresses network, IdentityMapping identityMapping,
        MediaPolicy media, HeaderPolicy headers, PrivacyPolicy privacy, SignallingPolicy signalling,
        WebAccessPolicy webAccess, RecordingPolicy recording, ProcessingPolicy processing) {

    public CarrierProfile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(identityMapping, "identityMapping");
        Objects.requireNonNull(media, "media");
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(privacy, "privacy");
        Objects.requireNonNull(signalling, "signalling");
        Objects.requireNonNull(webAccess, "webAccess");
        Objects.requireNonNull(recording, "recording");
        Objects.requireNonNull(processing, "processing");
    }

    public String domain() {
        return network.domain();
    }
}
