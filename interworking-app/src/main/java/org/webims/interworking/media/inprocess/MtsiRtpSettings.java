package org.webims.interworking.media.inprocess;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.webims.ims.profile.CarrierProfile;
import org.webims.media.endpoint.rtp.RtpEndpointSettings;
import org.webims.media.endpoint.rtp.RtpEndpointSettings.RtpProfile;
import org.webims.media.sdp.bandwidth.SdpBandwidths;
import org.webims.media.sdp.negotiation.CodecCapability;
import org.webims.media.sdp.negotiation.CodecPreference;

/**
 * The IMS leg's RTP endpoint as TS 26.114 (MTSI) profiles it: AMR-WB offered twice, bandwidth-
 * efficient first and octet-aligned (§6.2.2.2, Annex A.1), with mode-change-capability=2 and
 * max-red=220; telephone-event at 16 kHz (RFC 4733, §6.2.3); H.264 Constrained Baseline; plain
 * RTP/AVP without rtcp-mux, ICE or BUNDLE; one codec per m-line in answers; b=AS per m-line with
 * b=RS/b=RR (§6.2.5): audio from the AMR-WB modes offered with IP/UDP/RTP overhead, video at
 * {@link SdpBandwidths#MTSI_VIDEO_KBPS}.
 * A stand-in until ims-profiles' MTSI capabilities are on main; ptime/maxptime are not written
 * (RtpEndpointSettings has no field for them yet).
 */
public final class MtsiRtpSettings {
    private static final Pattern MEDIA_LINE = Pattern.compile("(?m)^m=(audio|video) (\\d+)");

    private MtsiRtpSettings() {
    }

    /**
     * The IMS leg for a call whose first offer (from either side) is {@code offer}: the media it
     * carries with a non-zero port (RFC 3264 §5.1), audio when it has neither.
     */
    public static RtpEndpointSettings forFirstOffer(String offer) {
        return forFirstOffer(offer, SdpBandwidths.mtsi(SdpBandwidths.MTSI_VIDEO_KBPS));
    }

    /** As {@link #forFirstOffer(String)}, with the b= lines a carrier profile sets. */
    public static RtpEndpointSettings forFirstOffer(String offer, SdpBandwidths bandwidths) {
        return forFirstOfferMedia(offer).withBandwidths(bandwidths);
    }

    /** The carrier profile's b= lines (TS 26.114 §6.2.5), TS 26.114's defaults without a profile. */
    public static SdpBandwidths bandwidths(CarrierProfile profile) {
        return profile == null ? SdpBandwidths.mtsi(SdpBandwidths.MTSI_VIDEO_KBPS) : profile.media().bandwidths();
    }

    private static RtpEndpointSettings forFirstOfferMedia(String offer) {
        boolean audio = false;
        boolean video = false;
        Matcher m = MEDIA_LINE.matcher(offer);
        while (m.find()) {
            if (!m.group(2).equals("0")) {
                audio |= m.group(1).equals("audio");
                video |= m.group(1).equals("video");
            }
        }
        return forImsLeg(audio || !video, video);
    }

    public static RtpEndpointSettings forImsLeg(boolean audio, boolean video) {
        List<CodecCapability> audioCodecs = List.of(
                CodecCapability.of("AMR-WB", 16000).withParameter("mode-change-capability", "2")
                        .withParameter("max-red", "220"),
                CodecCapability.of("AMR-WB", 16000).withParameter("octet-align", "1")
                        .withParameter("mode-change-capability", "2").withParameter("max-red", "220"),
                CodecCapability.of("telephone-event", 16000).withParameter("0-15", ""));
        List<CodecCapability> videoCodecs = List.of(
                CodecCapability.of("H264", 90000).withParameter("profile-level-id", "42e01f")
                        .withParameter("packetization-mode", "1")
                        .withFeedback("nack", "nack pli", "ccm fir", "ccm tmmbr"));
        return RtpEndpointSettings.defaults().withAudioCodecs(audioCodecs).withVideoCodecs(videoCodecs)
                .withProfile(RtpProfile.AVP).withRtcpMux(false).withOfferedMedia(audio, video)
                .withCodecChoice(CodecPreference.OFFERER, true).withBandwidths(SdpBandwidths.mtsi(SdpBandwidths.MTSI_VIDEO_KBPS));
    }
}
