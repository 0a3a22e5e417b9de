package org.webims.webrtc.sdp;

import org.webims.media.sdp.SdpWarning;

/**
 * A browser's SDP we cannot take, with what is wrong in words a developer can act on and the
 * SIP warn-code that says it (RFC 3261 §20.43; 399 unless a more precise one applies).
 */
public final class WebRtcSdpException extends Exception {

    private final int warnCode;

    public WebRtcSdpException(String message) {
        this(SdpWarning.MISCELLANEOUS, message);
    }

    public WebRtcSdpException(int warnCode, String message) {
        super(message);
        this.warnCode = warnCode;
    }

    public WebRtcSdpException(String message, Throwable cause) {
        super(message, cause);
        this.warnCode = SdpWarning.MISCELLANEOUS;
    }

    /** The warn-code for the Warning header of the 488 that refuses this SDP. */
    public int warnCode() {
        return warnCode;
    }
}
