package org.webims.media.sdp.bandwidth;

/**
 * Which b= lines (RFC 8866 §5.8) our descriptions carry on each m-line, as an MTSI profile
 * (TS 26.114 §6.2.5) and Kurento's SdpEndpoint/BaseRtpEndpoint properties set them, and the bounds
 * on what we send. Rates in kbit/s as Kurento's properties are; 0 is "none".
 *
 * @param audioFromCodecs  audio b=AS from the highest rate of the codecs on the m-line plus IP/UDP/RTP
 *                         overhead at 20 ms ({@link ReceiveBandwidth#audioKbps})
 * @param maxAudioRecvKbps Kurento maxAudioRecvBandwidth: audio b=AS (the lower one with audioFromCodecs)
 * @param maxVideoRecvKbps Kurento maxVideoRecvBandwidth: video b=AS, with b=TIAS beside it
 * @param rtcpSenderBps    b=RS in bit/s (RFC 3556 §2); {@link #NONE} not written, {@link #RFC3556_SHARE} its default share
 * @param rtcpReceiverBps  b=RR likewise
 * @param minVideoRecvKbps Kurento minVideoRecvBandwidth: the least REMB a WebRtcEndpoint sends the browser
 * @param minVideoSendKbps Kurento minVideoSendBandwidth: the floor under a REMB/TMMBR/send-side estimate of
 *                         what we send (the far end's own b= still wins)
 * @param maxVideoSendKbps Kurento maxVideoSendBandwidth: the most video we send, under the far end's own b=
 */
public record SdpBandwidths(boolean audioFromCodecs, int maxAudioRecvKbps, int maxVideoRecvKbps,
        long rtcpSenderBps, long rtcpReceiverBps, int minVideoRecvKbps, int minVideoSendKbps, int maxVideoSendKbps) {

    /** No b=RS or b=RR line. */
    public static final long NONE = -1;
    /** RFC 3556 §2: RS 1.25 % and RR 3.75 % of the m-line's AS, RFC 3550 §6.2's 5 % split as if no line were there. */
    public static final long RFC3556_SHARE = -2;

    /** No b= lines and no send bound: what our descriptions were before. */
    public static final SdpBandwidths NONE_WRITTEN = new SdpBandwidths(false, 0, 0, NONE, NONE, 0, 0, 0);

    public SdpBandwidths {
        if (maxAudioRecvKbps < 0 || maxVideoRecvKbps < 0 || minVideoRecvKbps < 0 || minVideoSendKbps < 0
                || maxVideoSendKbps < 0) {
            throw new IllegalArgumentException("a bandwidth in kbit/s must not be negative");
        }
        if (rtcpSenderBps < RFC3556_SHARE || rtcpReceiverBps < RFC3556_SHARE) {
            throw new IllegalArgumentException("b=RS/b=RR must be a rate in bit/s, NONE or RFC3556_SHARE");
        }
    }

    /**
     * An IMS leg's video b=AS unless a carrier profile says otherwise: our own encoder's 720p rate
     * (2 Mbit/s, decision 0077), well inside H.264 level 3.1's 14 Mbit/s (Table A-1).
     */
    public static final int MTSI_VIDEO_KBPS = 2000;

    /** TS 26.114 §6.2.5 on an IMS leg: audio b=AS from the codecs, RS/RR at RFC 3556's shares. */
    public static SdpBandwidths mtsi(int videoKbps) {
        return new SdpBandwidths(true, 0, videoKbps, RFC3556_SHARE, RFC3556_SHARE, 0, 0, 0);
    }

    public SdpBandwidths withMaxAudioRecvKbps(int value) {
        return new SdpBandwidths(audioFromCodecs, value, maxVideoRecvKbps, rtcpSenderBps, rtcpReceiverBps,
                minVideoRecvKbps, minVideoSendKbps, maxVideoSendKbps);
    }

    public SdpBandwidths withMaxVideoRecvKbps(int value) {
        return new SdpBandwidths(audioFromCodecs, maxAudioRecvKbps, value, rtcpSenderBps, rtcpReceiverBps,
                minVideoRecvKbps, minVideoSendKbps, maxVideoSendKbps);
    }

    public SdpBandwidths withRtcp(long senderBps, long receiverBps) {
        return new SdpBandwidths(audioFromCodecs, maxAudioRecvKbps, maxVideoRecvKbps, senderBps, receiverBps,
                minVideoRecvKbps, minVideoSendKbps, maxVideoSendKbps);
    }

    public SdpBandwidths withVideoSendKbps(int min, int max) {
        return new SdpBandwidths(audioFromCodecs, maxAudioRecvKbps, maxVideoRecvKbps, rtcpSenderBps,
                rtcpReceiverBps, minVideoRecvKbps, min, max);
    }

    public SdpBandwidths withMinVideoRecvKbps(int value) {
        return new SdpBandwidths(audioFromCodecs, maxAudioRecvKbps, maxVideoRecvKbps, rtcpSenderBps,
                rtcpReceiverBps, value, minVideoSendKbps, maxVideoSendKbps);
    }
}
