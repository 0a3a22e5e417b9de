package org.webims.media.endpoint.recorder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.webims.media.pipeline.MediaFormat;
import org.webims.media.pipeline.MediaType;
import org.webims.media.recording.ContainerProfile;
import org.webims.media.recording.TrackCodec;
import org.webims.media.recording.TrackSpec;

/**
 * Kurento's {@code MediaProfileSpecType}: a container and the codec of each track. The sink pads
 * of a recorder take the payload formats of these codecs, so the pipeline transcodes anything else
 * in front of it. MP4 is the IMS layout (H.264 and AMR-WB, 3GPP TS 26.244); MP4_AAC is Kurento's
 * MP4 (H.264 and AAC, the AAC encoded here from 48 kHz PCM). MKV is Kurento's H.264 and Opus.
 */
public enum RecordingProfile {
    WEBM(ContainerProfile.WEBM, TrackCodec.OPUS, TrackCodec.VP8),
    WEBM_AUDIO_ONLY(ContainerProfile.WEBM, TrackCodec.OPUS, null),
    WEBM_VIDEO_ONLY(ContainerProfile.WEBM, null, TrackCodec.VP8),
    MP4(ContainerProfile.MP4, TrackCodec.AMR_WB, TrackCodec.H264),
    MP4_AUDIO_ONLY(ContainerProfile.MP4, TrackCodec.AMR_WB, null),
    MP4_VIDEO_ONLY(ContainerProfile.MP4, null, TrackCodec.H264),
    MP4_AAC(ContainerProfile.MP4, TrackCodec.AAC, TrackCodec.H264),
    MP4_AAC_AUDIO_ONLY(ContainerProfile.MP4, TrackCodec.AAC, null),
    MKV(ContainerProfile.MKV, TrackCodec.OPUS, TrackCodec.H264),
    MKV_AUDIO_ONLY(ContainerProfile.MKV, TrackCodec.OPUS, null),
    MKV_VIDEO_ONLY(ContainerProfile.MKV, null, TrackCodec.H264);

    /** The PCM rate AAC tracks are recorded from. */
    static final int AAC_PCM_RATE = 48_000;

    private static final MediaFormat OPUS = MediaFormat.audio("opus", 48_000, 2);
    // dtx=0 (decision 0019): a transcoder toward a recording sends no SID frames, which FFmpeg's
    // AMR-WB decoder cannot decode ("not yet implemented"), so the file plays cleanly everywhere
    private static final MediaFormat AMR_WB_OCTET_ALIGNED =
            MediaFormat.of(MediaType.AUDIO, "AMR-WB", 16_000, 1, Map.of("octet-align", "1", "dtx", "0"));
    private static final MediaFormat AMR_WB_BANDWIDTH_EFFICIENT = MediaFormat.audio("AMR-WB", 16_000, 1)
            .with("dtx", "0");
    private static final MediaFormat VP8 = MediaFormat.video("VP8");
    private static final MediaFormat H264_MODE_1 =
            MediaFormat.of(MediaType.VIDEO, "H264", 90_000, 1, Map.of("packetization-mode", "1"));
    private static final MediaFormat H264_MODE_0 = MediaFormat.video("H264");

    private final ContainerProfile container;
    private final TrackCodec audio;
    private final TrackCodec video;

    RecordingProfile(ContainerProfile container, TrackCodec audio, TrackCodec video) {
        this.container = container;
        this.audio = audio;
        this.video = video;
    }

    public ContainerProfile container() { return container; }

    /** The codec of the track of {@code type}, or null if this profile has none. */
    public TrackCodec codec(MediaType type) {
        return type == MediaType.AUDIO ? audio : video;
    }

    /** The tracks a writer declares for this profile. */
    List<TrackSpec> tracks() {
        List<TrackSpec> out = new ArrayList<>(2);
        if (audio != null) {
            out.add(switch (audio) {
                case OPUS -> TrackSpec.opus(2);
                case AMR_WB -> TrackSpec.amrWb();
                case AAC -> TrackSpec.aacFromPcm(AAC_PCM_RATE, 1);
                default -> throw new IllegalStateException("no audio track for " + audio);
            });
        }
        if (video != null) {
            out.add(video == TrackCodec.VP8 ? TrackSpec.vp8() : TrackSpec.h264());
        }
        return out;
    }

    /**
     * Payload formats the sink pad of {@code type} takes, preferred first. Both AMR-WB layouts and
     * both H.264 modes are depacketized here (mode 0 is a subset of mode 1, RFC 6184 §6.2), so a
     * stream in either passes without a repacketizer.
     */
    List<MediaFormat> acceptedFormats(MediaType type) {
        TrackCodec codec = codec(type);
        if (codec == null) {
            return List.of();
        }
        return switch (codec) {
            case OPUS -> List.of(OPUS);
            case AMR_WB -> List.of(AMR_WB_OCTET_ALIGNED, AMR_WB_BANDWIDTH_EFFICIENT);
            case AAC -> List.of(MediaFormat.pcm(AAC_PCM_RATE));
            case VP8 -> List.of(VP8);
            case H264 -> List.of(H264_MODE_1, H264_MODE_0);
            default -> throw new IllegalStateException("no payload format for " + codec);
        };
    }
}
