package org.webims.interworking.media;

/**
 * How the interworking application reaches media: one {@link CallMedia} per call, joining the
 * web leg (WebRTC) and the IMS leg (MTSI RTP). The host process supplies the implementation
 * through the ServletContext attribute {@link #ATTRIBUTE}: in-process over the gateway's media
 * node today, a remote media node (Kurento protocol) later. The application sees only SDP text.
 */
public interface MediaControl {

    /** The ServletContext attribute the host process shares the media control under. */
    String ATTRIBUTE = "org.webims.interworking.media.MediaControl";

    /** Media for a new call, both legs unnegotiated; fails when the media node is at its limit. */
    CallMedia createCall() throws MediaUnavailableException;
}
