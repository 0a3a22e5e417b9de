package org.webims.interworking.media;

/** No media for a new call: the media node is at its limit, out of ports, or stopped. */
public final class MediaUnavailableException extends Exception {

    private static final long serialVersionUID = 1L;

    public MediaUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
