package org.webims.media.pipeline;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * A codec in its RTP payload format, as SDP names it: {@code opus/48000/2}, {@code AMR-WB/16000}
 * with {@code octet-align=1}, {@code H264/90000} with {@code packetization-mode=1}. Two pads with
 * the same payload format can exchange packets without touching them; the same codec in another
 * payload format needs repacketizing; another codec needs transcoding.
 */
public final class MediaFormat {

    /**
     * fmtp parameters that change the bytes of the RTP payload (RFC 4867 §8.1 octet-align and
     * interleaving, RFC 6184 §8.1 packetization-mode); the others only constrain the encoder.
     */
    private static final Set<String> PAYLOAD_PARAMETERS =
            Set.of("octet-align", "interleaving", "packetization-mode", "crc", "robust-sorting");

    private final MediaType type;
    private final String encoding;
    private final int clockRate;
    private final int channels;
    private final Map<String, String> parameters;

    private MediaFormat(MediaType type, String encoding, int clockRate, int channels,
                        Map<String, String> parameters) {
        this.type = Objects.requireNonNull(type, "type");
        this.encoding = Objects.requireNonNull(encoding, "encoding");
        if (clockRate <= 0) {
            throw new IllegalArgumentException("clock rate must be positive: " + clockRate);
        }
        this.clockRate = clockRate;
        this.channels = Math.max(1, channels);
        TreeMap<String, String> sorted = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        sorted.putAll(parameters);
        this.parameters = java.util.Collections.unmodifiableMap(sorted);
    }

    public static MediaFormat of(MediaType type, String encoding, int clockRate, int channels,
                                 Map<String, String> parameters) {
        return new MediaFormat(type, encoding, clockRate, channels, parameters);
    }

    public static MediaFormat audio(String encoding, int clockRate, int channels) {
        return new MediaFormat(MediaType.AUDIO, encoding, clockRate, channels, Map.of());
    }

    public static MediaFormat video(String encoding) {
        return new MediaFormat(MediaType.VIDEO, encoding, 90_000, 1, Map.of());
    }

    /**
     * Decoded audio between a decoder and a filter: 16-bit signed linear PCM, mono, network
     * byte order (RFC 3551 §4.5.11 L16), one 20 ms frame per packet.
     */
    public static MediaFormat pcm(int sampleRate) {
        return new MediaFormat(MediaType.AUDIO, "L16", sampleRate, 1, Map.of());
    }

    /**
     * Decoded video between a decoder and a filter: one I420 picture per packet, the Y plane
     * then U then V, each tightly packed, of the width and height the parameters give.
     */
    public static MediaFormat i420(int width, int height) {
        return new MediaFormat(MediaType.VIDEO, "I420", 90_000, 1,
                Map.of("width", Integer.toString(width), "height", Integer.toString(height)));
    }

    /** Whether packets of this format carry decoded media ({@link #pcm} or {@link #i420}). */
    public boolean isRaw() {
        return encoding.equalsIgnoreCase("L16") || encoding.equalsIgnoreCase("I420");
    }

    /** An integer fmtp parameter, or {@code fallback} if absent or not a number. */
    public int intParameter(String name, int fallback) {
        String v = parameters.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** The same format with one fmtp parameter set. */
    public MediaFormat with(String name, String value) {
        TreeMap<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        copy.putAll(parameters);
        copy.put(name, value);
        return new MediaFormat(type, encoding, clockRate, channels, copy);
    }

    public MediaType type() { return type; }
    public String encoding() { return encoding; }
    public int clockRate() { return clockRate; }
    public int channels() { return channels; }
    public Map<String, String> parameters() { return parameters; }

    public String parameter(String name, String fallback) {
        return parameters.getOrDefault(name, fallback);
    }

    /** Same codec at the same clock rate, whatever the payload format. */
    public boolean sameCodec(MediaFormat other) {
        return type == other.type && clockRate == other.clockRate
                && encoding.equalsIgnoreCase(other.encoding);
    }

    /** Same codec and same payload layout: packets pass between the two untouched. */
    public boolean samePayloadFormat(MediaFormat other) {
        if (!sameCodec(other)) {
            return false;
        }
        for (String name : PAYLOAD_PARAMETERS) {
            if (!defaulted(name).equals(other.defaulted(name))) {
                return false;
            }
        }
        return true;
    }

    // RFC 4867 §8.1 and RFC 6184 §8.1: an absent parameter means 0.
    private String defaulted(String name) {
        return parameters.getOrDefault(name, "0");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MediaFormat f && type == f.type && clockRate == f.clockRate
                && channels == f.channels && encoding.equalsIgnoreCase(f.encoding)
                && parameters.equals(f.parameters);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, encoding.toLowerCase(Locale.ROOT), clockRate, channels, parameters);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(encoding).append('/').append(clockRate);
        if (channels > 1) {
            s.append('/').append(channels);
        }
        if (!parameters.isEmpty()) {
            s.append(' ').append(parameters);
        }
        return s.toString();
    }
}
