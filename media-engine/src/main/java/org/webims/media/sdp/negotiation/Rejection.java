package org.webims.media.sdp.negotiation;

import org.webims.media.sdp.SdpWarning;

/** Why an m-line was refused, with the SIP warn-code that says so (RFC 3261 §20.43). */
public record Rejection(int warnCode, String reason) {

    /** The Warning header value for a 488 when no m-line is acceptable. */
    public String warning(String agent) {
        return SdpWarning.value(warnCode, agent, reason);
    }
}
