package org.webims.ims.profile;

import java.util.Objects;

/** 100rel (RFC 3262), preconditions (RFC 3312, TS 24.229 §6.1.2) and session timers (RFC 4028) toward IMS. */
public record SignallingPolicy(ExtensionPolicy reliableProvisional, ExtensionPolicy preconditions,
        SessionTimerPolicy sessionTimer) {

    public SignallingPolicy {
        Objects.requireNonNull(reliableProvisional, "reliableProvisional");
        Objects.requireNonNull(preconditions, "preconditions");
        Objects.requireNonNull(sessionTimer, "sessionTimer");
    }
}
