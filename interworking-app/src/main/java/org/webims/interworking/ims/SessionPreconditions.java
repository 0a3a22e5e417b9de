package org.webims.interworking.ims;

import java.util.ArrayList;
import java.util.List;
import org.webims.ims.mtsi.QosPreconditions;
import org.webims.media.sdp.MediaDescription;
import org.webims.media.sdp.Precondition.Direction;
import org.webims.media.sdp.SdpParseException;
import org.webims.media.sdp.SessionDescription;

/**
 * The qos preconditions of the IMS leg's session (RFC 3312, segmented as TS 24.229 §6.1.2 has
 * it): ims-profiles' {@link QosPreconditions} for each accepted m-line, written into the SDP we
 * send toward the IMS and fed from the SDP the IMS side sends. Our "local" segment is the AS's
 * side of the call, the web leg included. Not thread-safe: used on the call's own executor.
 */
public final class SessionPreconditions {
    /** The option tag of RFC 3312 §11. */
    public static final String OPTION_TAG = "precondition";

    /** Per m-line, in order; null for an m-line without preconditions (rejected, or not offered with them). */
    private final List<QosPreconditions> streams;

    private SessionPreconditions(List<QosPreconditions> streams) {
        this.streams = streams;
    }

    /** For our offer toward the IMS: mandatory sendrecv on both segments of every accepted stream, none reserved. */
    public static SessionPreconditions forOffer(String offer) throws SdpParseException {
        List<QosPreconditions> streams = new ArrayList<>();
        for (MediaDescription m : SessionDescription.parse(offer).media()) {
            streams.add(m.isRejected() ? null : QosPreconditions.forOffer());
        }
        return new SessionPreconditions(streams);
    }

    /** For answering an IMS offer with preconditions (RFC 3312 §6): only its streams that carry them. */
    public static SessionPreconditions forAnswer(String offer) throws SdpParseException {
        List<QosPreconditions> streams = new ArrayList<>();
        for (MediaDescription m : SessionDescription.parse(offer).media()) {
            streams.add(!m.isRejected() && QosPreconditions.present(m) ? QosPreconditions.forAnswer(m) : null);
        }
        return new SessionPreconditions(streams);
    }

    /** Whether an SDP carries qos precondition attributes on any m-line (RFC 3312 §5). */
    public static boolean offered(String sdp) {
        try {
            return SessionDescription.parse(sdp).media().stream().anyMatch(QosPreconditions::present);
        } catch (SdpParseException e) {
            return false; // the media control refuses it with its own Warning
        }
    }

    /**
     * Our segment is reserved in both directions. The AS has no access bearer to reserve, and a
     * browser's ICE/DTLS is best effort with nothing to reserve either, so this is called as soon
     * as the media path through the AS exists: when the IMS side's answer (or offer) is taken.
     */
    public void localReserved() {
        for (QosPreconditions q : streams) {
            if (q != null) {
                q.localReserved(Direction.SENDRECV);
            }
        }
    }

    /** Takes in the status the IMS side wrote in an SDP (an answer, an UPDATE, a PRACK). */
    public void update(String peerSdp) throws SdpParseException {
        List<MediaDescription> media = SessionDescription.parse(peerSdp).media();
        for (int i = 0; i < streams.size() && i < media.size(); i++) {
            QosPreconditions q = streams.get(i);
            if (q != null && !media.get(i).isRejected()) {
                q.update(media.get(i));
            }
        }
    }

    /** RFC 3312 §5: every stream's mandatory segments are reserved. */
    public boolean met() {
        return streams.stream().allMatch(q -> q == null || q.met());
    }

    /** RFC 3312 §5.1: the IMS side said its preconditions cannot be met (a=des with strength failure). */
    public boolean failed() {
        return streams.stream().anyMatch(q -> q != null && q.failed());
    }

    /** Our SDP with each stream's a=curr/a=des/a=conf lines replaced by our present status. */
    public String applyTo(String sdp) throws SdpParseException {
        return rewrite(SessionDescription.parse(sdp), false);
    }

    /**
     * A new description of the same session carrying our present status (an UPDATE's offer or
     * answer, RFC 3311): the media unchanged, the o= version raised (RFC 3264 §8).
     */
    public String nextVersionOf(String sdp) throws SdpParseException {
        return rewrite(SessionDescription.parse(sdp), true);
    }

    private String rewrite(SessionDescription sdp, boolean nextVersion) {
        SessionDescription.Builder b = sdp.toBuilder().clearMedia();
        if (nextVersion) {
            b.origin(sdp.origin().nextVersion());
        }
        List<MediaDescription> media = sdp.media();
        for (int i = 0; i < media.size(); i++) {
            QosPreconditions q = i < streams.size() ? streams.get(i) : null;
            MediaDescription m = media.get(i);
            b.media(q == null || m.isRejected() ? m : q.applyTo(m));
        }
        return b.build().toString();
    }
}
