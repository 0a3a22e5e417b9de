package org.webims.ims.profile;

import java.util.Objects;
import java.util.Optional;

import org.webims.media.sdp.bandwidth.SdpBandwidths;
import org.webims.media.sdp.negotiation.H264ProfileLevelId;

/**
 * The media offered toward IMS (TS 26.114): the RTP profile (RTP/AVP or RTP/AVPF), AMR-WB (always),
 * AMR-NB (optional), telephone-event at 8000 Hz besides 16000 Hz, and H.264 Constrained Baseline
 * at a profile-level-id (no video when absent), and the b= lines of the IMS leg's descriptions
 * (TS 26.114 §6.2.5: b=AS per m-line, b=RS/b=RR).
 */
public record MediaPolicy(String transport, AmrPolicy amrWb, Optional<AmrPolicy> amrNb, boolean telephoneEvent8000,
        Optional<H264ProfileLevelId> h264, SdpBandwidths bandwidths) {

    public MediaPolicy {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(amrWb, "amrWb");
        Objects.requireNonNull(amrNb, "amrNb");
        Objects.requireNonNull(h264, "h264");
        Objects.requireNonNull(bandwidths, "bandwidths");
    }

    public boolean video() {
        return h264.isPresent();
    }
}
