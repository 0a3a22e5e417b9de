package org.webims.testims.core.hss;

/**
 * What the S-CSCF does when the AS of an iFC cannot be reached or fails (TS 29.228 Annex B.2.3,
 * DefaultHandling; TS 24.229 §5.4.3.2 and §5.4.3.3).
 */
public enum DefaultHandling {
    /** Go on with the next iFC as if this one had not matched. */
    SESSION_CONTINUED,
    /** Give up the request: 408 on timeout, or the AS's own failure response. */
    SESSION_TERMINATED
}
