package org.webims.webrtc.sdp;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The names of the streams we send, fixed for the endpoint's life so renegotiations keep them:
 * the RTCP CNAME (RFC 7022 §4.2: random), the msid stream id and track ids (RFC 8830), and the
 * SSRCs of audio, video and video retransmission (RFC 4588 §8).
 */
public record LocalIdentity(String cname, String streamId, int audioSsrc, int videoSsrc, int videoRtxSsrc) {

    public static LocalIdentity generate(SecureRandom random) {
        byte[] id = new byte[12];
        random.nextBytes(id);
        String hex = HexFormat.of().formatHex(id);
        int audio = random.nextInt();
        int video = random.nextInt();
        int rtx = random.nextInt();
        while (video == audio) {
            video = random.nextInt();
        }
        while (rtx == audio || rtx == video) {
            rtx = random.nextInt();
        }
        return new LocalIdentity(hex.substring(0, 16), "webims-" + hex.substring(16), audio, video, rtx);
    }

    public String trackId(String media) {
        return streamId + "-" + media;
    }
}
