package org.webims.webrtc.media;

import java.nio.charset.StandardCharsets;
import org.webims.media.pipeline.MediaFormat;
import org.webims.webrtc.sdp.MediaPlan;
import org.webims.webrtc.sdp.SessionPlan;

/** One outbound stream's negotiated header fields, swapped whole on renegotiation. */
record SendConfig(MediaFormat format, int payloadType, int rtxPayloadType, int midExtension, byte[] mid,
        int absSendTimeExtension, int transportCcExtension) {

    /** Null when the plan has us not sending this media type. */
    static SendConfig of(SessionPlan session, MediaPlan plan) {
        if (!plan.sends() || plan.sendFormat().isEmpty()) {
            return null;
        }
        int rtx = plan.sendFeedback("nack") ? plan.sendRtxPayloadType() : -1;
        byte[] mid = plan.mid().getBytes(StandardCharsets.US_ASCII);
        int midExt = mid.length >= 1 && mid.length <= 16 ? session.midExtension() : 0;
        return new SendConfig(plan.sendFormat().get(), plan.sendPayloadType(), rtx, midExt, mid,
                session.absSendTimeExtension(), session.transportCcExtension());
    }
}
