package org.webims.media.sdp.negotiation;

import org.webims.media.sdp.SdpWarning;

/** An answer that does not fit our offer (RFC 3264 §6, §7); the call fails with this warn-code and reason. */
public final class OfferAnswerException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int warnCode;
    private final int mediaIndex;

    public OfferAnswerException(int warnCode, int mediaIndex, String reason) {
        super(mediaIndex >= 0 ? "m-line " + (mediaIndex + 1) + ": " + reason : reason, null, false, false);
        this.warnCode = warnCode;
        this.mediaIndex = mediaIndex;
    }

    public int warnCode() {
        return warnCode;
    }

    /** 0-based m-line index, or -1 for a fault of the whole description. */
    public int mediaIndex() {
        return mediaIndex;
    }

    public String warning(String agent) {
        return SdpWarning.value(warnCode, agent, getMessage());
    }
}
