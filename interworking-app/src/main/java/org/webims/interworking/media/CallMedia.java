package org.webims.interworking.media;

import java.nio.file.Path;
import org.webims.ims.profile.Leg;
import org.webims.media.recording.ContainerProfile;

/**
 * The media of one call: a web leg (WebRTC: ICE-lite, DTLS-SRTP, BUNDLE) and an IMS leg (MTSI
 * RTP) joined both ways, transcoded where their codecs differ. Each leg is negotiated by RFC 3264
 * offer/answer; an offer on one side becomes an offer on the other, and the other side's answer
 * gives back the answer to the first. A refused description throws {@link SdpRejectedException}
 * and leaves the call as it was. The same pairs serve re-offers in an established call (re-INVITE,
 * UPDATE): an offer's a=sendonly/recvonly/inactive (RFC 3264 §8.4, hold and resume) is carried
 * into the offer made for the other side.
 */
public interface CallMedia {

    /** The web user's offer; returns the offer to send toward the IMS. */
    String webOffer(String webSdp) throws SdpRejectedException;

    /** The IMS answer to {@link #webOffer}'s result; returns the answer for the web user. */
    String imsAnswer(String imsSdp) throws SdpRejectedException;

    /** An offer from the IMS; returns the offer to send to the web user. */
    String imsOffer(String imsSdp) throws SdpRejectedException;

    /** The web user's answer to {@link #imsOffer}'s result; returns the answer for the IMS. */
    String webAnswer(String webSdp) throws SdpRejectedException;

    /**
     * The answer the pending offer will get, before the other side has answered: an IMS offer
     * with preconditions is answered in a 183 before the web user is alerted (RFC 3312 §5.1).
     * The later answer call returns this same answer.
     *
     * @throws IllegalStateException when no offer is pending
     */
    String answerInProgress();

    /**
     * Records what the party on {@code leg} sends into {@code file} (its folder must exist), in
     * {@code container}, from now until {@link #release()}, which finalizes the file.
     */
    void record(Leg leg, Path file,
                ContainerProfile container) throws MediaUnavailableException;

    /**
     * Sends a digit the web user signalled (SIP INFO) to the IMS party as RFC 4733
     * telephone-events; false when the IMS leg negotiated none (or has no media yet). Digits the
     * browser sends as telephone-events pass through the media without this.
     *
     * @throws IllegalArgumentException for a character that is no DTMF digit or a duration out of 1..8000 ms
     */
    default boolean sendDtmfToIms(char digit, int durationMs) {
        return false;
    }

    /** Who hears each of the IMS party's digits, to pass it to the web user as INFO too. */
    default void onImsDtmf(ImsDtmfListener listener) {
    }

    /** Frees both legs and their ports; idempotent. */
    void release();
}
