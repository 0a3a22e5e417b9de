package org.webims.media.endpoint.rtp;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.webims.media.rtp.session.RemotePeerFilter;
import org.webims.media.sdp.Crypto;
import org.webims.media.sdp.bandwidth.SdpBandwidths;
import org.webims.media.sdp.negotiation.CodecCapability;
import org.webims.media.sdp.negotiation.CodecPreference;

/**
 * What an RTP endpoint offers and accepts, and how it behaves on the wire. Codecs are listed in
 * preference order; an IMS profile replaces them (MTSI: AMR-WB, H.264, single codec).
 *
 * @param audioCodecs     audio codecs, telephone-event included
 * @param videoCodecs     video codecs
 * @param offerAudio      whether our offers carry an audio m-line
 * @param offerVideo      whether our offers carry a video m-line
 * @param profile         the RTP profile of our offers; answers take what the offer names
 * @param cryptoSuites    SDES suites (RFC 4568) offered and accepted; empty refuses RTP/SAVP(F)
 * @param rtcpMux         offer rtcp-mux and accept it (RFC 5761); RTP+1 is bound either way
 * @param peerFilter      STRICT accepts only the negotiated address; LATCH the first after negotiation
 * @param rtcpInterval    the RFC 3550 §6.2 reporting interval before randomisation (5 s)
 * @param keyframeRequestInterval the least time between two PLI/FIR we send (rate limit)
 * @param forwardDtmf     pass received telephone-events on to the audio source pad as packets
 * @param preference      whose codec order an answer follows
 * @param singleCodec     answer with one codec per m-line (plus telephone-event), TS 26.114 style
 * @param maxVideoBitrate the most video we take from the peer (bits/s): the REMB or TMMBR that
 *                        lifts a limit once no consumer holds one (neither has a "no limit")
 * @param bandwidths      the b= lines our descriptions carry and the bound on what we send
 *                        (none by default; an MTSI leg's per TS 26.114 §6.2.5)
 */
