package org.webims.ims.profile;

import java.util.Objects;
import java.util.Optional;

/**
 * IMS headers the AS puts on requests toward IMS (P-Access-Network-Info, TS 24.229 §7.2A.4;
 * P-Served-User, RFC 5502) and the per-direction header edits.
 */
public record HeaderPolicy(Optional<String> accessNetworkInfo, boolean servedUser, HeaderEdits toIms,
        HeaderEdits toWeb) {

    public HeaderPolicy {
        Objects.requireNonNull(accessNetworkInfo, "accessNetworkInfo");
        Objects.requireNonNull(toIms, "toIms");
        Objects.requireNonNull(toWeb, "toWeb");
    }

    public static HeaderPolicy none() {
        return new HeaderPolicy(Optional.empty(), false, HeaderEdits.none(), HeaderEdits.none());
    }
}
