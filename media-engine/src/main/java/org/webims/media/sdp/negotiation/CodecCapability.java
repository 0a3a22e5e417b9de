package org.webims.media.sdp.negotiation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.webims.media.sdp.RtpMap;

/**
 * A codec we can receive and send: encoding name, clock rate, channels, the fmtp parameters we
 * declare (and match on, for H.264 and AMR), the RTCP feedback we support ("nack", "nack pli",
 * "ccm fir", "transport-cc", ...) and, for offers, a fixed payload type (-1: assign one).
 */
public record CodecCapability(String encodingName, int clockRate, int channels, Map<String, String> parameters,
        List<String> rtcpFeedback, int payloadType) {

    public CodecCapability {
        Objects.requireNonNull(encodingName, "encodingName");
        Map<String, String> lower = new LinkedHashMap<>();
        parameters.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
        parameters = Collections.unmodifiableMap(lower);
        rtcpFeedback = List.copyOf(rtcpFeedback);
        if (clockRate <= 0 || channels <= 0 || payloadType < -1 || payloadType > 127) {
            throw new IllegalArgumentException("positive clock rate and channels, payload type -1..127");
        }
    }

    public static CodecCapability of(String encodingName, int clockRate, int channels) {
        return new CodecCapability(encodingName, clockRate, channels, Map.of(), List.of(), -1);
    }

    public static CodecCapability of(String encodingName, int clockRate) {
        return of(encodingName, clockRate, 1);
    }

    public CodecCapability withParameter(String name, String value) {
        Map<String, String> p = new LinkedHashMap<>(parameters);
        p.put(name, value);
        return new CodecCapability(encodingName, clockRate, channels, p, rtcpFeedback, payloadType);
    }

    public CodecCapability withFeedback(String... feedback) {
        List<String> f = new ArrayList<>(rtcpFeedback);
        f.addAll(List.of(feedback));
        return new CodecCapability(encodingName, clockRate, channels, parameters, f, payloadType);
    }

    public CodecCapability withPayloadType(int pt) {
        return new CodecCapability(encodingName, clockRate, channels, parameters, rtcpFeedback, pt);
    }

    /** Same encoding (case-insensitive, RFC 4855 §3), clock rate and channel count. */
    public boolean sameEncoding(RtpMap map) {
        return encodingName.equalsIgnoreCase(map.encodingName()) && clockRate == map.clockRate()
                && channels == map.channels();
    }

    public boolean is(String name) {
        return encodingName.equalsIgnoreCase(name);
    }
}
