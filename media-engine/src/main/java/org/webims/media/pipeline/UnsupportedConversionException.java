package org.webims.media.pipeline;

/** No adapter can turn one format into the other (an unknown codec, say). */
public final class UnsupportedConversionException extends Exception {

    public UnsupportedConversionException(MediaFormat from, MediaFormat to, String reason) {
        super("cannot convert " + from + " to " + to + ": " + reason);
    }
}
