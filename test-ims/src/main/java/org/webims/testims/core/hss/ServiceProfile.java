package org.webims.testims.core.hss;

import java.util.Comparator;
import java.util.List;

/**
 * Public identities that share initial filter criteria (TS 29.228 Annex B.2.1, ServiceProfile).
 * They form one implicit registration set here: registering one registers all (TS 24.229 §5.4.1.2.2).
 *
 * @param publicIdentities the IMPUs, sip: and tel: URIs; the first is the default one
 * @param filterCriteria   sorted by priority
 */
public record ServiceProfile(List<String> publicIdentities, List<InitialFilterCriterion> filterCriteria) {

    public ServiceProfile {
        publicIdentities = List.copyOf(publicIdentities);
        filterCriteria = filterCriteria.stream()
                .sorted(Comparator.comparingInt(InitialFilterCriterion::priority)).toList();
    }

    /** The iFCs on REGISTER: whom to send third-party REGISTERs to. */
    public List<InitialFilterCriterion> thirdPartyRegistrations() {
        return filterCriteria.stream().filter(InitialFilterCriterion::isThirdPartyRegistration).toList();
    }
}
