package org.webims.sip.container.router;

import java.io.Serializable;

/**
 * The router's answer for one call: the entry chosen, and the index in the method's list where the
 * next call resumes (handed to the container as stateInfo, JSR 289 Appendix C).
 */
public record DarSelection(DarRoute route, int nextIndex) {
    /** The stateInfo the container keeps and passes back on the next call for this request. */
    public Serializable stateInfo() {
        return nextIndex;
    }
}
