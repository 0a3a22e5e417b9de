package org.webims.media.srtp;

/** Keying material that cannot be used: a bad SDES inline key, a wrong length, an MKI we do not support. */
public final class InvalidSrtpKeyException extends Exception {

    private static final long serialVersionUID = 1L;

    public InvalidSrtpKeyException(String message) {
        super(message);
    }
}
