package org.webims.testims.core.pcscf;

import java.time.Instant;
import java.util.List;

/**
 * What the P-CSCF keeps of a UE's registration (TS 24.229 §5.2.2.4): the route to its S-CSCF
 * (Service-Route) and the public identities it may assert (P-Associated-URI).
 */
record PcscfRegistration(List<String> serviceRoutes, List<String> associatedUris, Instant expiry) {

    PcscfRegistration {
        serviceRoutes = List.copyOf(serviceRoutes);
        associatedUris = List.copyOf(associatedUris);
    }
}
