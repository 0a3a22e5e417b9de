package org.webims.interworking.media;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.webims.media.sdp.Direction;
import org.webims.media.sdp.MediaDescription;
import org.webims.media.sdp.SdpParseException;
import org.webims.media.sdp.SessionDescription;

/**
 * Carries a hold across the call: the offer one leg's endpoint writes toward its party (always
 * sendrecv) takes the directions of the other party's offer that caused it, where they are not
 * sendrecv (RFC 3264 §8.4: sendonly or inactive holds, sendrecv resumes). The answer to it then
 * sets the leg's direction.
 */
public final class OfferDirections {

    private OfferDirections() {
    }

    /**
     * {@code offer} with, per medium, the direction {@code cause} gives it when that is not
     * sendrecv. With {@code inactiveWhereNotCarried}, while {@code cause} holds, a medium it does
     * not carry (video on an audio-only IMS call) becomes inactive: left sendrecv, a browser sees an
     * active stream and no hold. Unchanged when {@code cause} holds nothing.
     */
    public static String carry(String offer, String cause, boolean inactiveWhereNotCarried) {
        try {
            SessionDescription causing = SessionDescription.parse(cause);
            Map<String, Direction> held = new HashMap<>();
            Set<String> carried = new HashSet<>();
            for (MediaDescription m : causing.media()) {
                if (m.isRejected()) {
                    continue;
                }
                carried.add(m.media());
                Direction d = causing.directionOf(m);
                if (d != Direction.SENDRECV) {
                    held.put(m.media(), d);
                }
            }
            if (held.isEmpty()) {
                return offer;
            }
            SessionDescription ours = SessionDescription.parse(offer);
            SessionDescription.Builder b = ours.toBuilder().clearMedia();
            for (MediaDescription m : ours.media()) {
                Direction d = held.get(m.media());
                if (d == null && inactiveWhereNotCarried && !carried.contains(m.media())) {
                    d = Direction.INACTIVE;
                }
                b.media(d == null ? m : m.toBuilder().direction(d).build());
            }
            return b.build().toString();
        } catch (SdpParseException e) {
            return offer; // both were made or accepted by the endpoints, so they parse
        }
    }
}
