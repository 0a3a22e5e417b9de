package org.webims.sip.container.proxy;

import java.util.List;
import java.util.Set;
import org.webims.sip.container.message.ContainerResponse;

/** RFC 3261 §16.7 step 6: which of a forking proxy's final non-2xx responses goes upstream. */
final class BestResponse {
    /** §16.7 step 6: within 4xx these SHOULD be preferred, as they let the UAC retry usefully. */
    private static final Set<Integer> PREFERRED_4XX = Set.of(401, 407, 415, 420, 484);

    private BestResponse() {
    }

    /**
     * A 6xx if there is one, else one from the lowest class, the first received on a tie. After a
     * CANCEL the 487 is preferred (RFC 3261 §16.10: the request was terminated). Null for none.
     */
    static ContainerResponse choose(List<ContainerResponse> finals, boolean cancelled) {
        ContainerResponse best = null;
        int bestRank = Integer.MAX_VALUE;
        for (ContainerResponse r : finals) {
            int rank = rank(r.getStatus(), cancelled);
            if (rank < bestRank) {
                best = r;
                bestRank = rank;
            }
        }
        return best;
    }

    private static int rank(int status, boolean cancelled) {
        if (status >= 600) {
            return 0;
        }
        if (cancelled && status == 487) {
            return 1;
        }
        int preferred = status / 100 == 4 && PREFERRED_4XX.contains(status) ? 0 : 1;
        return (status / 100) * 10 + preferred;
    }
}
