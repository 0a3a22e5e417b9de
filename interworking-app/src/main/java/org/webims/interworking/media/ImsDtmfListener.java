package org.webims.interworking.media;

/**
 * Told of each DTMF digit the IMS party sent as RFC 4733 telephone-events that the media could
 * not pass on to the web user as telephone-events (the web leg negotiated none), so the call
 * carries it another way (SIP INFO). Called on the media control's thread: an implementation
 * hands the work to the call's own context and returns at once.
 */
@FunctionalInterface
public interface ImsDtmfListener {

    ImsDtmfListener IGNORE = (digit, durationMs) -> { };

    /** @param digit 0-9, *, #, A-D */
    void digit(char digit, int durationMs);
}
