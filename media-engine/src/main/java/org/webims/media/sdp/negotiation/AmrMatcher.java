package org.webims.media.sdp.negotiation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * AMR and AMR-WB offer/answer (RFC 4867 §8.3.1): octet-align, crc, robust-sorting and
 * interleaving must be equal (an MTSI offer carries one payload type per framing); the mode-set
 * is the intersection of both when both restrict it. mode-change-capability, -period, -neighbor
 * and max-red are not matched: our value goes in the answer, else the offered one is echoed.
 */
final class AmrMatcher implements FormatMatcher {

    private static final String[] MUST_MATCH = {"octet-align", "crc", "robust-sorting", "interleaving"};
    private static final String[] PASS_THROUGH = {"mode-change-capability", "mode-change-period",
        "mode-change-neighbor", "max-red"};
    static final String MODE_SET = "mode-set";

    @Override
    public Optional<Map<String, String>> answer(Map<String, String> offered, Map<String, String> ours) {
        for (String p : MUST_MATCH) {
            if (!offered.getOrDefault(p, "0").equals(ours.getOrDefault(p, "0"))) {
                return Optional.empty();
            }
        }
        Map<String, String> answer = new LinkedHashMap<>(ours);
        String theirModes = offered.get(MODE_SET);
        String ourModes = ours.get(MODE_SET);
        if (theirModes != null || ourModes != null) {
            Optional<String> modes = intersect(theirModes, ourModes);
            if (modes.isEmpty()) {
                return Optional.empty();
            }
            answer.put(MODE_SET, modes.get());
        }
        for (String p : PASS_THROUGH) {
            if (!answer.containsKey(p) && offered.containsKey(p)) {
                answer.put(p, offered.get(p));
            }
        }
        return Optional.of(answer);
    }

    /** The modes in both lists (a null list allows every mode), in ascending order; empty if none. */
    private static Optional<String> intersect(String a, String b) {
        TreeSet<Integer> modes = a == null ? parse(b) : parse(a);
        if (a != null && b != null) {
            modes.retainAll(parse(b));
        }
        if (modes.isEmpty()) {
            return Optional.empty();
        }
        List<String> out = new ArrayList<>(modes.size());
        modes.forEach(m -> out.add(Integer.toString(m)));
        return Optional.of(String.join(",", out));
    }

    private static TreeSet<Integer> parse(String list) {
        TreeSet<Integer> out = new TreeSet<>();
        for (String s : list.split(",")) {
            String t = s.trim();
            if (!t.isEmpty() && t.length() < 3 && t.chars().allMatch(Character::isDigit)) {
                out.add(Integer.parseInt(t));
            }
        }
        return out;
    }
}
