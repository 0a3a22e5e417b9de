package org.webims.sip.container.proxy;

import java.util.ArrayList;
import java.util.List;
import javax.servlet.sip.SipURI;
import org.webims.sip.container.address.JainURIs;

/**
 * A proxy's target set (RFC 3261 §16.5): every URI it has forwarded to or will, from the servlet
 * and from 3xx Contacts. A URI equal to one already in it, by the URI type's equality (§19.1.4 for
 * sip and sips, as {@code JainSipURI.equals} implements it), is not added again, so no URI gets two
 * branches. A list, not a hash set: that equality ignores a parameter present in only one URI, so
 * it is not transitive; each new URI is compared with every member.
 */
final class TargetSet {
    private final List<SipURI> members = new ArrayList<>();

    /** Adds {@code target} (copied) unless an equal URI is already in the set; returns whether it was added. */
    boolean add(javax.sip.address.SipURI target) {
        SipURI candidate = (SipURI) JainURIs.wrap((javax.sip.address.URI) target.clone());
        for (SipURI member : members) {
            if (member.equals(candidate)) {
                return false;
            }
        }
        members.add(candidate);
        return true;
    }
}
