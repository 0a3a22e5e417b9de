package org.webims.media.transcode;

import java.lang.reflect.Field;
import java.util.Map;
import java.util.Set;
import org.webims.media.codec.VideoCodecType;
import org.webims.media.pipeline.FormatAdapter;

/**
 * Diagnostic for the video-transcode bench (decision 0051): what the gateway's video transcoders
 * did, per direction (index 0: to H.264, 1: to VP8), as counters summed over the open adapters:
 * frames encoded, key frames encoded, bytes out, pictures decoded, frame failures, key frame
 * requests sent upstream, frames dropped at the hand-off. Read by reflection so that the product
 * keeps no accessor for a bench's diagnostic.
 */
final class VideoWindowWork {

    static final String[] NAMES = {"encode.frames", "encode.keyframes", "output.bytes", "decode.pictures", "failures",
        "keyframeRequests.sent", "queue.dropped"};

    private VideoWindowWork() {
    }

    static long[][] snapshot(CodecFormatAdapterFactory factory) {
        long[][] sum = new long[2][NAMES.length];
        try {
            Field openField = CodecFormatAdapterFactory.class.getDeclaredField("open");
            openField.setAccessible(true);
            Field targetField = VideoTranscoder.class.getDeclaredField("target");
            targetField.setAccessible(true);
            for (Object o : (Set<?>) openField.get(factory)) {
                if (o instanceof VideoTranscoder v) {
                    VideoTranscoder.Target t = (VideoTranscoder.Target) targetField.get(v);
                    int dir = t.codec() == VideoCodecType.H264 ? 0 : 1;
                    Map<String, Long> c = CodecFormatAdapterFactory.counters((FormatAdapter) v);
                    for (int i = 0; i < NAMES.length; i++) {
                        sum[dir][i] += c.getOrDefault(NAMES[i], 0L);
                    }
                }
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        return sum;
    }

    /** "frames k=keyframes B/frame dec=... fail=... pli=... drop=..." of the difference, for one direction. */
    static String describe(long[][] before, long[][] after, int dir) {
        long[] d = new long[NAMES.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = after[dir][i] - before[dir][i];
        }
        return String.format(java.util.Locale.ROOT, "%d fr, key %d, %d B/fr, dec %d, fail %d, kreq %d, drop %d", d[0], d[1],
                d[0] == 0 ? 0 : d[2] / d[0], d[3], d[4], d[5], d[6]);
    }
}
