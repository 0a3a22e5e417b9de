package org.webims.media.sdp.negotiation;

import java.util.Map;

/**
 * The Opus fmtp parameters a receiver declares (RFC 7587 §6.1), read from a negotiated send
 * codec: they shape what our encoder produces. Absent numbers are 0.
 */
public record OpusParameters(boolean stereo, boolean inbandFec, boolean dtx, boolean cbr, int maxPlaybackRate,
        int maxAverageBitrate, int minptime) {

    public static OpusParameters of(Map<String, String> p) {
        return new OpusParameters("1".equals(p.get("stereo")), "1".equals(p.get("useinbandfec")),
                "1".equals(p.get("usedtx")), "1".equals(p.get("cbr")), number(p.get("maxplaybackrate"), 48000),
                number(p.get("maxaveragebitrate"), 0), number(p.get("minptime"), 0));
    }

    static int number(String s, int absent) {
        return s != null && !s.isEmpty() && s.length() < 10 && s.chars().allMatch(Character::isDigit)
                ? Integer.parseInt(s) : absent;
    }
}
