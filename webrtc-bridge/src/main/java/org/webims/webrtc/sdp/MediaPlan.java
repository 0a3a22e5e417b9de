package org.webims.webrtc.sdp;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.webims.media.pipeline.MediaFormat;
import org.webims.media.pipeline.MediaType;
import org.webims.media.sdp.Direction;
import org.webims.media.sdp.negotiation.NegotiatedCodec;
import org.webims.media.sdp.negotiation.NegotiatedMedia;

/**
 * What one accepted m-line means for the media path: our direction, the format and payload type
 * we send (with its rtx payload type, -1 without), the feedback the browser accepts for it, and
 * every payload type that may arrive, as a pipeline format.
 */
public record MediaPlan(MediaType type, String mid, Direction direction, Optional<MediaFormat> sendFormat,
        int sendPayloadType, int sendRtxPayloadType, List<String> sendFeedback,
        Map<Integer, NegotiatedCodec> receive) {

    public MediaPlan {
        sendFeedback = List.copyOf(sendFeedback);
        receive = Map.copyOf(receive);
    }

    static MediaPlan of(NegotiatedMedia n) throws WebRtcSdpException {
        MediaType type = switch (n.media()) {
            case "audio" -> MediaType.AUDIO;
            case "video" -> MediaType.VIDEO;
            default -> throw new WebRtcSdpException("m=" + n.media() + " is not audio or video");
        };
        NegotiatedCodec send = n.sendCodec().orElseThrow();
        int rtx = n.rtxPayloadType();
        Map<Integer, NegotiatedCodec> receive = new java.util.HashMap<>();
        for (NegotiatedCodec c : n.receiveCodecs()) {
            receive.put(c.payloadType(), c);
        }
        return new MediaPlan(type, n.mid().orElse(""), n.direction(), Optional.of(format(type, send)),
                send.payloadType(), rtx, send.rtcpFeedback(), receive);
    }

    /** A negotiated codec as the pipeline names it. */
    public static MediaFormat format(MediaType type, NegotiatedCodec c) {
        return MediaFormat.of(type, c.encodingName(), c.clockRate(), c.channels(), c.parameters());
    }

    public boolean sends() {
        return direction.sends();
    }

    public boolean receives() {
        return direction.receives();
    }

    public boolean sendFeedback(String feedback) {
        return sendFeedback.contains(feedback);
    }
}
