package org.webims.media.sdp.negotiation;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The fmtp rules of one encoding: whether an offered format (same name, clock rate, channels) is
 * usable with ours, and the fmtp parameters the answer carries for it. Parameter names are
 * lower-case.
 */
interface FormatMatcher {

    /** The answer's parameters, or empty when the offered parameters rule the format out. */
    Optional<Map<String, String>> answer(Map<String, String> offered, Map<String, String> ours);

    /** Declarative parameters only (Opus, VP8, G.711...): we declare ours; the offerer's shape what we send. */
    FormatMatcher DECLARATIVE = (offered, ours) -> Optional.of(new LinkedHashMap<>(ours));

    static FormatMatcher forEncoding(String encodingName) {
        return switch (encodingName.toUpperCase(java.util.Locale.ROOT)) {
            case "H264" -> new H264Matcher();
            case "AMR", "AMR-WB" -> new AmrMatcher();
            case "TELEPHONE-EVENT" -> new TelephoneEventMatcher();
            default -> DECLARATIVE;
        };
    }
}
