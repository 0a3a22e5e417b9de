package org.webims.interworking.settings;

import java.time.Duration;
import java.util.Optional;
import org.webims.ims.profile.CarrierProfile;
import org.webims.ims.profile.WebAuthentication;

/**
 * What the interworking application needs to know of the network it serves. The host process
 * shares it under {@link #ATTRIBUTE}: {@link StaticSettings}, the gateway's keys, a users file and
 * the network's carrier profile.
 */
public interface InterworkingSettings {

    /** The ServletContext attribute the host process shares the settings under. */
    String ATTRIBUTE = "org.webims.interworking.settings.InterworkingSettings";

    /**
     * The IMS network's carrier profile: identity mapping, header policy, privacy and signalling
     * toward the IMS, the AS URI and orig-ioi.
     */
    CarrierProfile carrierProfile();

    /**
     * The web users' home domain: REGISTER goes to sip:DOMAIN, users are sip:NAME@DOMAIN. The host
     * decides it (the gateway: {@code interworking.domain} when set, else the deployed carrier
     * profile's network domain).
     */
    String domain();

    /** The web user of this name, if there is one. */
    Optional<WebUser> user(String name);

    /**
     * The web user whose IMS public identity is {@code impu} (a terminating request's
     * Request-URI), compared as {@link Impus#key} does: URI parameters ignored, scheme and host
     * case-insensitive (RFC 3261 §19.1.4).
     */
    Optional<WebUser> userByImpu(String impu);

    /** Where requests toward the IMS go (the S-CSCF, a SIP URI), if configured. */
    Optional<String> imsNextHop();

    /**
     * How web users authenticate: digest in a realm with expiring nonces (RFC 8760), or bearer
     * tokens (RFC 8898). The deployed carrier profile's {@code web-access} by default.
     */
    WebAuthentication webAuthentication();

    /** The longest registration granted, and the shortest accepted (423 below it; RFC 3261 §10.3). */
    Duration maxRegistration();

    Duration minRegistration();
}
