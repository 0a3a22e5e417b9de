package org.webims.interworking.media;

import org.webims.media.endpoint.recorder.RecordingProfile;
import org.webims.media.recording.ContainerProfile;
import org.webims.media.sdp.Direction;
import org.webims.media.sdp.MediaDescription;
import org.webims.media.sdp.SdpParseException;
import org.webims.media.sdp.SessionDescription;

/**
 * The recording profile of one call leg: the profiled container, with a video track only when the
 * leg's negotiation left video flowing, in both its local and remote description (a recorder with
 * both tracks waits for both, so an audio-only call records audio only).
 */
public final class LegRecordings {
    private LegRecordings() {
    }

    /** The profile for {@code container} with audio, and video when both descriptions have an active video stream. */
    public static RecordingProfile profile(ContainerProfile container, String localSdp, String remoteSdp) {
        boolean video = hasVideo(localSdp) && hasVideo(remoteSdp);
        return switch (container) {
            case WEBM -> video ? RecordingProfile.WEBM : RecordingProfile.WEBM_AUDIO_ONLY;
            case MP4 -> video ? RecordingProfile.MP4 : RecordingProfile.MP4_AUDIO_ONLY;
            case MKV -> video ? RecordingProfile.MKV : RecordingProfile.MKV_AUDIO_ONLY;
        };
    }

    static boolean hasVideo(String sdp) {
        if (sdp == null || sdp.isEmpty()) {
            return false;
        }
        try {
            SessionDescription d = SessionDescription.parse(sdp);
            for (MediaDescription m : d.media()) {
                if ("video".equals(m.media()) && !m.isRejected() && d.directionOf(m) != Direction.INACTIVE) {
                    return true;
                }
            }
            return false;
        } catch (SdpParseException e) {
            return false; // the endpoint wrote it; audio alone is the safe choice
        }
    }
}
