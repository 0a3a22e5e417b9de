package org.webims.interworking.media;

/**
 * How the interworking application reaches media: one {@link CallMedia} per call, joining the
 * web leg (WebRTC) and the IMS leg (MTSI RTP). The host process supplies the implementation
 * through the ServletContext attribute {@link #ATTRIBUTE}: in-process over the gateway's media
 * node, or remote media nodes driven over the Kurento protocol. The application sees only SDP text.
 */
public interface MediaControl {

    /** The ServletContext attribute the host process shares the media control under. */
    String ATTRIBUTE = "org.webims.interworking.media.MediaControl";

    /**
     * Media for a new call, both legs unnegotiated; fails when no media node can take it.
     * {@code onLoss} hears if the call's media is lost later (a remote node died).
     */
    CallMedia createCall(MediaLossListener onLoss) throws MediaUnavailableException;

    /** Media for a call that ends by itself if its media is lost; prefer {@link #createCall(MediaLossListener)}. */
    default CallMedia createCall() throws MediaUnavailableException {
        return createCall(MediaLossListener.IGNORE);
    }
}
