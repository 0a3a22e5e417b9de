package org.webims.sip.container.proxy;

import java.util.List;
import java.util.ListIterator;
import java.util.Set;
import javax.sip.header.Header;
import javax.sip.header.ProxyAuthenticateHeader;
import javax.sip.header.WWWAuthenticateHeader;
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

    /**
     * §16.7 step 7: a 401 or 407 going upstream carries the challenges of every other 401 and 407
     * received, unmodified, so that the UAC can answer all the realms at once.
     */
    static void addOtherChallenges(ContainerResponse best, List<ContainerResponse> finals) {
        if (!isChallenge(best.getStatus())) {
            return;
        }
        for (ContainerResponse r : finals) {
            if (r != best && isChallenge(r.getStatus())) {
                copy(r, best, WWWAuthenticateHeader.NAME);
                copy(r, best, ProxyAuthenticateHeader.NAME);
            }
        }
    }

    private static boolean isChallenge(int status) {
        return status == 401 || status == 407;
    }

    private static void copy(ContainerResponse from, ContainerResponse to, String name) {
        ListIterator<?> headers = from.jainResponse().getHeaders(name);
        while (headers.hasNext()) {
            to.jainResponse().addHeader((Header) ((Header) headers.next()).clone());
        }
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
