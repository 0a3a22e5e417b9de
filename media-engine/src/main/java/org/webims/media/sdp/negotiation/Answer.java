package org.webims.media.sdp.negotiation;

import java.util.List;
import java.util.Optional;

import org.webims.media.sdp.MediaDescription;
import org.webims.media.sdp.Origin;
import org.webims.media.sdp.SessionDescription;

/** Our answer's media sections, one per offered m-line in order, and what each one agreed. */
public record Answer(List<MediaDescription> media, List<NegotiatedMedia> negotiated) {

    public Answer {
        media = List.copyOf(media);
        negotiated = List.copyOf(negotiated);
    }

    /** Whether any m-line was accepted; if not, the offer is answered with 488 (RFC 3261 §13.3.1.1). */
    public boolean anyAccepted() {
        return negotiated.stream().anyMatch(NegotiatedMedia::accepted);
    }

    /** The first refusal, for the Warning of a 488. */
    public Optional<Rejection> firstRejection() {
        return negotiated.stream().flatMap(n -> n.rejection().stream()).findFirst();
    }

    /** A whole description around these media sections (s=-, t=0 0); WebRTC or IMS specifics are added by the caller. */
    public SessionDescription toSessionDescription(Origin origin) {
        SessionDescription.Builder b = SessionDescription.builder(origin);
        media.forEach(b::media);
        return b.build();
    }
}
