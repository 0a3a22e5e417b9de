package org.webims.media.sdp.negotiation;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Our capabilities per media type, whose codec order wins, and whether an answer names a single
 * codec (plus its telephone-event/CN/rtx companions), as IMS networks tend to expect
 * (TS 26.114 §6.2.2, a single speech codec in the answer).
 */
public record LocalCapabilities(List<MediaCapabilities> media, CodecPreference preference, boolean singleCodec) {

    public LocalCapabilities {
        media = List.copyOf(media);
        Objects.requireNonNull(preference, "preference");
    }

    public static LocalCapabilities of(MediaCapabilities... media) {
        return new LocalCapabilities(List.of(media), CodecPreference.OFFERER, false);
    }

    public LocalCapabilities withPreference(CodecPreference value) {
        return new LocalCapabilities(media, value, singleCodec);
    }

    public LocalCapabilities withSingleCodec(boolean value) {
        return new LocalCapabilities(media, preference, value);
    }

    public Optional<MediaCapabilities> forMedia(String type) {
        return media.stream().filter(m -> m.media().equals(type)).findFirst();
    }
}
