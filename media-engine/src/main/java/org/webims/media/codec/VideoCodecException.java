package org.webims.media.codec;

/** A video codec refused a call: bad configuration, a native error code, a too small buffer. */
public class VideoCodecException extends Exception {

    private static final long serialVersionUID = 1L;

    public VideoCodecException(String message) {
        super(message);
    }

    public VideoCodecException(String message, Throwable cause) {
        super(message, cause);
    }
}
