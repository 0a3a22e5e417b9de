package org.webims.ims.profile;

import java.util.List;
import java.util.Objects;

/**
 * The IMS network we serve: its home domain, the S-CSCF and P-CSCF(s) we exchange requests
 * with, our own AS URI (what the S-CSCF puts in Route, TS 24.229 §5.7.1) and the orig-ioi we
 * put in P-Charging-Vector (TS 24.229 §5.7.3). The URIs are validated SIP URIs, kept as text.
 */
public record NetworkAddresses(String domain, String scscf, List<String> pcscfs, String asUri, String origIoi) {

    public NetworkAddresses {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(scscf, "scscf");
        Objects.requireNonNull(asUri, "asUri");
        Objects.requireNonNull(origIoi, "origIoi");
        pcscfs = List.copyOf(pcscfs);
    }
}
