package org.webims.media.sdp.negotiation;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A codec as agreed for one direction: payload type, encoding, and the fmtp parameters that
 * apply to that direction (for sending: what the remote declared it receives; for receiving:
 * what we declared), with the RTCP feedback both support.
 */
public record NegotiatedCodec(int payloadType, String encodingName, int clockRate, int channels,
        Map<String, String> parameters, List<String> rtcpFeedback) {

    public NegotiatedCodec {
        Objects.requireNonNull(encodingName, "encodingName");
        parameters = Map.copyOf(parameters);
        rtcpFeedback = List.copyOf(rtcpFeedback);
    }

    public String parameter(String name) {
        return parameters.get(name);
    }

    public boolean is(String name) {
        return encodingName.equalsIgnoreCase(name);
    }
}
