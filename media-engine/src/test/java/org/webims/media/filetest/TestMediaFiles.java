package org.webims.media.filetest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.webims.media.recording.ContainerProfile;
import org.webims.media.recording.MediaFileWriter;
import org.webims.media.recording.TrackSpec;
import org.webims.media.recording.WriterSettings;

/** Media files written by the engine's own writer from {@link TestEncoders} media, for players. */
public final class TestMediaFiles {

    private TestMediaFiles() {
    }

    /** WebM with Opus (mono) and VP8, {@code seconds} long, a keyframe every second. */
    public static Path webm(Path file, double seconds) throws InterruptedException {
        return write(file, ContainerProfile.WEBM, List.of(TrackSpec.opus(1), TrackSpec.vp8()),
                TestEncoders.opus(seconds), TestEncoders.vp8(seconds), seconds);
    }

    /** MP4 (3GP brand) with AMR-WB and H.264, {@code seconds} long, a keyframe every second. */
    public static Path mp4(Path file, double seconds) throws InterruptedException {
        return write(file, ContainerProfile.MP4, List.of(TrackSpec.h264(), TrackSpec.amrWb()),
                TestEncoders.amrWb(seconds), TestEncoders.h264(seconds), seconds);
    }

    private static Path write(Path file, ContainerProfile profile, List<TrackSpec> tracks,
                              List<EncodedFrame> audio, List<EncodedFrame> video, double seconds)
            throws InterruptedException {
        MediaFileWriter w = new MediaFileWriter(file, profile, tracks, new RecordingEvents(),
                WriterSettings.defaults().withQueueCapacity(4096));
        w.start();
        FrameFeeder.feed(w, audio, video, 0, Math.round(seconds * 1_000_000));
        if (!w.stopAndWait(Duration.ofSeconds(30))) {
            throw new AssertionError("test file not written: " + file);
        }
        return file;
    }
}
