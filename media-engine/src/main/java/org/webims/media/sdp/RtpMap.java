package org.webims.media.sdp;

import java.util.Objects;

/**
 * a=rtpmap (RFC 8866 §6.6): payload type, encoding name, clock rate and the optional encoding
 * parameters (the channel count for audio).
 */
public record RtpMap(int payloadType, String encodingName, int clockRate, String encodingParameters)
        implements SdpAttribute {

    public static final String NAME = "rtpmap";

    public RtpMap {
        Objects.requireNonNull(encodingName, "encodingName");
        if (payloadType < 0 || payloadType > 127 || clockRate <= 0) {
            throw new IllegalArgumentException("payload type 0..127 and a positive clock rate");
        }
    }

    public static RtpMap of(int payloadType, String encodingName, int clockRate, int channels) {
        return new RtpMap(payloadType, encodingName, clockRate, channels > 1 ? Integer.toString(channels) : null);
    }

    public static RtpMap parse(String value) throws SdpParseException {
        int sp = value.indexOf(' ');
        if (sp <= 0) {
            throw SdpParseException.syntax("rtpmap must be <payload type> <encoding name>/<clock rate>[/<parameters>]");
        }
        int pt = SdpSyntax.integer(value.substring(0, sp), 0, 127, "rtpmap payload type");
        String[] parts = value.substring(sp + 1).trim().split("/", -1);
        if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty()) {
            throw SdpParseException.syntax("rtpmap must be <payload type> <encoding name>/<clock rate>[/<parameters>]");
        }
        String name = SdpSyntax.token(parts[0], "encoding name");
        int clock = SdpSyntax.integer(parts[1], 1, Integer.MAX_VALUE, "clock rate");
        String params = null;
        if (parts.length == 3) {
            params = SdpSyntax.token(parts[2], "encoding parameters");
        }
        return new RtpMap(pt, name, clock, params);
    }

    /** The channel count: the encoding parameters when numeric, else 1 (RFC 8866 §6.6). */
    public int channels() {
        if (encodingParameters != null && SdpSyntax.isDigits(encodingParameters) && encodingParameters.length() < 4) {
            return Integer.parseInt(encodingParameters);
        }
        return 1;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String value() {
        String v = payloadType + " " + encodingName + '/' + clockRate;
        return encodingParameters == null ? v : v + '/' + encodingParameters;
    }
}
