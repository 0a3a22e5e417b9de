package org.webims.interworking.media;

/**
 * Told when a call's media is gone for good (its media node died, its connection to the node
 * closed and could not be resumed), so the call ends both legs. Called at most once per call, on
 * the media control's thread: an implementation hands the work to the call's own context and
 * returns at once.
 */
@FunctionalInterface
public interface MediaLossListener {

    /** For calls that need no notice (the in-process media lives and dies with the application). */
    MediaLossListener IGNORE = reason -> { };

    /** The Reason text for {@link #consentExpired}, in process and on media nodes alike. */
    String CONSENT_EXPIRED = "The browser's ICE consent expired (RFC 7675)";

    /** @param reason a short text for the Reason header (RFC 3326), e.g. {@code media node lost} */
    void mediaLost(String reason);

    /**
     * The browser ended the web leg on purpose (decision 0091: its DTLS close_notify, or an RTCP BYE
     * in each of its media types), so the call ends as a hang-up, not a failure.
     *
     * @param how a short text for the Reason header
     */
    default void browserLeft(String how) {
        mediaLost(how);
    }

    /**
     * The browser's ICE consent expired with the web leg up (RFC 7675 §5.1: no valid connectivity check
     * within the consent timeout; decision 0093): its network is gone, though its WebSocket may linger.
     *
     * @param text a short text for the Reason header
     */
    default void consentExpired(String text) {
        mediaLost(text);
    }
}
