package org.webims.webrtc.sdp;

/** A browser's SDP we cannot take, with what is wrong in words a developer can act on. */
public final class WebRtcSdpException extends Exception {

    public WebRtcSdpException(String message) {
        super(message);
    }

    public WebRtcSdpException(String message, Throwable cause) {
        super(message, cause);
    }
}
