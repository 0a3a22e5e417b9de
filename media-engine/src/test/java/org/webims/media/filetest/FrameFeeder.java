package org.webims.media.filetest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.webims.media.recording.MediaFileWriter;

/**
 * Hands test frames to a writer in time order, as a pipeline would: audio and video on one
 * microsecond clock whose origin is far from 0.
 */
public final class FrameFeeder {

    public static final long CLOCK_ORIGIN_US = 7_000_000_000L;

    private FrameFeeder() {
    }

    /** Feeds frames with {@code fromUs <= time < toUs}; returns how many the writer queued. */
    public static int feed(MediaFileWriter writer, List<EncodedFrame> audio, List<EncodedFrame> video,
                           long fromUs, long toUs) {
        List<Object[]> all = new ArrayList<>();
        if (audio != null) {
            audio.forEach(f -> all.add(new Object[] {f, Boolean.FALSE}));
        }
        if (video != null) {
            video.forEach(f -> all.add(new Object[] {f, Boolean.TRUE}));
        }
        all.sort(Comparator.comparingLong(o -> ((EncodedFrame) o[0]).timeUs()));
        int queued = 0;
        for (Object[] o : all) {
            EncodedFrame f = (EncodedFrame) o[0];
            if (f.timeUs() < fromUs || f.timeUs() >= toUs) {
                continue;
            }
            boolean ok = (Boolean) o[1]
                    ? writer.writeVideo(f.data(), 0, f.data().length, CLOCK_ORIGIN_US + f.timeUs(), f.keyframe())
                    : writer.writeAudio(f.data(), 0, f.data().length, CLOCK_ORIGIN_US + f.timeUs());
            queued += ok ? 1 : 0;
        }
        return queued;
    }

    /** Like {@link #feed}, with the audio as 20 ms blocks of 16-bit mono PCM at {@code rate}. */
    public static int feedPcm(MediaFileWriter writer, short[] pcm, int rate, List<EncodedFrame> video,
                              long fromUs, long toUs) {
        int block = rate / 50;
        int queued = 0;
        int v = 0;
        for (int start = 0; start + block <= pcm.length; start += block) {
            long t = start * 1_000_000L / rate;
            while (video != null && v < video.size() && video.get(v).timeUs() <= t) {
                EncodedFrame f = video.get(v++);
                if (f.timeUs() >= fromUs && f.timeUs() < toUs) {
                    queued += writer.writeVideo(f.data(), 0, f.data().length, CLOCK_ORIGIN_US + f.timeUs(),
                            f.keyframe()) ? 1 : 0;
                }
            }
            if (t >= fromUs && t < toUs) {
                queued += writer.writePcm(pcm, start, block, CLOCK_ORIGIN_US + t) ? 1 : 0;
            }
        }
        return queued;
    }
}
