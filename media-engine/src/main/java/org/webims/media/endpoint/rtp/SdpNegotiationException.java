package org.webims.media.endpoint.rtp;

import org.webims.media.sdp.SdpParseException;
import org.webims.media.sdp.SdpWarning;
import org.webims.media.sdp.negotiation.OfferAnswerException;

/**
 * A session description the endpoint refused; the endpoint is left as it was. Carries the
 * parser's or the offer/answer fault, with the line (0 when not tied to one), the reason and the
 * value of the Warning header of the 488 that should answer it (RFC 3261 §20.43).
 */
public final class SdpNegotiationException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int warnCode;
    private final int lineNumber;
    private final String reason;
    private final boolean parseFault;

    SdpNegotiationException(SdpParseException cause) {
        super(cause.getMessage(), cause);
        this.warnCode = SdpWarning.MISCELLANEOUS;
        this.lineNumber = cause.lineNumber();
        this.reason = cause.reason();
        this.parseFault = true;
    }

    SdpNegotiationException(OfferAnswerException cause) {
        super(cause.getMessage(), cause);
        this.warnCode = cause.warnCode();
        this.lineNumber = 0;
        this.reason = cause.getMessage();
        this.parseFault = false;
    }

    /** The 3xx warn-code: 399 for unparsable SDP, 302/304/305 for refused media. */
    public int warnCode() { return warnCode; }

    /** 1-based line of the fault in the description, 0 when the fault is not one line's. */
    public int lineNumber() { return lineNumber; }

    public String reason() { return reason; }

    /** Whether the description could not be parsed (rather than parsed and refused). */
    public boolean isParseFault() { return parseFault; }

    /** {@code 399 agent "SDP line 7: ..."}: the Warning header value for the 488. */
    public String warning(String agent) {
        if (getCause() instanceof SdpParseException p) {
            return SdpWarning.forParseError(agent, p);
        }
        return ((OfferAnswerException) getCause()).warning(agent);
    }
}
