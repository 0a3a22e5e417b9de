package org.webims.interworking.media;

/**
 * Told of each DTMF digit the IMS party sent as RFC 4733 telephone-events, so the call also
 * passes it to the web user as SIP INFO: a browser may play telephone-events it receives but shows
 * them to no script, and INFO is how the page (JsSIP's newDTMF) learns of the digit (decision
 * 0016). Called on the media control's thread: an implementation hands the work to the call's
 * own context and returns at once.
 */
@FunctionalInterface
public interface ImsDtmfListener {

    ImsDtmfListener IGNORE = (digit, durationMs) -> { };

    /** @param digit 0-9, *, #, A-D */
    void digit(char digit, int durationMs);
}
