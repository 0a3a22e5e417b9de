package org.webims.media.sdp;

import java.util.List;

/**
 * A t= line and the r= lines after it (RFC 8866 §5.9, §5.10). Start and stop are NTP seconds,
 * 0 0 for an unbounded session as every VoIP SDP has. Repeat lines are kept as written.
 */
public record Timing(long start, long stop, List<String> repeats) {

    public static final Timing UNBOUNDED = new Timing(0, 0, List.of());

    public Timing {
        repeats = List.copyOf(repeats);
    }

    public static Timing parse(String value) throws SdpParseException {
        List<String> f = SdpSyntax.fields(value);
        if (f.size() != 2) {
            throw SdpParseException.syntax("t= needs 2 fields: start-time stop-time");
        }
        long start = SdpSyntax.longInteger(f.get(0), 0, Long.MAX_VALUE / 2, "start time");
        long stop = SdpSyntax.longInteger(f.get(1), 0, Long.MAX_VALUE / 2, "stop time");
        return new Timing(start, stop, List.of());
    }

    Timing withRepeat(String repeat) {
        List<String> more = new java.util.ArrayList<>(repeats);
        more.add(repeat);
        return new Timing(start, stop, more);
    }

    public String value() {
        return start + " " + stop;
    }
}
