package org.webims.media.recording;

import java.nio.file.Path;
import java.util.List;
import org.webims.media.filetest.EncodedFrame;
import org.webims.media.filetest.RecordingEvents;
import org.webims.media.filetest.TestEncoders;

/**
 * A process for {@link CrashSafetyTest} to kill: records audio and video in real time into
 * {@code args[1]} with profile {@code args[0]} until it dies, printing STARTED once media flows.
 */
public final class RecordingChild {

    private RecordingChild() {
    }

    public static void main(String[] args) throws Exception {
        ContainerProfile profile = ContainerProfile.valueOf(args[0]);
        boolean webm = profile == ContainerProfile.WEBM;
        List<EncodedFrame> audio = webm ? TestEncoders.opus(10) : TestEncoders.amrWb(10);
        List<EncodedFrame> video = webm ? TestEncoders.vp8(10) : TestEncoders.h264(10);
        List<TrackSpec> tracks = webm ? List.of(TrackSpec.opus(1), TrackSpec.vp8())
                : List.of(TrackSpec.h264(), TrackSpec.amrWb());
        MediaFileWriter writer = new MediaFileWriter(Path.of(args[1]), profile, tracks, new RecordingEvents());
        writer.start();
        long start = System.nanoTime();
        int a = 0;
        int v = 0;
        long loopUs = 10_000_000;
        long loops = 0;
        System.out.println("STARTED");
        System.out.flush();
        while (true) {
            long nowUs = (System.nanoTime() - start) / 1000;
            while (loops * loopUs + audio.get(a).timeUs() <= nowUs) {
                EncodedFrame f = audio.get(a);
                writer.writeAudio(f.data(), 0, f.data().length, loops * loopUs + f.timeUs());
                if (++a == audio.size()) {
                    a = 0;
                }
                EncodedFrame g = video.get(v);
                while (v < video.size() && loops * loopUs + g.timeUs() <= nowUs) {
                    writer.writeVideo(g.data(), 0, g.data().length, loops * loopUs + g.timeUs(), g.keyframe());
                    if (++v < video.size()) {
                        g = video.get(v);
                    }
                }
                if (a == 0) {
                    loops++;
                    v = 0;
                }
            }
            Thread.sleep(5);
        }
    }
}
