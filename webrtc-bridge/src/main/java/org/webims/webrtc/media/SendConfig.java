package org.webims.webrtc.media;

import java.nio.charset.StandardCharsets;
import org.webims.media.pipeline.MediaFormat;
import org.webims.webrtc.sdp.MediaPlan;
import org.webims.webrtc.sdp.SessionPlan;

/** One outbound stream's negotiated header fields, swapped whole on renegotiation. */
record SendConfig(MediaFormat format, int payloadType, int rtxPayloadType, int midExtension, byte[] mid,
        int absSendTimeExtension, int transportCcExtension, int telephoneEventPayloadType) {

    /** Null when the plan has us not sending this media type. */
    static SendConfig of(SessionPlan session, MediaPlan plan) {
        if (!plan.sends() || plan.sendFormat().isEmpty()) {
            return null;
        }
        int rtx = plan.sendFeedback("nack") ? plan.sendRtxPayloadType() : -1;
        byte[] mid = plan.mid().getBytes(StandardCharsets.US_ASCII);
        int midExt = mid.length >= 1 && mid.length <= 16 ? session.midExtension() : 0;
        return new SendConfig(plan.sendFormat().get(), plan.sendPayloadType(), rtx, midExt, mid,
                session.absSendTimeExtension(), session.transportCcExtension(), telephoneEvent(plan));
    }

    // RFC 4733 §2.1: the telephone-event at the rate of the audio we send, -1 without one
    private static int telephoneEvent(MediaPlan plan) {
        int clock = plan.sendFormat().get().clockRate();
        return plan.receive().values().stream().filter(c -> c.is("telephone-event") && c.clockRate() == clock)
                .mapToInt(c -> c.payloadType()).min().orElse(-1);
    }
}
