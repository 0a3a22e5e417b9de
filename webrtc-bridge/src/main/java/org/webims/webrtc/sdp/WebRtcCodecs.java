package org.webims.webrtc.sdp;

import java.util.ArrayList;
import java.util.List;
import org.webims.media.sdp.Direction;
import org.webims.media.sdp.negotiation.CodecCapability;
import org.webims.media.sdp.negotiation.MediaCapabilities;

/**
 * What a WebRTC endpoint offers and accepts (issue 5): Opus and telephone-event; VP8 and H.264
 * constrained baseline packetization-mode 1, with rtx; the RTCP feedback and header extensions
 * Chrome uses; always UDP/TLS/RTP/SAVPF with rtcp-mux (RFC 8834 §4.5) and rtcp-rsize.
 */
public final class WebRtcCodecs {

    public static final String PROTO = "UDP/TLS/RTP/SAVPF";
    /** RFC 9143 §14.1: the mid header extension that ties a packet to its m-line. */
    public static final String MID_URI = "urn:ietf:params:rtp-hdrext:sdes:mid";
    public static final String ABS_SEND_TIME_URI = "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time";
    public static final String TRANSPORT_CC_URI =
            "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01";
    static final String[] VIDEO_FEEDBACK = {"goog-remb", "transport-cc", "ccm fir", "nack", "nack pli"};

    private WebRtcCodecs() {
    }

    public static MediaCapabilities audio(Direction direction) {
        List<CodecCapability> codecs = List.of(
                CodecCapability.of("opus", 48000, 2).withParameter("minptime", "10")
                        .withParameter("useinbandfec", "1").withFeedback("transport-cc").withPayloadType(111),
                CodecCapability.of("telephone-event", 48000).withParameter("0-15", "").withPayloadType(110));
        return capabilities("audio", codecs, direction);
    }

    public static MediaCapabilities video(Direction direction) {
        List<CodecCapability> codecs = new ArrayList<>();
        codecs.add(CodecCapability.of("VP8", 90000).withFeedback(VIDEO_FEEDBACK).withPayloadType(96));
        codecs.add(CodecCapability.of("H264", 90000).withParameter("level-asymmetry-allowed", "1")
                .withParameter("packetization-mode", "1").withParameter("profile-level-id", "42e01f")
                .withFeedback(VIDEO_FEEDBACK).withPayloadType(102));
        codecs.add(CodecCapability.of("rtx", 90000));
        return capabilities("video", codecs, direction);
    }

    private static MediaCapabilities capabilities(String media, List<CodecCapability> codecs, Direction direction) {
        return MediaCapabilities.of(media, codecs).withProtocols(PROTO).withDirection(direction)
                .withRtcpMux(true, true).withExtensions(MID_URI, ABS_SEND_TIME_URI, TRANSPORT_CC_URI);
    }
}
