package org.webims.media.sdp.negotiation;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.webims.media.sdp.Fmtp;
import org.webims.media.sdp.MediaDescription;
import org.webims.media.sdp.RtcpFeedback;
import org.webims.media.sdp.RtpMap;

/**
 * Picks the payload types of an offered m-line we accept, keeping the offerer's numbers
 * (RFC 3264 §6.1): the media codecs in the preferred order, then the companions that depend on
 * them: telephone-event and CN at a chosen codec's clock rate (RFC 4733 §2.1, RFC 3389 §4),
 * rtx whose apt is accepted (RFC 4588 §8.6), red whose redundant formats are, ulpfec/flexfec.
 */
final class CodecSelector {

    /** An accepted payload type: its rtpmap, the offered and the answer parameters, our feedback. */
    record Accepted(int payloadType, RtpMap rtpMap, Map<String, String> offered, Map<String, String> answer,
            List<String> feedback, boolean primary) {

        NegotiatedCodec sending() {
            return new NegotiatedCodec(payloadType, rtpMap.encodingName(), rtpMap.clockRate(), rtpMap.channels(),
                    offered, feedback);
        }

        NegotiatedCodec receiving() {
            return new NegotiatedCodec(payloadType, rtpMap.encodingName(), rtpMap.clockRate(), rtpMap.channels(),
                    answer, feedback);
        }
    }

    static final Set<String> COMPANIONS = Set.of("telephone-event", "cn", "rtx", "red", "ulpfec", "flexfec-03");

    private CodecSelector() {
    }

    static boolean isCompanion(String encodingName) {
        return COMPANIONS.contains(encodingName.toLowerCase(Locale.ROOT));
    }

    static List<Accepted> select(MediaDescription offered, MediaCapabilities caps, CodecPreference preference,
            boolean singleCodec) {
        boolean feedback = offered.proto().endsWith("AVPF");
        List<Integer> primaries = new ArrayList<>();
        for (int pt : offered.payloadTypes()) {
            Optional<RtpMap> map = offered.rtpMap(pt);
            if (map.isPresent() && !isCompanion(map.get().encodingName())) {
                primaries.add(pt);
            }
        }
        List<CodecCapability> ours = caps.codecs().stream().filter(c -> !isCompanion(c.encodingName())).toList();
        List<Accepted> accepted = new ArrayList<>();
        if (preference == CodecPreference.OFFERER) {
            for (int pt : primaries) {
                for (CodecCapability cap : ours) {
                    Optional<Accepted> a = match(offered, pt, cap, true, feedback);
                    if (a.isPresent()) {
                        accepted.add(a.get());
                        break;
                    }
                }
            }
        } else {
            for (CodecCapability cap : ours) {
                for (int pt : primaries) {
                    if (accepted.stream().noneMatch(a -> a.payloadType == pt)) {
                        match(offered, pt, cap, true, feedback).ifPresent(accepted::add);
                    }
                }
            }
        }
        if (accepted.isEmpty()) {
            return accepted;
        }
        if (singleCodec) {
            accepted.subList(1, accepted.size()).clear();
        }
        addCompanions(offered, caps, accepted, feedback);
        return accepted;
    }

    private static void addCompanions(MediaDescription offered, MediaCapabilities caps, List<Accepted> accepted,
            boolean feedback) {
        Set<Integer> clockRates = new LinkedHashSet<>();
        Set<Integer> primaryPts = new LinkedHashSet<>();
        for (Accepted a : accepted) {
            clockRates.add(a.rtpMap.clockRate());
            primaryPts.add(a.payloadType);
        }
        for (int pt : offered.payloadTypes()) {
            Optional<RtpMap> map = offered.rtpMap(pt);
            if (map.isEmpty() || !isCompanion(map.get().encodingName())) {
                continue;
            }
            String name = map.get().encodingName().toLowerCase(Locale.ROOT);
            Map<String, String> params = offered.fmtp(pt).map(Fmtp::parameterMap).orElse(Map.of());
            boolean dependsOk = switch (name) {
                case "telephone-event", "cn" -> clockRates.contains(map.get().clockRate());
                case "rtx" -> feedback && primaryPts.contains(OpusParameters.number(params.get("apt"), -1));
                case "red" -> redundantFormatsAccepted(params, primaryPts);
                default -> true;
            };
            if (!dependsOk) {
                continue;
            }
            for (CodecCapability cap : caps.codecs()) {
                Optional<Accepted> a = match(offered, pt, cap, false, feedback);
                if (a.isPresent()) {
                    accepted.add(a.get());
                    break;
                }
            }
        }
    }

    /** RFC 2198 §5: red's fmtp lists the redundant payload types, "111/111"; each must be accepted. */
    private static boolean redundantFormatsAccepted(Map<String, String> params, Set<Integer> accepted) {
        for (String key : params.keySet()) {
            for (String pt : key.split("/")) {
                if (!accepted.contains(OpusParameters.number(pt, -1))) {
                    return false;
                }
            }
        }
        return true;
    }

    private static Optional<Accepted> match(MediaDescription offered, int pt, CodecCapability cap, boolean primary,
            boolean withFeedback) {
        RtpMap map = offered.rtpMap(pt).orElseThrow();
        if (!cap.sameEncoding(map)) {
            return Optional.empty();
        }
        Map<String, String> offeredParams = offered.fmtp(pt).map(Fmtp::parameterMap).orElse(Map.of());
        Optional<Map<String, String>> answer;
        if (cap.is("rtx") || cap.is("red")) {
            answer = Optional.of(offeredParams); // they only name other payload types of this m-line
        } else {
            answer = FormatMatcher.forEncoding(map.encodingName()).answer(offeredParams, cap.parameters());
        }
        if (answer.isEmpty()) {
            return Optional.empty();
        }
        List<String> feedback = new ArrayList<>();
        if (withFeedback) {
            for (RtcpFeedback f : offered.rtcpFeedback(pt)) {
                if (cap.rtcpFeedback().contains(f.feedback()) && !feedback.contains(f.feedback())) {
                    feedback.add(f.feedback());
                }
            }
        }
        return Optional.of(new Accepted(pt, map, offeredParams, answer.get(), feedback, primary));
    }
}
