package org.webims.media.sdp.negotiation;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * H.264 offer/answer (RFC 6184 §8.2.2): packetization-mode must be equal; the profile (per
 * Table 5) must be the same; the answer's level is at most the offered one, unless both sides
 * allow level asymmetry, when each declares the level it can receive.
 */
final class H264Matcher implements FormatMatcher {

    static final String PACKETIZATION_MODE = "packetization-mode";
    static final String PROFILE_LEVEL_ID = "profile-level-id";
    static final String LEVEL_ASYMMETRY = "level-asymmetry-allowed";

    @Override
    public Optional<Map<String, String>> answer(Map<String, String> offered, Map<String, String> ours) {
        if (!offered.getOrDefault(PACKETIZATION_MODE, "0").equals(ours.getOrDefault(PACKETIZATION_MODE, "0"))) {
            return Optional.empty();
        }
        Optional<H264ProfileLevelId> theirs = H264ProfileLevelId.parse(
                offered.getOrDefault(PROFILE_LEVEL_ID, H264ProfileLevelId.DEFAULT));
        Optional<H264ProfileLevelId> mine = H264ProfileLevelId.parse(
                ours.getOrDefault(PROFILE_LEVEL_ID, H264ProfileLevelId.DEFAULT));
        if (theirs.isEmpty() || mine.isEmpty() || theirs.get().profile() != mine.get().profile()) {
            return Optional.empty();
        }
        boolean asymmetric = "1".equals(offered.get(LEVEL_ASYMMETRY)) && "1".equals(ours.get(LEVEL_ASYMMETRY));
        int level = asymmetric ? mine.get().level() : Math.min(theirs.get().level(), mine.get().level());
        Map<String, String> answer = new LinkedHashMap<>(ours);
        answer.put(PROFILE_LEVEL_ID, theirs.get().withLevel(level).hex());
        return Optional.of(answer);
    }
}
