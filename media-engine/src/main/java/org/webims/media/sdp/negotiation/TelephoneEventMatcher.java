package org.webims.media.sdp.negotiation;

import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * telephone-event (RFC 4733 §2.4.1): the answer lists the events both support; no fmtp means
 * events 0-15. (Its clock rate is matched to the audio codec's by the answerer.)
 */
final class TelephoneEventMatcher implements FormatMatcher {

    private static final String DEFAULT_EVENTS = "0-15";
    private static final int MAX_EVENT = 255;

    @Override
    public Optional<Map<String, String>> answer(Map<String, String> offered, Map<String, String> ours) {
        BitSet events = events(eventList(offered));
        events.and(events(eventList(ours)));
        if (events.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> answer = new LinkedHashMap<>();
        answer.put(format(events), "");
        return Optional.of(answer);
    }

    /** The event list is the fmtp entry without '=' (e.g. "0-15,66"). */
    private static String eventList(Map<String, String> parameters) {
        for (Map.Entry<String, String> e : parameters.entrySet()) {
            if (e.getValue().isEmpty()) {
                return e.getKey();
            }
        }
        return DEFAULT_EVENTS;
    }

    static BitSet events(String list) {
        BitSet set = new BitSet(MAX_EVENT + 1);
        for (String part : list.split(",")) {
            String[] range = part.trim().split("-", -1);
            int from = number(range[0]);
            int to = range.length == 2 ? number(range[1]) : from;
            if (range.length <= 2 && from >= 0 && to >= from) {
                set.set(from, to + 1);
            }
        }
        return set;
    }

    private static int number(String s) {
        return !s.isEmpty() && s.length() <= 3 && s.chars().allMatch(Character::isDigit)
                ? Math.min(Integer.parseInt(s), MAX_EVENT) : -1;
    }

    static String format(BitSet events) {
        StringBuilder b = new StringBuilder();
        int from = events.nextSetBit(0);
        while (from >= 0) {
            int to = events.nextClearBit(from) - 1;
            if (b.length() > 0) {
                b.append(',');
            }
            b.append(from);
            if (to > from) {
                b.append('-').append(to);
            }
            from = events.nextSetBit(to + 1);
        }
        return b.toString();
    }
}
