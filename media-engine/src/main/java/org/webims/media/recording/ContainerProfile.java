package org.webims.media.recording;

import java.util.EnumSet;
import java.util.Set;

/**
 * The file layouts the recorder writes, with the codecs each accepts (Kurento's
 * {@code MediaProfileSpecType} for WEBM, MP4 and MKV).
 */
public enum ContainerProfile {
    WEBM(EnumSet.of(TrackCodec.OPUS, TrackCodec.VP8)),
    /** ISO BMFF; with AMR-WB the 3GPP brand (3GPP TS 26.244), as plain "mp4" has no AMR entry. */
    MP4(EnumSet.of(TrackCodec.H264, TrackCodec.AAC, TrackCodec.AMR_WB)),
    MKV(EnumSet.of(TrackCodec.OPUS, TrackCodec.AMR_WB, TrackCodec.VP8, TrackCodec.H264, TrackCodec.AAC));

    private final Set<TrackCodec> codecs;

    ContainerProfile(Set<TrackCodec> codecs) {
        this.codecs = codecs;
    }

    public boolean accepts(TrackCodec codec) {
        return codecs.contains(codec);
    }

    /** The FFmpeg muxer for this profile and audio codec (null when there is no audio). */
    String muxerName(TrackCodec audio) {
        return switch (this) {
            case WEBM -> "webm";
            case MKV -> "matroska";
            case MP4 -> audio == TrackCodec.AMR_WB ? "3gp" : "mp4";
        };
    }
}
