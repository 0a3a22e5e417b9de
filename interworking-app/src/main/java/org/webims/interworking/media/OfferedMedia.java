package org.webims.interworking.media;

import java.util.EnumSet;
import java.util.Set;
import org.webims.media.pipeline.MediaType;
import org.webims.media.sdp.MediaDescription;
import org.webims.media.sdp.SdpParseException;
import org.webims.media.sdp.SessionDescription;

/**
 * The media one leg's offer carries or rejects, which the offer it causes on the other leg must
 * carry or reject too: a medium added (RFC 3264 §8.1) or dropped with port 0 (§8.2) by one party
 * is added or dropped for the other.
 */
public final class OfferedMedia {

    private OfferedMedia() {
    }

    /** The audio and video m-lines of {@code offer} with a port (not 0). */
    public static Set<MediaType> carried(String offer) {
        return of(offer, false);
    }

    /** The audio and video m-lines of {@code offer} rejected (port 0). */
    public static Set<MediaType> rejected(String offer) {
        return of(offer, true);
    }

    private static Set<MediaType> of(String offer, boolean rejected) {
        Set<MediaType> found = EnumSet.noneOf(MediaType.class);
        try {
            for (MediaDescription m : SessionDescription.parse(offer).media()) {
                if (m.isRejected() == rejected && ("audio".equals(m.media()) || "video".equals(m.media()))) {
                    found.add("video".equals(m.media()) ? MediaType.VIDEO : MediaType.AUDIO);
                }
            }
        } catch (SdpParseException e) {
            return found; // one leg's endpoint took it already, so it parses
        }
        return found;
    }
}