public record RtpEndpointSettings(List<CodecCapability> audioCodecs, List<CodecCapability> videoCodecs,
        boolean offerAudio, boolean offerVideo, RtpProfile profile, List<String> cryptoSuites, boolean rtcpMux,
        RemotePeerFilter.Mode peerFilter, Duration rtcpInterval, Duration keyframeRequestInterval,
        boolean forwardDtmf, CodecPreference preference, boolean singleCodec, long maxVideoBitrate,
        SdpBandwidths bandwidths) {

    /** The RTP profiles of RFC 3551, RFC 4585, RFC 3711 and RFC 5124, as SDP names them. */
    public enum RtpProfile {
        AVP("RTP/AVP"), AVPF("RTP/AVPF"), SAVP("RTP/SAVP"), SAVPF("RTP/SAVPF");

        private final String proto;

        RtpProfile(String proto) { this.proto = proto; }

        public String proto() { return proto; }

        public boolean secure() { return this == SAVP || this == SAVPF; }
    }

    /** RTCP feedback our video codecs declare: RFC 4585 §4.2, RFC 5104 §7.1, REMB. */
    public static final List<String> VIDEO_FEEDBACK = List.of("nack", "nack pli", "ccm fir", "ccm tmmbr", "goog-remb");

    /** As the WebRtcEndpoint's REMB ceiling: above 720p30 at typical rates. */
    public static final long DEFAULT_MAX_VIDEO_BITRATE = 2_500_000;

    public RtpEndpointSettings {
        audioCodecs = List.copyOf(audioCodecs);
        videoCodecs = List.copyOf(videoCodecs);
        cryptoSuites = List.copyOf(cryptoSuites);
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(peerFilter, "peerFilter");
        Objects.requireNonNull(preference, "preference");
        Objects.requireNonNull(bandwidths, "bandwidths");
        if (rtcpInterval.isNegative() || rtcpInterval.isZero() || keyframeRequestInterval.isNegative()) {
            throw new IllegalArgumentException("rtcpInterval must be positive, keyframeRequestInterval not negative");
        }
        if (maxVideoBitrate < 10_000) {
            throw new IllegalArgumentException("maxVideoBitrate must be at least 10 kbit/s: " + maxVideoBitrate);
        }
        if (profile.secure() && cryptoSuites.isEmpty()) {
            throw new IllegalArgumentException(profile.proto() + " needs at least one crypto suite");
        }
    }

    /**
     * Opus, AMR-WB octet-aligned and bandwidth-efficient, telephone-event at both clock rates;
     * VP8 and H.264 constrained baseline 3.1 packetization-mode 1, each with rtx (RFC 4588) under
     * AVPF for the retransmissions NACKs ask for; RTP/AVPF as Kurento offers;
     * SDES suites AES_CM_128_HMAC_SHA1_80 and _32 for when RTP/SAVP(F) is used; strict peer filter.
     */
    public static RtpEndpointSettings defaults() {
        List<CodecCapability> audio = List.of(
                CodecCapability.of("opus", 48000, 2).withParameter("minptime", "10")
                        .withParameter("useinbandfec", "1"),
                CodecCapability.of("AMR-WB", 16000).withParameter("octet-align", "1"),
                CodecCapability.of("AMR-WB", 16000),
                CodecCapability.of("telephone-event", 48000).withParameter("0-15", ""),
                CodecCapability.of("telephone-event", 16000).withParameter("0-15", ""));
        List<CodecCapability> video = List.of(
                CodecCapability.of("VP8", 90000).withFeedback(VIDEO_FEEDBACK.toArray(String[]::new)),
                CodecCapability.of("H264", 90000).withParameter("profile-level-id", "42e01f")
                        .withParameter("packetization-mode", "1")
                        .withFeedback(VIDEO_FEEDBACK.toArray(String[]::new)),
                CodecCapability.of("rtx", 90000));
        return new RtpEndpointSettings(audio, video, true, true, RtpProfile.AVPF,
                List.of(Crypto.AES_CM_128_HMAC_SHA1_80, Crypto.AES_CM_128_HMAC_SHA1_32), true,
                RemotePeerFilter.Mode.STRICT, Duration.ofSeconds(5), Duration.ofMillis(500), false,
                CodecPreference.OFFERER, false, DEFAULT_MAX_VIDEO_BITRATE, SdpBandwidths.NONE_WRITTEN);
    }

    public RtpEndpointSettings withAudioCodecs(List<CodecCapability> codecs) {
        return new RtpEndpointSettings(codecs, videoCodecs, offerAudio, offerVideo, profile, cryptoSuites, rtcpMux,
                peerFilter, rtcpInterval, keyframeRequestInterval, forwardDtmf, preference, singleCodec, maxVideoBitrate, bandwidths);
    }

    public RtpEndpointSettings withVideoCodecs(List<CodecCapability> codecs) {
        return new RtpEndpointSettings(audioCodecs, codecs, offerAudio, offerVideo, profile, cryptoSuites, rtcpMux,
                peerFilter, rtcpInterval, keyframeRequestInterval, forwardDtmf, preference, singleCodec, maxVideoBitrate, bandwidths);
    }

    public RtpEndpointSettings withOfferedMedia(boolean audio, boolean video) {
        return new RtpEndpointSettings(audioCodecs, videoCodecs, audio, video, profile, cryptoSuites, rtcpMux,
                peerFilter, rtcpInterval, keyframeRequestInterval, forwardDtmf, preference, singleCodec, maxVideoBitrate, bandwidths);
    }

    public RtpEndpointSettings withProfile(RtpProfile value) {
        return new RtpEndpointSettings(audioCodecs, videoCodecs, offerAudio, offerVideo, value, cryptoSuites, rtcpMux,
                peerFilter, rtcpInterval, keyframeRequestInterval, forwardDtmf, preference, singleCodec, maxVideoBitrate, bandwidths);
    }

    public RtpEndpointSettings withCryptoSuites(String... suites) {
        return new RtpEndpointSettings(audioCodecs, videoCodecs, offerAudio, offerVideo, profile, List.of(suites),
                rtcpMux, peerFilter, rtcpInterval, keyframeRequestInterval, forwardDtmf, preference, singleCodec, maxVideoBitrate, bandwidths);
    }

    public RtpEndpointSettings withRtcpMux(boolean value) {
        return new RtpEndpointSettings(audioCodecs, videoCodecs, offerAudio, offerVideo, profile, cryptoSuites, value,
                peerFilter, rtcpInterval, keyframeRequestInterval, forwardDtmf, preference, singleCodec, maxVideoBitrate, bandwidths);
    }

    public RtpEndpointSettings withPeerFilter(RemotePeerFilter.Mode value) {
        return new RtpEndpointSettings(audioCodecs, videoCodecs, offerAudio, offerVideo, profile, cryptoSuites,
                rtcpMux, value, rtcpInterval, keyframeRequestInterval, forwardDtmf, preference, singleCodec, maxVideoBitrate, bandwidths);
    }

    public RtpEndpointSettings withRtcpInterval(Duration value) {
        return new RtpEndpointSettings(audioCodecs, videoCodecs, offerAudio, offerVideo, profile, cryptoSuites,
                rtcpMux, peerFilter, value, keyframeRequestInterval, forwardDtmf, preference, singleCodec, maxVideoBitrate, bandwidths);
    }

    public RtpEndpointSettings withKeyframeRequestInterval(Duration value) {
        return new RtpEndpointSettings(audioCodecs, videoCodecs, offerAudio, offerVideo, profile, cryptoSuites,
                rtcpMux, peerFilter, rtcpInterval, value, forwardDtmf, preference, singleCodec, maxVideoBitrate, bandwidths);
    }

    public RtpEndpointSettings withForwardDtmf(boolean value) {
        return new RtpEndpointSettings(audioCodecs, videoCodecs, offerAudio, offerVideo, profile, cryptoSuites,
                rtcpMux, peerFilter, rtcpInterval, keyframeRequestInterval, value, preference, singleCodec, maxVideoBitrate, bandwidths);
    }

    public RtpEndpointSettings withCodecChoice(CodecPreference value, boolean single) {
        return new RtpEndpointSettings(audioCodecs, videoCodecs, offerAudio, offerVideo, profile, cryptoSuites,
                rtcpMux, peerFilter, rtcpInterval, keyframeRequestInterval, forwardDtmf, value, single, maxVideoBitrate, bandwidths);
    }

    public RtpEndpointSettings withMaxVideoBitrate(long value) {
        return new RtpEndpointSettings(audioCodecs, videoCodecs, offerAudio, offerVideo, profile, cryptoSuites,
                rtcpMux, peerFilter, rtcpInterval, keyframeRequestInterval, forwardDtmf, preference, singleCodec, value, bandwidths);
    }

    public RtpEndpointSettings withBandwidths(SdpBandwidths value) {
        return new RtpEndpointSettings(audioCodecs, videoCodecs, offerAudio, offerVideo, profile, cryptoSuites,
                rtcpMux, peerFilter, rtcpInterval, keyframeRequestInterval, forwardDtmf, preference, singleCodec,
                maxVideoBitrate, value);
    }
}
